"""The public form of a 征集调查: its questions, an opinion, captcha, rate limit, one response per visitor."""

import secrets

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base import ratelimit
from content.models import SurveyPage

from .captcha import SpokenCaptchaInput
from .forms import AccessibleFormMixin
from .surveys import SurveyResponse
from .validators import no_markup, validate_phone

VISITOR_COOKIE = "survey_visitor"
VISITOR_COOKIE_AGE = 365 * 24 * 3600
TEXT_ANSWER_CHARS = 1000


class SurveyForm(AccessibleFormMixin, forms.Form):
    """A field per question (q<id>), then the opinion, the optional contact, consent and captcha."""

    opinion = forms.CharField(
        label=gettext_lazy("Your opinion or suggestion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[no_markup],
    )
    name = forms.CharField(label=gettext_lazy("Name (optional)"), max_length=50, required=False, validators=[no_markup])
    phone = forms.CharField(
        label=gettext_lazy("Phone (optional)"),
        max_length=20,
        required=False,
        validators=[validate_phone],
        help_text=gettext_lazy("Only for the office to contact you; never shown in public."),
    )
    publish_consent = forms.BooleanField(
        label=gettext_lazy("My opinion may be shown in public (name masked)"), required=False
    )
    captcha = CaptchaField(
        label=gettext_lazy("Verification code"),
        widget=SpokenCaptchaInput(),
        help_text=gettext_lazy("Type the result of the sum in the picture and beside it (e.g. 7 for 3+4)."),
        error_messages={"invalid": gettext_lazy("The verification code is wrong.")},
    )

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(page.questions.all())
        question_fields = {f"q{question.pk}": self._field(question) for question in self.questions}
        self.fields = {**question_fields, **self.fields}
        limit = settings.INTERACTION_MAX_BODY_CHARS
        self.fields["opinion"].validators.append(
            MaxLengthValidator(
                limit,
                message=gettext_lazy("The text may be at most %(limit_value)d characters (it has %(show_value)d)."),
            )
        )
        self.fields["opinion"].widget.attrs["maxlength"] = limit
        self.fields["opinion"].help_text = _("At most %(count)d characters.") % {"count": limit}

    @staticmethod
    def _field(question):
        choices = [(option, option) for option in question.option_list()]
        required = question.required
        if question.kind == question.Kind.SINGLE:
            return forms.ChoiceField(label=question.text, choices=choices, required=required, widget=forms.RadioSelect)
        if question.kind == question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=question.text, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
            )
        return forms.CharField(
            label=question.text,
            required=required,
            max_length=TEXT_ANSWER_CHARS,
            widget=forms.Textarea(attrs={"rows": 3}),
            validators=[no_markup],
        )

    def clean(self):
        cleaned = super().clean()
        answered = any(cleaned.get(f"q{question.pk}") for question in self.questions)
        if not answered and not (cleaned.get("opinion") or "").strip() and not self.errors:
            raise forms.ValidationError(_("Please answer at least one question or write an opinion."))
        return cleaned

    def answers(self):
        return {
            str(question.pk): self.cleaned_data.get(f"q{question.pk}")
            for question in self.questions
            if self.cleaned_data.get(f"q{question.pk}")
        }


def respond(request, page_id):
    """The form while the consultation is open; a clear notice before and after its period."""
    page = get_object_or_404(SurveyPage.objects.live().public(), pk=page_id)
    token = request.COOKIES.get(VISITOR_COOKIE) or secrets.token_urlsafe(24)
    already = SurveyResponse.objects.filter(page=page, visitor_key=SurveyResponse.key_for(page, token)).exists()
    form, status = None, 200
    if page.is_open and not already:
        form = SurveyForm(page)
        if request.method == "POST":
            form, status = _handle_post(request, page, token)
            if form is None:
                messages.success(request, _("Thank you: your answers were received."))
                return _with_cookie(redirect(request.path), token)
    response = render(
        request, "interaction/survey.html", {"page": page, "form": form, "already": already}, status=status
    )
    return _with_cookie(response, token)


def _handle_post(request, page, token):
    """(form to show again, status), or (None, 200) once stored."""
    if not ratelimit.allow(request, "survey", settings.INTERACTION_RATE_LIMIT):
        messages.error(request, _("Too many submissions from your network; please try again later."))
        return SurveyForm(page, initial=_typed(request)), 429  # unbound: keeps what was typed
    if request.POST.get("refresh_captcha"):  # 换一题: a new question, nothing typed is lost
        return SurveyForm(page, initial=_typed(request)), 200
    form = SurveyForm(page, request.POST)
    if not form.is_valid():
        return form, 400
    data = form.cleaned_data
    try:
        SurveyResponse.objects.create(
            page=page,
            visitor_key=SurveyResponse.key_for(page, token),
            answers=form.answers(),
            opinion=data["opinion"].strip(),
            name=data["name"].strip(),
            phone=data["phone"].strip(),
            publish_consent=data["publish_consent"],
        )
    except IntegrityError:  # the same visitor twice at once: the first response counts
        pass
    return None, 200


def _typed(request):
    typed = {
        key: request.POST.getlist(key) if key.startswith("q") else request.POST.get(key)
        for key in request.POST
        if key not in ("csrfmiddlewaretoken", "captcha_0", "captcha_1")
    }
    return {key: value[0] if isinstance(value, list) and len(value) == 1 else value for key, value in typed.items()}


def _with_cookie(response, token):
    response.set_cookie(
        VISITOR_COOKIE,
        token,
        max_age=VISITOR_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
