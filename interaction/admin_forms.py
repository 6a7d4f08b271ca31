"""Forms of the case-handling screen in the admin."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from subsites.models import Unit

from .models import REASONS_BY_OUTCOME, DisclosureOutcome, Kind, ReplyType
from .rules import rule


class CaseActionForm(forms.Form):
    """An action form of the handling screen; it may adapt its fields to the case."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class TransferForm(CaseActionForm):
    unit = forms.ModelChoiceField(label=_("Transfer to"), queryset=Unit.objects.filter(active=True))
    important = forms.BooleanField(label=_("Important complaint"), required=False)
    note = forms.CharField(label=_("Internal note"), required=False, max_length=500)


class AcknowledgeForm(CaseActionForm):
    workdays = forms.IntegerField(label=_("Handling limit (working days)"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workdays"].initial = rule("complaint_reply")[0]


class TextForm(CaseActionForm):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


class ExtendForm(CaseActionForm):
    days = forms.IntegerField(label=_("Extension (working days)"), min_value=1)
    approver = forms.CharField(label=_("Approved by (head of the disclosure office)"), max_length=50, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class EmptyForm(CaseActionForm):
    pass


class DraftReplyForm(CaseActionForm):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000)
    reply_type = forms.ChoiceField(label=_("Reply type"), choices=ReplyType.choices, initial=ReplyType.ANSWERED)
    disclosure_outcome = forms.ChoiceField(
        label=_("Disclosure outcome"), choices=BLANK_CHOICE_DASH + DisclosureOutcome.choices
    )
    disclosure_reason = forms.ChoiceField(
        label=_("Reason category"),
        required=False,
        choices=BLANK_CHOICE_DASH
        + [
            (DisclosureOutcome(outcome).label, [(r.value, r.label) for r in reasons])
            for outcome, reasons in REASONS_BY_OUTCOME.items()
        ],
        help_text=_(
            "Required when the outcome is 不予公开, 无法提供, 不予处理 or 其他处理: the row of the annual report."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when the question cannot be answered or information is not (fully) disclosed; "
            "published with the reply."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case and self.case.kind == Kind.DISCLOSURE:
            del self.fields["reply_type"]
        else:
            del self.fields["disclosure_outcome"], self.fields["disclosure_reason"]
