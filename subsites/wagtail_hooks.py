"""Admin registration for units and unit links, and the page chooser scoped to a user's subtrees."""
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupPagePermission
from wagtail.snippets.models import register_snippet

from .models import Unit, UnitLink
from .scoping import UnitOwnedForm, UnitScopedViewSet
from .views import ApplyTemplateView, UnitCreateView, UnitDeleteView, UnitEditView


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 150
    add_to_admin_menu = True
    url_namespace = "subsites_unit"
    url_prefix = "units"
    list_display = ["name", "short_name", "kind", "code", "responsible_person", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "code"]
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView

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


@hooks.register("construct_page_chooser_queryset")
def limit_chooser_to_own_subtrees(pages, request):
    """Non-administrators choose only among pages of the subtrees their groups work on."""
    user = request.user
    if user.is_superuser:
        return pages
    roots = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    condition = Q(pk__in=[])
    for root_path in set(roots):
        condition |= Q(path__startswith=root_path)
    return pages.filter(condition)
