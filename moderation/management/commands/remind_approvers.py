"""Remind approvers of approval tasks waiting longer than MODERATION_REMINDER_HOURS (run hourly)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from moderation.models import ApprovalReminder


class Command(BaseCommand):
    help = "E-mail the approvers of tasks that have waited too long, once per reminder period."

    def handle(self, *args, **options):
        threshold = timezone.now() - timedelta(hours=settings.MODERATION_REMINDER_HOURS)
        waiting = (
            TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, started_at__lt=threshold)
            .exclude(pk__in=ApprovalReminder.objects.filter(reminded_at__gte=threshold).values("task_state"))
            .select_related("task")
        )
        sent = 0
        for task_state in waiting:
            task = task_state.task.specific
            groups = getattr(task, "groups", None)
            if groups is None:
                continue
            recipients = list(
                get_user_model()
                .objects.filter(Q(groups__in=groups.all()), is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
                .distinct()
            )
            if not recipients:
                continue
            page = task_state.workflow_state.content_object
            send_mail(
                _("Reminder: “%(title)s” is waiting for your approval") % {"title": page.get_admin_display_title()},
                _("“%(title)s” has been waiting for “%(task)s” since %(since)s. Please review it in the admin: %(url)s")
                % {
                    "title": page.get_admin_display_title(),
                    "task": task.name,
                    "since": timezone.localtime(task_state.started_at).strftime("%Y-%m-%d %H:%M"),
                    "url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/",
                },
                settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL,
                recipients,
            )
            ApprovalReminder.objects.update_or_create(task_state=task_state, defaults={"reminded_at": timezone.now()})
            sent += 1
        self.stdout.write(_("%(count)d reminders sent.") % {"count": sent})
