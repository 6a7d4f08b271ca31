"""Unit-owned snippets: a form, a permission policy and a SnippetViewSet scoped per unit.

Every listing, object view, chooser and form of a `UnitScopedViewSet` only reaches the
objects of the units the user works for; the portal administrator sees all. Also the
bulk-action mixin that keeps other units' objects out of bulk confirmation pages.
"""

from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy

from base.snippets import PermittedChooserViewSet, PortalSnippetViewSet

from .models import Unit


class UnitOwnedForm(WagtailAdminModelForm):
    """Offers only the user's own units; preselects it when there is exactly one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "unit" in self.fields:
            units = Unit.objects.for_user(self.for_user)
            self.fields["unit"].queryset = units
            if not self.instance.pk and units.count() == 1:
                self.fields["unit"].initial = units.first().pk


def in_users_units(user, instance):
    """Whether a unit-owned object belongs to one of the units the user works for."""
    return Unit.objects.for_user(user).filter(pk=instance.unit_id).exists()


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    def _in_scope(self, user, instance):
        return in_users_units(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.model.objects.filter(unit__in=Unit.objects.for_user(user))


class _ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not Unit.objects.for_user(self.request.user).filter(pk=obj.unit_id).exists():
            raise Http404
        return obj


def _scoped(view_class):
    return type(f"UnitScoped{view_class.__name__}", (_ScopedObjectMixin, view_class), {})


class _ScopedChooserMixin:
    """Chooser views that list and return only the objects of the user's units."""

    def _in_scope(self):
        return self.model_class.objects.filter(unit__in=Unit.objects.for_user(self.request.user))

    def get_object_list(self):
        return self._in_scope()

    def get_object(self, pk):
        return self._in_scope().get(pk=pk)

    def get_objects(self, pks):
        return self._in_scope().filter(pk__in=pks)


def _scoped_chooser(view_class):
    return type(f"UnitScoped{view_class.__name__}", (_ScopedChooserMixin, view_class), {})


class UnitScopedChooserViewSet(PermittedChooserViewSet):
    choose_view_class = _scoped_chooser(PermittedChooserViewSet.choose_view_class)
    choose_results_view_class = _scoped_chooser(PermittedChooserViewSet.choose_results_view_class)
    chosen_view_class = _scoped_chooser(PermittedChooserViewSet.chosen_view_class)
    chosen_multiple_view_class = _scoped_chooser(PermittedChooserViewSet.chosen_multiple_view_class)


class UnitScopedViewSet(PortalSnippetViewSet):
    """A SnippetViewSet for `UnitOwned` models."""

    chooser_viewset_class = UnitScopedChooserViewSet
    edit_view_class = _scoped(PortalSnippetViewSet.edit_view_class)
    copy_view_class = _scoped(PortalSnippetViewSet.copy_view_class)
    delete_view_class = _scoped(PortalSnippetViewSet.delete_view_class)
    usage_view_class = _scoped(PortalSnippetViewSet.usage_view_class)
    history_view_class = _scoped(PortalSnippetViewSet.history_view_class)
    inspect_view_class = _scoped(PortalSnippetViewSet.inspect_view_class)

    @property
    def permission_policy(self):
        return UnitScopedPermissionPolicy(self.model)

    def get_queryset(self, request):
        return self.model.objects.filter(unit__in=Unit.objects.for_user(request.user))


class ReachableObjectsOnlyBulkActionMixin:
    """Bulk actions answer 404 for objects outside the user's reach.

    Wagtail's confirmation page lists the objects a user may not act on by title, which
    would show another unit's page (draft) titles, images and documents.
    """

    def reachable_objects(self):
        user = self.request.user
        if issubclass(self.model, Page):
            return page_permission_policy.explorable_instances(user)
        return self.permission_policy.instances_user_has_any_permission_for(user, ["change", "delete", "choose"])

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        refused = {obj.pk for obj in context["items_with_no_access"]}
        if refused and self.reachable_objects().filter(pk__in=refused).count() != len(refused):
            raise Http404
        return objects, context
