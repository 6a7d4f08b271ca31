"""Admin views of the 回应关切 emergency route (moderation/responses.py): publish at once, decide afterwards."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from base.publication import PublicationBlocked

from . import responses
from .views import PageReasonView


class EmergencyStatementForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Statement title"),
        max_length=255,
        error_messages={"required": gettext_lazy("Give the statement a title.")},
    )
    source = forms.CharField(label=gettext_lazy("Issued by"), max_length=100, required=False)
    summary = forms.CharField(
        label=gettext_lazy("Statement summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    body = forms.CharField(
        label=gettext_lazy("Statement text"),
        widget=forms.Textarea,
        error_messages={"required": gettext_lazy("Write the text of the statement.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why it cannot wait for the sign-off"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={
            "required": gettext_lazy("Give the reason for the emergency publication; it is kept in the audit log.")
        },
    )


def paragraphs(text):
    """Plain text as rich text: one paragraph per non-empty line."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


class EmergencyPublishView(WagtailAdminTemplateMixin, FormView):
    """One step: the statement is written and published at once (through the publication checks)."""

    form_class = EmergencyStatementForm
    template_name = "moderation/reason_form.html"
    page_title = gettext_lazy("Publish a response to public concern")
    header_icon = "warning"
    breadcrumbs_items = []

    def dispatch(self, request, *args, **kwargs):
        self.column = responses.responses_column()
        if self.column is None or not responses.may_publish(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        intro = _(
            "The statement goes live at once in the portal's 回应关切 column and stands at the top of the "
            "portal home. The publication checks still apply. The county office's main leader approves it "
            "afterwards; the reason is kept in the audit log."
        )
        submit_label = _("Publish now and log the reason")
        return super().get_context_data(intro=intro, submit_label=submit_label, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            responses.publish_statement(
                self.column,
                self.request.user,
                data["reason"],
                title=data["title"],
                source=data["source"],
                summary=data["summary"],
                body=paragraphs(data["body"]),
            )
        except PublicationBlocked as blocked:
            form.add_error(None, _("Not published: %(reasons)s") % {"reasons": " ".join(blocked.messages)})
            return self.form_invalid(form)
        messages.success(self.request, _("The statement is published; it waits for the leader's approval."))
        return redirect(reverse("wagtailadmin_home"))  # the publisher holds no page permissions


class EmergencyDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("confirm", gettext_lazy("Confirm the statement")),
            ("withdraw", gettext_lazy("Withdraw the statement")),
        ],
        error_messages={"required": gettext_lazy("Choose to confirm or to withdraw.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note on the decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DecideEmergencyPublicationView(PageReasonView):
    """The county office's main leader approves an emergency publication afterwards, or withdraws it."""

    form_class = EmergencyDecisionForm
    page_title = gettext_lazy("Approve an emergency publication")
    header_icon = "warning"
    submit_label = gettext_lazy("Record the decision")

    def permitted(self, user):
        self.record = responses.pending_record(self.page)
        return self.record is not None and responses.may_decide(user, self.record)

    def get_context_data(self, **kwargs):
        publisher = self.record.published_by
        intro = _("%(user)s published this statement by the emergency route. Reason: %(reason)s") % {
            "user": (publisher.get_full_name() or publisher.get_username()) if publisher else "",
            "reason": self.record.reason,
        }
        return super().get_context_data(**kwargs) | {"intro": intro}

    def form_valid(self, form):
        confirm = form.cleaned_data["decision"] == "confirm"
        responses.decide(self.record, self.request.user, confirm, form.cleaned_data["note"])
        messages.success(
            self.request, _("The statement is confirmed.") if confirm else _("The statement is withdrawn.")
        )
        return redirect(reverse("wagtailadmin_home"))
