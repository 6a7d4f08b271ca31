"""写信息 on the dashboard and on every column; approve first for approvers, with a message saying what
happened; the help menu's Chinese editor's guide instead of Wagtail's English links; the reports
menu without Wagtail's developer reports (page-type usage lists model names such as content.newspage);
the submit dialog naming the item's steps; the dashboard's "waiting for you" panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .approving import order_for_approver, replace_saved_message
from .panels import waiting_panel, write_panel
from .submitting import with_steps
from .views import GuideView
from .waiting import is_approver
from .writing import write_button

WAGTAIL_HELP_LINKS = ("editor-guide",)
DEVELOPER_REPORTS = ("page-types-usage", "aging-pages")


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", GuideView.as_view(), name="backoffice_guide")]


@hooks.register("construct_help_menu")
def replace_wagtail_guide(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in WAGTAIL_HELP_LINKS and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.insert(
        0, MenuItem(_("Editor's guide"), reverse("backoffice_guide"), name="portal-guide", icon_name="help", order=100)
    )


@hooks.register("construct_reports_menu")
def hide_developer_reports(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in DEVELOPER_REPORTS]


@hooks.register("construct_homepage_panels")
def add_waiting_and_write_panels(request, panels):
    if is_approver(request.user):
        panels.append(waiting_panel(request.user))
    panels.append(write_panel(request.user))


@hooks.register("register_page_header_buttons")
def column_write_button(page, user, view_name, next_url=None):
    """写信息 in the column's header menu (explorer and editor)."""
    button = write_button(page, user)
    if button is not None:
        yield button


@hooks.register("register_page_listing_buttons")
def column_row_write_button(page, user, next_url=None):
    """写信息 beside each column in the explorer's listing."""
    button = write_button(page, user, priority=5)
    if button is not None:
        yield button


@hooks.register("construct_page_action_menu")
def approve_first_and_name_the_steps(menu_items, request, context):
    order_for_approver(menu_items)
    with_steps(menu_items)


@hooks.register("after_edit_page")
def say_what_the_action_did(request, page):
    if request.POST.get("action-workflow-action"):
        replace_saved_message(request, page)
