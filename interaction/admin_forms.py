"""Forms of the case-handling screen in the admin."""
from django import forms
from django.utils.translation import gettext_lazy as _

from subsites.models import Unit

from .rules import rule


class TransferForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Transfer to"), queryset=Unit.objects.filter(active=True))
    important = forms.BooleanField(label=_("Important complaint"), required=False)
    note = forms.CharField(label=_("Internal note"), required=False, max_length=500)


class AcknowledgeForm(forms.Form):
    workdays = forms.IntegerField(label=_("Handling limit (working days)"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workdays"].initial = rule("complaint_reply")[0]


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extension (working days)"), min_value=1)
    approver = forms.CharField(label=_("Approved by (head of the disclosure office)"), max_length=50,
                               required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class EmptyForm(forms.Form):
    pass
