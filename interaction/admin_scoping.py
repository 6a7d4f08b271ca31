"""Admin screens of rows about a unit's pages (征集调查 responses, 在线访谈 questions and transcript
entries): a permission policy and views that reach only the rows of the user's unit (all for the portal
centre), so another unit's row is neither listed nor opened, changed or deleted."""

from django.contrib.auth import get_user_model
from django.http import Http404
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from base.roles import is_portal_centre
from subsites.models import Unit

from .scoping import page_rows_for


class PageRowsPolicy(BasePermissionPolicy):
    """`actions` on the rows of the user's reach; nothing else."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        reach = is_portal_centre(user) or Unit.objects.for_user(user).exists()
        return action in self.actions and user.is_active and reach

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        rows = page_rows_for(self.model, user)
        return self.user_has_permission(user, action) and rows.filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return page_rows_for(self.model, user)
        return self.model.objects.none()


class ScopedViews:
    """Views that list, open and delete only the rows of the user's reach."""

    def get_base_queryset(self):
        return page_rows_for(self.model, self.request.user)

    def get_queryset(self):
        return page_rows_for(self.model, self.request.user)


class ScopedIndexView(ScopedViews, IndexView):
    pass


class ScopedEditView(ScopedViews, EditView):
    pass


class ScopedDeleteView(ScopedViews, DeleteView):
    pass


class ReachedObjectOnly:
    """An object view (history, usage) that answers 404 for a row outside the user's reach."""

    def dispatch(self, request, *args, **kwargs):
        if not page_rows_for(self.model, request.user).filter(pk=self.object.pk).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ScopedHistoryView(ReachedObjectOnly, HistoryView):
    pass


class ScopedUsageView(ReachedObjectOnly, UsageView):
    pass


class PageRowsViewSet(ModelViewSet):
    """A viewset of rows about a unit's pages: every object view scoped to the user's reach, no copy or
    inspect view; `policy_actions` are the actions the reach grants."""

    policy_actions = ("view", "change")
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False  # rows come from citizens and live pages, never copied
    inspect_view_enabled = False
    search_backend_name = None

    @property
    def permission_policy(self):
        return PageRowsPolicy(self.model, self.policy_actions)
