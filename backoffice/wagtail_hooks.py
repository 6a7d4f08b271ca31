"""Help menu: the project's Chinese editor's guide instead of Wagtail's English links; the reports menu
without Wagtail's developer reports (page-type usage lists model names such as content.newspage)."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import GuideView

WAGTAIL_HELP_LINKS = ("editor-guide",)
DEVELOPER_REPORTS = ("page-types-usage", "aging-pages")


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", GuideView.as_view(), name="backoffice_guide")]


@hooks.register("construct_help_menu")
def replace_wagtail_guide(request, menu_items):
    menu_items[:] = [item for item in menu_items
                     if item.name not in WAGTAIL_HELP_LINKS and not item.name.startswith("whats-new-in-wagtail")]
    menu_items.insert(0, MenuItem(_("Editor's guide"), reverse("backoffice_guide"), name="portal-guide",
                                  icon_name="help", order=100))


@hooks.register("construct_reports_menu")
def hide_developer_reports(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in DEVELOPER_REPORTS]

