"""Admin registration for unit links, and the hooks that keep a unit's users within
their own subtrees and objects (page chooser, move confirmation, snippet and bulk deletes)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import GroupPagePermission, Page
from wagtail.snippets.models import register_snippet

from .admin_scope import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet
from .models import UnitLink
from .scoping import (
    ReachableObjectsOnlyBulkActionMixin,
    UnitOwnedForm,
    UnitScopedViewSet,
    in_users_units,
)


class UnitLinkViewSet(UnitScopedViewSet):
    model = UnitLink
    icon = "link"
    menu_label = _("Unit links")
    list_display = ["title", "url", "unit", "sort_order"]
    edit_handler = ObjectList(
        [FieldPanel("unit"), FieldPanel("title"), FieldPanel("url"), FieldPanel("sort_order")],
        base_form_class=UnitOwnedForm,
    )


register_snippet(UnitLinkViewSet)


def _own_subtree_paths(user):
    """Tree paths of the pages the user's groups hold page permissions on."""
    permissions = GroupPagePermission.objects.filter(group__user=user)
    return set(permissions.values_list("page__path", flat=True))


@hooks.register("construct_page_chooser_queryset")
def limit_chooser_to_own_subtrees(pages, request):
    """Non-administrators choose only among pages of the subtrees their groups work on.

    Browsing the chooser below a page outside those subtrees (and not above them) is
    refused, as the browsed page itself would be listed and choosable.
    """
    user = request.user
    if user.is_superuser:
        return pages
    roots = _own_subtree_paths(user)
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is not None:
        parent_path = Page.objects.filter(pk=parent_id).values_list("path", flat=True).first() or ""
        if not any(parent_path.startswith(root) or root.startswith(parent_path) for root in roots):
            raise Http404
    condition = Q(pk__in=[])
    for root_path in roots:
        condition |= Q(path__startswith=root_path)
    return pages.filter(condition)


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    """Wagtail checks move permissions only when the move is posted; its confirmation page
    would otherwise show any page's (draft) title to any admin user."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("before_delete_snippet")
def refuse_deleting_other_units_objects(request, instances):
    """The snippet bulk delete checks only the model permission; keep it to the user's units."""
    for instance in instances:
        viewset = getattr(type(instance), "snippet_viewset", None)
        if isinstance(viewset, UnitScopedViewSet) and not in_users_units(request.user, instance):
            raise PermissionDenied


for _bulk_action in (
    page_bulk_actions.DeleteBulkAction,
    page_bulk_actions.MoveBulkAction,
    page_bulk_actions.PublishBulkAction,
    page_bulk_actions.UnpublishBulkAction,
    image_bulk_actions.DeleteBulkAction,
    image_bulk_actions.AddTagsBulkAction,
    image_bulk_actions.AddToCollectionBulkAction,
    document_bulk_actions.DeleteBulkAction,
    document_bulk_actions.AddTagsBulkAction,
    document_bulk_actions.AddToCollectionBulkAction,
):
    # Registered after Wagtail's own (order=1), so these replace them in the bulk action registry.
    hooks.register(
        "register_bulk_action",
        type(_bulk_action.__name__, (ReachableObjectsOnlyBulkActionMixin, _bulk_action), {}),
        order=1,
    )


@hooks.register("construct_admin_api", order=1)
def scope_admin_api_media(router):
    """Replace Wagtail's image and document endpoints (registered before, order 0) by scoped ones."""
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_whole_tree_reports(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
