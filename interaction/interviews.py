"""The public's questions to an 在线访谈 (content.InterviewPage), shown only once staff select them, and the
transcript entries its unit's editors add while the interview runs."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .masking import mask, masked_name


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Question awaiting selection")
    SELECTED = "selected", _("Selected for the interview")
    REJECTED = "rejected", _("Not selected")


class InterviewQuestion(models.Model):
    """A question a citizen sends before or during an interview."""

    page = models.ForeignKey(
        "content.InterviewPage",
        verbose_name=_("online interview"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    text = models.TextField(_("question to the guests"))
    name = models.CharField(_("citizen name"), max_length=50, blank=True)
    status = models.CharField(
        _("question selection"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("question sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview question")
        verbose_name_plural = _("interview questions")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.page.title} · {timezone.localtime(self.submitted_at):%Y-%m-%d %H:%M}"

    @property
    def public_name(self):
        return masked_name(self.name) or _("Anonymous citizen")

    @property
    def public_text(self):
        return mask(self.text)


class TranscriptEntry(models.Model):
    """One passage of the live text transcript: who spoke, what, when."""

    page = models.ForeignKey(
        "content.InterviewPage",
        verbose_name=_("online interview"),
        on_delete=models.CASCADE,
        related_name="transcript",
    )
    speaker = models.CharField(_("speaker"), max_length=50)
    text = models.TextField(_("what was said"))
    spoken_at = models.DateTimeField(_("time spoken"), default=timezone.now)

    class Meta:
        verbose_name = _("transcript entry")
        verbose_name_plural = _("transcript entries")
        ordering = ["spoken_at", "pk"]

    def __str__(self):
        return f"{self.page.title} · {self.speaker} {timezone.localtime(self.spoken_at):%H:%M}"

    def as_json(self):
        return {
            "id": self.pk,
            "speaker": self.speaker,
            "text": self.text,
            "time": timezone.localtime(self.spoken_at).strftime("%H:%M"),
        }


def public_transcript(page, after=0):
    """The transcript of a live, public interview page (after entry id `after`); none for a draft."""
    if not (page.live and page.get_view_restrictions().count() == 0):
        return TranscriptEntry.objects.none()
    return page.transcript.filter(pk__gt=after)


def selected_questions(page):
    return page.questions.filter(status=QuestionStatus.SELECTED).order_by("submitted_at")
