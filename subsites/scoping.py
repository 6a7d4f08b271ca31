"""Unit-owned snippets: a form, a permission policy and a SnippetViewSet scoped per unit.

Every listing, object view and form of a `UnitScopedViewSet` only reaches the
objects of the units the user works for; the portal administrator sees all.
"""
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

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


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    def _in_scope(self, user, instance):
        return Unit.objects.for_user(user).filter(pk=instance.unit_id).exists()

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


class UnitScopedViewSet(SnippetViewSet):
    """A SnippetViewSet for `UnitOwned` models."""

    edit_view_class = _scoped(SnippetViewSet.edit_view_class)
    copy_view_class = _scoped(SnippetViewSet.copy_view_class)
    delete_view_class = _scoped(SnippetViewSet.delete_view_class)
    usage_view_class = _scoped(SnippetViewSet.usage_view_class)
    history_view_class = _scoped(SnippetViewSet.history_view_class)
    inspect_view_class = _scoped(SnippetViewSet.inspect_view_class)

    @property
    def permission_policy(self):
        return UnitScopedPermissionPolicy(self.model)

    def get_queryset(self, request):
        return self.model.objects.filter(unit__in=Unit.objects.for_user(request.user))
