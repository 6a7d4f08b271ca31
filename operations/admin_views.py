"""The background-task report (portal administrator only): waiting, running and failed tasks."""

from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from moderation.views import PortalAdministratorOnlyMixin

STATUS_LABELS = {
    TaskResultStatus.READY: _("Waiting"),
    TaskResultStatus.RUNNING: _("Running"),
    TaskResultStatus.FAILED: _("Failed"),
}


def status_label(result):
    if result.status == TaskResultStatus.READY and result.worker_ids:
        return _("Waiting to retry")
    return STATUS_LABELS.get(result.status, result.status)


def next_attempt(result):
    return result.run_after if result.run_after != get_date_max() else None


class TaskReportView(PortalAdministratorOnlyMixin, ReportView):
    page_title = _("Background tasks")
    header_icon = "cogs"
    index_url_name = "operations_tasks"
    index_results_url_name = "operations_tasks_results"
    columns = [
        Column("task", label=_("Task"), accessor="task_path"),
        Column("status", label=_("Status"), accessor=status_label),
        Column("attempts", label=_("Attempts"), accessor=lambda result: len(result.worker_ids)),
        DateColumn("enqueued_at", label=_("Enqueued")),
        DateColumn("next_attempt", label=_("Next attempt"), accessor=next_attempt),
        Column("last_error", label=_("Last error"), accessor=lambda result: result.exception_class_path),
    ]

    def get_queryset(self):
        return DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).order_by("-enqueued_at")
