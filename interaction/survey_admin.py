"""Admin screen of 征集调查 responses: a unit's staff read their consultations' responses and decide which
opinions are shown in public (only those whose authors consented); the portal centre sees every unit's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .admin_scoping import PageRowsViewSet, ScopedEditView
from .surveys import OpinionStatus, SurveyResponse


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


class ResponseEditView(ScopedEditView):
    template_name = "interaction/admin/survey_response_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.object
        questions = {str(q.pk): q.text for q in response.page.questions.all()}
        context["answers"] = [
            (questions.get(key, key), value if isinstance(value, str) else "、".join(value))
            for key, value in response.answers.items()
        ]
        return context


class SurveyResponseViewSet(PageRowsViewSet):
    """Responses are moderated (their status only), never added."""

    model = SurveyResponse
    icon = "form"
    menu_label = _("Consultation responses")
    menu_order = 162
    add_to_admin_menu = True
    url_prefix = "interaction/survey-responses"
    edit_view_class = ResponseEditView
    list_display = ["page", "submitted_at", "status", "consent_label"]
    list_filter = ["status"]
    search_fields = ["opinion"]

    def get_form_class(self, for_update=False):
        return ModerationForm
