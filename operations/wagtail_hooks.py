"""Admin integration of operations: the background-task report under 报告 (portal administrator only)
and two-factor sign-in (setup, verify, recovery codes, the administrator's reset)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.widgets.button import Button

from . import twofactor_views
from .admin_views import TaskReportView


@hooks.register("register_admin_urls")
def register_operations_urls():
    return [
        path("reports/tasks/", TaskReportView.as_view(), name="operations_tasks"),
        path("reports/tasks/results/", TaskReportView.as_view(results_only=True), name="operations_tasks_results"),
        path("two-factor/", twofactor_views.manage, name="two_factor_manage"),
        path("two-factor/setup/", twofactor_views.setup, name="two_factor_setup"),
        path("two-factor/verify/", twofactor_views.verify, name="two_factor_verify"),
        path("two-factor/recovery-codes/", twofactor_views.recovery_codes, name="two_factor_recovery_codes"),
        path("two-factor/turn-off/", twofactor_views.turn_off, name="two_factor_turn_off"),
        path("two-factor/reset/<int:pk>/", twofactor_views.reset, name="two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Sign in with a code from an authenticator app as well as your password."),
    }


@hooks.register("register_user_listing_buttons")
def register_two_factor_reset_button(user, request_user):
    if not request_user.is_superuser:
        return []
    return [Button(_("Reset two-factor sign-in"), reverse("two_factor_reset", args=[user.pk]), priority=90)]


@hooks.register("register_reports_menu_item")
def register_task_report_menu_item():
    return AdminOnlyMenuItem(_("Background tasks"), reverse("operations_tasks"), icon_name="cogs", order=750)
