"""Admin integration of operations: the background-task report under 报告 (portal administrator only)."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .admin_views import TaskReportView


@hooks.register("register_admin_urls")
def register_operations_urls():
    return [
        path("reports/tasks/", TaskReportView.as_view(), name="operations_tasks"),
        path("reports/tasks/results/", TaskReportView.as_view(results_only=True), name="operations_tasks_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_task_report_menu_item():
    return AdminOnlyMenuItem(_("Background tasks"), reverse("operations_tasks"), icon_name="cogs", order=750)
