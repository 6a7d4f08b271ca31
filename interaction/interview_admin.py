"""Admin screens of 在线访谈: a unit's staff select the public's questions and type the live transcript of
their unit's interviews; the portal centre reaches every unit's."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView

from base.roles import is_portal_centre
from content.models import InterviewPage
from subsites.models import Unit

from .admin_scoping import PageRowsViewSet, ScopedDeleteView, ScopedEditView
from .interviews import InterviewQuestion, TranscriptEntry


class WithUser:
    """Hands the user to the form, which offers only the interviews of the user's reach."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class TranscriptEditView(WithUser, ScopedEditView):
    pass


class TranscriptCreateView(WithUser, CreateView):
    pass


class QuestionEditView(ScopedEditView):
    """The selection screen shows the question being selected, not only its status."""

    template_name = "interaction/admin/interview_question_edit.html"


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


class TranscriptViewSet(PageRowsViewSet):
    policy_actions = ("add", "change", "delete", "view")
    model = TranscriptEntry
    icon = "doc-full"
    menu_label = _("Interview transcripts")
    menu_order = 163
    add_to_admin_menu = True
    url_prefix = "interaction/interview-transcript"
    edit_view_class = TranscriptEditView
    add_view_class = TranscriptCreateView
    delete_view_class = ScopedDeleteView
    list_display = ["page", "spoken_at", "speaker", "text"]

    def get_form_class(self, for_update=False):
        return TranscriptForm


class QuestionViewSet(PageRowsViewSet):
    model = InterviewQuestion
    icon = "help"
    menu_label = _("Interview questions")
    menu_order = 164
    add_to_admin_menu = True
    url_prefix = "interaction/interview-questions"
    edit_view_class = QuestionEditView
    list_display = ["page", "submitted_at", "text", "status"]
    list_filter = ["status"]
    search_fields = ["text"]

    def get_form_class(self, for_update=False):
        return SelectionForm
