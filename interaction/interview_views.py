"""The public side of an 在线访谈: the question form (captcha, rate limit; questions wait for selection)
and the transcript's JSON feed the interview page polls while the interview is live."""

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import MaxLengthValidator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from base import ratelimit
from content.models import InterviewPage

from .captcha import SpokenCaptchaInput
from .forms import AccessibleFormMixin
from .interviews import InterviewQuestion, public_transcript
from .validators import no_markup

QUESTION_CHARS = 500


class QuestionForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": QUESTION_CHARS}),
        validators=[
            no_markup,
            MaxLengthValidator(
                QUESTION_CHARS,
                message=gettext_lazy("The text may be at most %(limit_value)d characters (it has %(show_value)d)."),
            ),
        ],
        help_text=gettext_lazy("Questions are shown on the interview page once the hosts select them."),
    )
    name = forms.CharField(label=gettext_lazy("Name (optional)"), max_length=50, required=False, validators=[no_markup])
    captcha = CaptchaField(
        label=gettext_lazy("Verification code"),
        widget=SpokenCaptchaInput(),
        help_text=gettext_lazy("Type the result of the sum in the picture and beside it (e.g. 7 for 3+4)."),
        error_messages={"invalid": gettext_lazy("The verification code is wrong.")},
    )


def ask(request, page_id):
    """The question form before and during the interview; a notice once it has ended."""
    page = get_object_or_404(InterviewPage.objects.live().public(), pk=page_id)
    form, status = (QuestionForm(), 200) if page.takes_questions else (None, 200)
    if form is not None and request.method == "POST":
        form, status = _handle_post(request, page)
        if form is None:
            messages.success(request, _("Thank you: your question was received and awaits selection."))
            return redirect(request.path)
    return render(request, "interaction/interview_question.html", {"page": page, "form": form}, status=status)


def _handle_post(request, page):
    """(form to show again, status), or (None, 200) once stored."""
    typed = {key: request.POST.get(key, "") for key in ("text", "name")}
    if not ratelimit.allow(request, "interview", settings.INTERACTION_RATE_LIMIT):
        messages.error(request, _("Too many submissions from your network; please try again later."))
        return QuestionForm(initial=typed), 429  # unbound: keeps what was typed
    if request.POST.get("refresh_captcha"):  # 换一题: a new question, nothing typed is lost
        return QuestionForm(initial=typed), 200
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return form, 400
    InterviewQuestion.objects.create(
        page=page, text=form.cleaned_data["text"].strip(), name=form.cleaned_data["name"].strip()
    )
    return None, 200


@never_cache
def transcript(request, page_id):
    """The transcript entries after `?after=<id>` of a live interview page, as JSON."""
    page = get_object_or_404(InterviewPage.objects.live().public(), pk=page_id)
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    entries = [entry.as_json() for entry in public_transcript(page, after)]
    return JsonResponse({"state": page.state, "entries": entries})
