"""Admin screens of 在线访谈: a unit's staff select the public's questions and type the live transcript of
their unit's interviews; the portal centre reaches every unit's."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from base.roles import is_portal_centre
from content.models import InterviewPage
from subsites.models import Unit

from .admin_scoping import (
    PageRowsPolicy,
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedUsageView,
)
from .interviews import InterviewQuestion, TranscriptEntry


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
    history_view_class = ScopedHistoryView
    copy_view_enabled = False  # rows come from citizens and live pages, never copied
    usage_view_class = ScopedUsageView
    add_view_class = TranscriptCreateView
    delete_view_class = ScopedDeleteView
    list_display = ["page", "spoken_at", "speaker", "text"]
    search_backend_name = None
    inspect_view_enabled = False

    @property
    def permission_policy(self):
        return PageRowsPolicy(TranscriptEntry, ("add", "change", "delete", "view"))

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
    history_view_class = ScopedHistoryView
    copy_view_enabled = False  # rows come from citizens and live pages, never copied
    usage_view_class = ScopedUsageView
    list_display = ["page", "submitted_at", "text", "status"]
    list_filter = ["status"]
    search_fields = ["text"]
    search_backend_name = None
    inspect_view_enabled = False

    @property
    def permission_policy(self):
        return PageRowsPolicy(InterviewQuestion, ("change", "view"))

    def get_form_class(self, for_update=False):
        return SelectionForm
