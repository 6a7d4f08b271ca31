"""Admin registration: the inspection views, their menu item and the unit's dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from base.roles import is_portal_centre

from .views import CentreView, ReportView, UnitView, report_xlsx, scoped_units
from .visits_views import VisitsView


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("supervision/", CentreView.as_view(), name="supervision_centre"),
        path("supervision/unit/", UnitView.as_view(), name="supervision_unit"),
        path("supervision/reports/<int:pk>/", ReportView.as_view(), name="supervision_report"),
        path("supervision/reports/<int:pk>/xlsx/", report_xlsx, name="supervision_report_xlsx"),
        path("supervision/visits/", VisitsView.as_view(), name="supervision_visits"),
    ]


class SupervisionMenuItem(MenuItem):
    def is_shown(self, request):
        return is_portal_centre(request.user) or scoped_units(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SupervisionMenuItem(_("Website inspection"), reverse("supervision_centre"), icon_name="doc-full", order=170)


class DutiesPanel(Component):
    name = "supervision_duties"
    order = 95
    template_name = "supervision/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        return {"centre": is_portal_centre(parent_context["request"].user)}


@hooks.register("construct_homepage_panels")
def add_duties_panel(request, panels):
    if is_portal_centre(request.user) or scoped_units(request.user).exists():
        panels.append(DutiesPanel())


@hooks.register("register_admin_menu_item")
def register_visits_menu_item():
    return SupervisionMenuItem(_("Visit statistics"), reverse("supervision_visits"), icon_name="view", order=171)
