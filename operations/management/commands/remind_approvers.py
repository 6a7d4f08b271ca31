"""Remind approvers of approval tasks waiting longer than MODERATION_REMINDER_HOURS (run hourly).

Sent through base.mail.OnceMailer like every job's mail: each approver gets one reminder per task
and reminder period however often the command runs, and a reminder that could not be sent goes out on
the next run."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from base.mail import OnceMailer


def waiting_tasks(now, period):
    """(task state, the number of whole reminder periods it has waited) of tasks waiting a period or more."""
    tasks = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, started_at__lte=now - period)
    for task_state in tasks.select_related("task"):
        yield task_state, int((now - task_state.started_at) / period)


def approvers(task):
    groups = getattr(task, "groups", None)
    if groups is None:
        return []
    users = get_user_model().objects.filter(groups__in=groups.all(), is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True).distinct())


class Command(BaseCommand):
    help = "E-mail the approvers of tasks that have waited too long, once per reminder period."

    def handle(self, *args, **options):
        period = datetime.timedelta(hours=settings.MODERATION_REMINDER_HOURS)
        with OnceMailer() as mailer:
            for task_state, periods in waiting_tasks(timezone.now(), period):
                task = task_state.task.specific
                page = task_state.workflow_state.content_object
                title = page.get_admin_display_title()
                mailer.send(
                    approvers(task),
                    f"approval-reminder:{task_state.pk}",
                    str(periods),
                    _("Reminder: “%(title)s” is waiting for your approval") % {"title": title},
                    _(
                        "“%(title)s” has been waiting for “%(task)s” since %(since)s. Please review it in the admin: %(url)s"
                    )
                    % {
                        "title": title,
                        "task": task.name,
                        "since": timezone.localtime(task_state.started_at).strftime("%Y-%m-%d %H:%M"),
                        "url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/",
                    },
                )
        self.stdout.write(_("%(count)d reminders sent.") % {"count": mailer.sent})
