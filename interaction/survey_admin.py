"""Admin screen of 征集调查 responses: a unit's staff read their consultations' responses and decide which
opinions are shown in public (only those whose authors consented); the portal centre sees every unit's."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from base.roles import is_portal_centre
from subsites.models import Unit

from .surveys import OpinionStatus, SurveyResponse, responses_for


def _has_unit(user):
    return Unit.objects.for_user(user).exists()


class ResponsePermissionPolicy(BasePermissionPolicy):
    """Responses are viewed and moderated (status only) within the user's reach; never added or deleted."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and user.is_active and (is_portal_centre(user) or _has_unit(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and responses_for(user).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return responses_for(user)
        return SurveyResponse.objects.none()


class ModerationForm(forms.ModelForm):
    class Meta:
        model = SurveyResponse
        fields = ["status"]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == OpinionStatus.PUBLISHED and not self.instance.publish_consent:
            raise forms.ValidationError(_("The author did not agree to publication; this opinion cannot be shown."))
        if status == OpinionStatus.PUBLISHED and not self.instance.opinion.strip():
            raise forms.ValidationError(_("This response has no written opinion to show."))
        return status


class ResponseIndexView(IndexView):
    def get_base_queryset(self):
        return responses_for(self.request.user)


class ResponseEditView(EditView):
    template_name = "interaction/admin/survey_response_edit.html"

    def get_queryset(self):
        return responses_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.object
        questions = {str(q.pk): q.text for q in response.page.questions.all()}
        context["answers"] = [
            (questions.get(key, key), value if isinstance(value, str) else "、".join(value))
            for key, value in response.answers.items()
        ]
        return context


class SurveyResponseViewSet(ModelViewSet):
    model = SurveyResponse
    icon = "form"
    menu_label = _("Consultation responses")
    menu_order = 162
    add_to_admin_menu = True
    url_prefix = "interaction/survey-responses"
    index_view_class = ResponseIndexView
    edit_view_class = ResponseEditView
    list_display = ["page", "submitted_at", "status", "consent_label"]
    list_filter = ["status"]
    search_fields = ["opinion"]
    search_backend_name = None
    inspect_view_enabled = False

    @property
    def permission_policy(self):
        return ResponsePermissionPolicy(SurveyResponse)

    def get_form_class(self, for_update=False):
        return ModerationForm
