"""Admin registration for units and unit links, and the hooks that keep a unit's users within
their own subtrees and objects (page chooser, move confirmation, snippet and bulk deletes)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import GroupPagePermission, Page
from wagtail.snippets.models import register_snippet

from .admin_scope import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet
from .models import Unit, UnitLink
from .scoping import (
    ReachableObjectsOnlyBulkActionMixin,
    UnitOwnedForm,
    UnitScopedViewSet,
    in_users_units,
)
from .unit_forms import create_panel
from .views import ApplyTemplateView, UnitCreateView, UnitDeleteView, UnitEditView


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 150
    add_to_admin_menu = True
    url_namespace = "subsites_unit"
    url_prefix = "units"
    # A BooleanColumn: a plain column would print True/False.
    list_display = [
        "name",
        "short_name",
        "kind",
        "code",
        "responsible_person",
        BooleanColumn("active", label=Unit._meta.get_field("active").verbose_name),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "code"]
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView

    def get_add_view_kwargs(self, **kwargs):
        """The create form also asks for the site identity and the role accounts (subsites/unit_forms.py)."""
        panel = create_panel()
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/apply-template/", ApplyTemplateView.as_view(), name="apply_template"),
        ]


class UnitLinkViewSet(UnitScopedViewSet):
    model = UnitLink
    icon = "link"
    menu_label = _("Unit links")
    list_display = ["title", "url", "unit", "sort_order"]
    edit_handler = ObjectList(
        [FieldPanel("unit"), FieldPanel("title"), FieldPanel("url"), FieldPanel("sort_order")],
        base_form_class=UnitOwnedForm,
    )


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")


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
