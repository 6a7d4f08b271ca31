"""Admin registration: the scoped case listing and handling screen, the deadline monitor,
the dashboard panel and the administrator's working-day calendar."""

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from base.roles import is_portal_centre
from subsites.models import Unit

from .admin_views import CaseHandleView, DeadlineMonitorView, attachment
from .interview_admin import QuestionViewSet, TranscriptViewSet
from .models import CalendarDay, Case, Deadline, DeadlineState
from .monitor import near_due_deadlines
from .scoping import cases_for
from .survey_admin import SurveyResponseViewSet
from .workdays import package_covers, year_days


def works_on_cases(user):
    return user.is_active and (is_portal_centre(user) or Unit.objects.for_user(user).exists())


class CasePermissionPolicy(BasePermissionPolicy):
    """Cases are only viewed (and handled through the handling screen); nobody adds, edits or deletes them."""

    def user_has_permission(self, user, action):
        return action == "view" and works_on_cases(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        return cases_for(user) if self.user_has_any_permission(user, actions) else Case.objects.none()


class CaseIndexView(IndexView):
    def get_base_queryset(self):
        return cases_for(self.request.user).select_related("unit")

    def get_edit_url(self, instance):
        return reverse("interaction_case:handle", args=[instance.pk])


class CaseViewSet(ModelViewSet):
    model = Case
    icon = "mail"
    menu_label = _("Cases")
    menu_order = 160
    add_to_admin_menu = True
    url_namespace = "interaction_case"
    url_prefix = "interaction/cases"
    index_view_class = CaseIndexView
    list_display = ["title", "tracking_code", "kind", "unit", "status", "important_label", "submitted_at"]
    list_filter = ["kind", "status", "important"]
    search_fields = ["tracking_code", "title"]
    search_backend_name = None
    form_fields = ["title"]  # required by ModelViewSet; the policy grants no add or change

    @property
    def permission_policy(self):
        return CasePermissionPolicy(Case)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/handle/", CaseHandleView.as_view(), name="handle"),
            path("<int:pk>/attachment/", attachment, name="attachment"),
            path("monitor/", DeadlineMonitorView.as_view(), name="monitor"),
        ]


class CalendarIndexView(IndexView):
    """The year's calendar in force (package or local entries) above the list of local entries."""

    template_name = "interaction/admin/calendar_index.html"

    def get_year(self):
        try:
            return int(self.request.GET.get("year", ""))
        except ValueError:
            return timezone.localdate().year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        days = year_days(year)
        context.update(
            {
                "year": year,
                "previous_year": year - 1,
                "next_year": year + 1,
                "year_days": days,
                "from_package": package_covers(year),
                "holiday_count": sum(not day[1] for day in days),
                "workday_count": sum(day[1] for day in days),
            }
        )
        return context


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    index_view_class = CalendarIndexView
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_settings_menu = True
    url_prefix = "interaction/calendar"
    list_display = ["date", "is_workday", "note"]
    form_fields = ["date", "is_workday", "note"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        CaseViewSet("interaction_case"),
        CalendarDayViewSet("interaction_calendar"),
        SurveyResponseViewSet("interaction_survey"),
        TranscriptViewSet("interaction_transcript"),
        QuestionViewSet("interaction_interview_question"),
    ]


class MonitorMenuItem(MenuItem):
    def is_shown(self, request):
        return works_on_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_monitor_menu_item():
    return MonitorMenuItem(_("Overdue cases"), reverse("interaction_case:monitor"), icon_name="time", order=161)


class DeadlinePanel(Component):
    name = "interaction_deadlines"
    order = 90
    template_name = "interaction/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        scoped = Deadline.objects.filter(case__in=cases_for(self.user), state=DeadlineState.OPEN)
        return {"overdue": scoped.filter(due_at__lt=timezone.now()).count(), "near": near_due_deadlines(scoped).count()}


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    if works_on_cases(request.user):
        panels.append(DeadlinePanel(request.user))
