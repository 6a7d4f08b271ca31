"""Public forms: submission (with captcha and a one-time token), case lookup and rating."""

import uuid

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from subsites.validators import validate_credit_code

from .captcha import SpokenCaptchaInput
from .models import ApplicantType, Case, DeliveryMethod, Kind, Satisfaction
from .validators import no_markup, validate_attachment, validate_id_number, validate_phone

# The disclosure request's own fields (条例 art. 29), asked for in this order after the request itself.
DISCLOSURE_FIELDS = [
    "applicant_type",
    "name",
    "id_number",
    "organisation_name",
    "organisation_category",
    "organisation_credit_code",
    "legal_representative",
    "phone",
    "email",
    "address",
    "delivery_method",
]
ORGANISATION_FIELDS = ["organisation_name", "organisation_category", "organisation_credit_code", "legal_representative"]


class AccessibleFormMixin:
    """Ties help texts and errors to their inputs (aria-describedby, aria-invalid)."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            described = [f"{self[name].auto_id}_help"] if field.help_text else []
            if name in self.errors:
                described.append(f"{self[name].auto_id}_errors")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class CaseForm(AccessibleFormMixin, forms.ModelForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    captcha = CaptchaField(
        label=_("Verification code"),
        widget=SpokenCaptchaInput(),
        help_text=_("Type the result of the sum in the picture and beside it (e.g. 7 for 3+4)."),
        error_messages={"invalid": _("The verification code is wrong.")},
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "body",
            "name",
            "phone",
            "email",
            "id_number",
            "attachment",
            "publish_consent",
            *ORGANISATION_FIELDS,
            "applicant_type",
            "address",
            "delivery_method",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "applicant_type": forms.RadioSelect,
            "delivery_method": forms.RadioSelect,
        }

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        max_body = settings.INTERACTION_MAX_BODY_CHARS
        self.fields["body"].validators.append(
            MaxLengthValidator(
                max_body, message=_("The text may be at most %(limit_value)d characters (it has %(show_value)d).")
            )
        )
        self.fields["body"].help_text = _("At most %(count)d characters.") % {"count": max_body}
        self.fields["body"].widget.attrs["maxlength"] = max_body
        self.fields["phone"].help_text = _("Shown masked on public pages.")
        self.fields["email"].help_text = _("Optional; we send progress and the reply here.")
        self.fields["attachment"].help_text = _(
            "Optional; %(types)s, at most %(mb)d MB. After an error, please choose the file again."
        ) % {
            "types": ", ".join(settings.INTERACTION_ATTACHMENT_EXTENSIONS),
            "mb": settings.INTERACTION_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        }
        self.fields["publish_consent"].label = _("I agree that the reply is published (personal data masked)")
        if kind == Kind.DISCLOSURE:
            self._disclosure_fields()
        else:
            for name in DISCLOSURE_FIELDS:
                if name not in ("name", "phone", "email"):
                    del self.fields[name]
        for name in ("title", "body", "name"):
            self.fields[name].validators.append(no_markup)
        self.fields["phone"].validators.append(validate_phone)
        self.fields["attachment"].validators.append(validate_attachment)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def _disclosure_fields(self):
        fields = self.fields
        fields["body"].label = _("Description of the information requested")
        fields["name"].label = _("Name (for an organisation: the contact person)")
        fields["id_number"].help_text = _("Required for a natural person.")
        for name in ("applicant_type", "address", "delivery_method"):
            fields[name].required = True
        fields["applicant_type"].choices = ApplicantType.choices
        fields["delivery_method"].choices = DeliveryMethod.choices
        for name in ORGANISATION_FIELDS:
            fields[name].help_text = _("For a legal person or other organisation.")
        for name in ("organisation_name", "legal_representative", "address"):
            fields[name].validators.append(no_markup)
        self.order_fields(["title", "body", *DISCLOSURE_FIELDS])

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        if value:
            validate_id_number(value)
        return value

    def clean_organisation_credit_code(self):
        value = self.cleaned_data["organisation_credit_code"].strip().upper()
        if value:
            validate_credit_code(value)
        return value

    def clean(self):
        """A natural person gives an ID number; an organisation its name, category, code and representative."""
        data = super().clean()
        if self.kind != Kind.DISCLOSURE or "applicant_type" not in data:
            return data
        if data["applicant_type"] == ApplicantType.NATURAL_PERSON:
            if not data.get("id_number") and "id_number" not in self.errors:
                self.add_error("id_number", _("A natural person gives the ID number."))
            for name in ORGANISATION_FIELDS:
                data[name] = ""
        else:
            for name in ORGANISATION_FIELDS:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("An organisation gives this field."))
        return data


class TrackForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    password = forms.CharField(label=_("Query password"), max_length=20, widget=forms.PasswordInput)


class CorrectionForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Corrected request"),
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Answer every point of the correction notice; this can be sent once."),
    )


class RatingForm(AccessibleFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Satisfaction"), choices=Satisfaction.choices, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_markup],
    )
