"""征集调查: a public consultation on a draft policy or a survey, with its period, draft document,
questions, and the published 意见采纳情况 (results and what was adopted) after the period.

The citizens' answers and their moderation live in the interaction app (interaction/surveys.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from .columns import ColumnType
from .items import ItemPage


class SurveyPage(ItemPage):
    """A consultation (征求意见) or survey (问卷调查) open to the public for a period."""

    column_types = (ColumnType.SURVEYS,)

    opens_at = models.DateTimeField(_("consultation opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("consultation closes"))
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("draft for comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The draft policy the public comments on (optional for a plain survey)."),
    )
    results = RichTextField(
        _("results and adoption (意见采纳情况)"),
        blank=True,
        help_text=_(
            "After the period: how many opinions came in, what was adopted and why the rest was not. "
            "Publishing the results is checked by supervision."
        ),
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True, editable=False)

    content_panels = ItemPage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]), FieldPanel("draft_document")],
            heading=_("Consultation settings"),
        ),
        InlinePanel("questions", heading=_("Survey questions"), label=_("survey question")),
        FieldPanel("results"),
    ]
    template = "content/survey_page.html"
    has_index_number = False
    search_type = "notice"  # search lists a consultation with the notices (征求意见公告)

    class Meta:
        verbose_name = _("consultation or survey")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The consultation must close after it opens.")})

    def save(self, *args, **kwargs):
        if self.live and self.results and self.results_published_at is None:
            self.results_published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def state(self):
        """ "upcoming", "open" or "closed" at this moment."""
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    @property
    def is_open(self):
        return self.state == "open"


class SurveyQuestion(Orderable):
    """One question of a survey: a single or multiple choice among options, or free text."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    page = ParentalKey(SurveyPage, related_name="questions", on_delete=models.CASCADE)
    text = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("answer type"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    options = models.TextField(
        _("answer options"), blank=True, help_text=_("For choice questions: one option per line.")
    )
    required = models.BooleanField(_("answer required"), default=True)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("options"), FieldPanel("required")]

    def clean(self):
        super().clean()
        if self.kind != self.Kind.TEXT and len(self.option_list()) < 2:
            raise ValidationError({"options": _("A choice question needs at least two options, one per line.")})

    def option_list(self):
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]
