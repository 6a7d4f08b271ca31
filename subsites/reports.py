"""Wagtail's workflow and site-history reports with filters limited to the user's units.

Their filter choices list every user who ever requested a workflow or wrote a log entry, and
every workflow and task of the platform; for a unit's user they offer only the people of the
user's units and the workflows that apply to the pages the user reaches.
Mounted in `config/urls.py` on Wagtail's own report URLs.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import FilteredModelChoiceFilter
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
    get_requested_by_queryset,
)
from wagtail.models import Task, Workflow

from .admin_scope import reachable_pages
from .models import Unit


def colleagues(user):
    """The users of the units `user` works for (everyone for the portal administrator)."""
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    groups = [group for unit in Unit.objects.for_user(user) for group in unit.unit_groups()]
    return users.filter(groups__in=groups).distinct()


def reachable_workflows(request):
    if request.user.is_superuser:
        return Workflow.objects.all()
    return Workflow.objects.filter(workflow_pages__page__in=reachable_pages(request.user)).distinct()


def reachable_tasks(request):
    return Task.objects.filter(workflow_tasks__workflow__in=reachable_workflows(request)).distinct()


def requested_by(request):
    return get_requested_by_queryset(request).filter(pk__in=colleagues(request.user).values("pk"))


class ScopedWorkflowReportFilterSet(WorkflowReportFilterSet):
    requested_by = django_filters.ModelChoiceFilter(field_name="requested_by", queryset=requested_by)
    workflow = django_filters.ModelChoiceFilter(queryset=reachable_workflows, label=_("Workflow"))


class ScopedWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow_state__workflow", queryset=reachable_workflows, label=_("Workflow")
    )
    task = FilteredModelChoiceFilter(queryset=reachable_tasks, filter_field="id_workflow", filter_accessor="workflows")


class ScopedSiteHistoryReportFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        return super().get_users_queryset().filter(pk__in=colleagues(self.request.user).values("pk"))


class ScopedWorkflowView(WorkflowView):
    filterset_class = ScopedWorkflowReportFilterSet


class ScopedWorkflowTasksView(WorkflowTasksView):
    filterset_class = ScopedWorkflowTasksReportFilterSet


class ScopedLogEntriesView(LogEntriesView):
    filterset_class = ScopedSiteHistoryReportFilterSet


def report_urls(path):
    """Paths (from `path`) that take over Wagtail's report URLs of the same address."""
    routes = []
    for address, view in (
        ("workflow", ScopedWorkflowView),
        ("workflow_tasks", ScopedWorkflowTasksView),
        ("site-history", ScopedLogEntriesView),
    ):
        routes += [
            path(f"admin/reports/{address}/", view.as_view()),
            path(f"admin/reports/{address}/results/", view.as_view(results_only=True)),
        ]
    return routes
