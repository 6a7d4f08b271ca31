"""Admin screens of 在线访谈: a unit's staff select the public's questions and type the live transcript of
their unit's interviews; the portal centre reaches every unit's."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from base.roles import is_portal_centre
from content.models import InterviewPage
from subsites.models import Unit

from .interviews import InterviewQuestion, TranscriptEntry, for_user


class ScopedPolicy(BasePermissionPolicy):
    """Rows of the user's reach only; `actions` lists what may be done with them."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        reach = is_portal_centre(user) or Unit.objects.for_user(user).exists()
        return action in self.actions and user.is_active and reach

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and for_user(self.model, user).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return for_user(self.model, user)
        return self.model.objects.none()


class ScopedViews:
    """Views that list, open and delete only the rows of the user's reach."""

    def get_base_queryset(self):
        return for_user(self.model, self.request.user)

    def get_queryset(self):
        return for_user(self.model, self.request.user)


class ScopedIndexView(ScopedViews, IndexView):
    pass


class ScopedEditView(ScopedViews, EditView):
    pass


class ScopedDeleteView(ScopedViews, DeleteView):
    pass


class WithUser:
    """Hands the user to the form, which offers only the interviews of the user's reach."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class TranscriptEditView(WithUser, ScopedEditView):
    pass


class TranscriptCreateView(WithUser, CreateView):
    pass


class TranscriptForm(forms.ModelForm):
    """A transcript entry of an interview of the user's reach."""

    class Meta:
        model = TranscriptEntry
        fields = ["page", "speaker", "text", "spoken_at"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        pages = InterviewPage.objects.all()
        if not is_portal_centre(for_user):
            pages = pages.filter(owner_unit__in=Unit.objects.for_user(for_user))
        self.fields["page"].queryset = pages.order_by("-starts_at")


class SelectionForm(forms.ModelForm):
    class Meta:
        model = InterviewQuestion
        fields = ["status"]


class TranscriptViewSet(ModelViewSet):
    model = TranscriptEntry
    icon = "doc-full"
    menu_label = _("Interview transcripts")
    menu_order = 163
    add_to_admin_menu = True
    url_prefix = "interaction/interview-transcript"
    index_view_class = ScopedIndexView
    edit_view_class = TranscriptEditView
    add_view_class = TranscriptCreateView
    delete_view_class = ScopedDeleteView
    list_display = ["page", "spoken_at", "speaker", "text"]
    search_backend_name = None
    inspect_view_enabled = False

    @property
    def permission_policy(self):
        return ScopedPolicy(TranscriptEntry, ("add", "change", "delete", "view"))

    def get_form_class(self, for_update=False):
        return TranscriptForm


class QuestionViewSet(ModelViewSet):
    model = InterviewQuestion
    icon = "help"
    menu_label = _("Interview questions")
    menu_order = 164
    add_to_admin_menu = True
    url_prefix = "interaction/interview-questions"
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    list_display = ["page", "submitted_at", "text", "status"]
    list_filter = ["status"]
    search_fields = ["text"]
    search_backend_name = None
    inspect_view_enabled = False

    @property
    def permission_policy(self):
        return ScopedPolicy(InterviewQuestion, ("change", "view"))

    def get_form_class(self, for_update=False):
        return SelectionForm
