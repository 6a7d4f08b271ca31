"""Citizens' answers to a 征集调查 (content.SurveyPage): one response per visitor, moderated before
any opinion is shown in public, and the figures published with the results."""

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .masking import mask, masked_name


class OpinionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Shown in public")
    HIDDEN = "hidden", _("Not shown in public")


class SurveyResponse(models.Model):
    """One visitor's answers and opinion on one consultation."""

    page = models.ForeignKey(
        "content.SurveyPage",
        verbose_name=_("consultation or survey"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    visitor_key = models.CharField(max_length=64, editable=False)
    answers = models.JSONField(_("survey answers"), default=dict, editable=False)
    opinion = models.TextField(_("written opinion"), blank=True)
    name = models.CharField(_("citizen name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    publish_consent = models.BooleanField(_("opinion may be shown in public"), default=False)
    status = models.CharField(
        _("opinion moderation"), max_length=10, choices=OpinionStatus.choices, default=OpinionStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("response submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["page", "visitor_key"], name="one_response_per_visitor")]

    def __str__(self):
        return f"{self.page.title} · {timezone.localtime(self.submitted_at):%Y-%m-%d %H:%M}"

    @staticmethod
    def key_for(page, visitor_token):
        """The stored key of a visitor's browser token for this page (the token itself is not kept)."""
        return salted_hmac("survey-visitor", f"{page.pk}:{visitor_token}").hexdigest()

    def consent_label(self):
        return _("Agreed to publication") if self.publish_consent else _("Did not agree to publication")

    consent_label.short_description = _("publication consent")

    @property
    def public_name(self):
        return masked_name(self.name) or _("Anonymous citizen")

    @property
    def public_opinion(self):
        return mask(self.opinion)


def summary(page):
    """Figures of a consultation: the number of responses, and per choice question its option counts."""
    responses = list(page.responses.values_list("answers", flat=True))
    questions = []
    for question in page.questions.all():
        if question.kind == question.Kind.TEXT:
            continue
        counts = dict.fromkeys(question.option_list(), 0)
        for answers in responses:
            chosen = answers.get(str(question.pk))
            for option in chosen if isinstance(chosen, list) else [chosen]:
                if option in counts:
                    counts[option] += 1
        total = sum(counts.values()) or 1
        questions.append(
            {
                "question": question,
                "options": [(option, count, round(100 * count / total)) for option, count in counts.items()],
            }
        )
    return {"count": len(responses), "questions": questions}


def published_opinions(page):
    return page.responses.filter(status=OpinionStatus.PUBLISHED, publish_consent=True).exclude(opinion="")
