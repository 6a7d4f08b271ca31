"""The project's snippet viewsets: choosers only for users who hold a permission on the model.

Wagtail's snippet chooser views check no permission: any admin user could list a global
dictionary (sensitive terms, synonyms) through them, and the chooser's "create" step, which
snippet choosers do not offer, answered 500.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

CHOOSER_ACTIONS = ["add", "change", "delete", "view"]


class _PermittedMixin:
    def dispatch(self, request, *args, **kwargs):
        if not ModelPermissionPolicy(self.model_class).user_has_any_permission(request.user, CHOOSER_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _NoCreationMixin:
    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def permitted(view_class):
    return type(f"Permitted{view_class.__name__}", (_PermittedMixin, view_class), {})


class PermittedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = permitted(SnippetChooserViewSet.choose_view_class)
    choose_results_view_class = permitted(SnippetChooserViewSet.choose_results_view_class)
    chosen_view_class = permitted(SnippetChooserViewSet.chosen_view_class)
    chosen_multiple_view_class = permitted(SnippetChooserViewSet.chosen_multiple_view_class)
    create_view_class = type(
        "PermittedSnippetCreateView", (_PermittedMixin, _NoCreationMixin, SnippetChooserViewSet.create_view_class), {}
    )


class PortalSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = PermittedChooserViewSet
