"""在线访谈: an announced interview with its guests and time, the live text transcript while it runs and
the archived transcript with photos afterwards.

The questions the public sends beforehand and the transcript entries live in the interaction app
(interaction/interviews.py).
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


class InterviewPage(ItemPage):
    """An online interview (在线访谈): announced, live between its start and end, archived afterwards."""

    column_types = (ColumnType.INTERVIEWS,)

    starts_at = models.DateTimeField(_("interview starts"))
    ends_at = models.DateTimeField(_("interview ends"))
    intro = RichTextField(_("interview topic and introduction"), blank=True)

    content_panels = ItemPage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("intro")],
            heading=_("Interview settings"),
        ),
        InlinePanel("guests", heading=_("Interview guests"), label=_("interview guest")),
        InlinePanel("photos", heading=_("Interview photos"), label=_("interview photo")),
    ]
    template = "content/interview_page.html"
    has_index_number = False
    search_type = "news"  # search lists an interview with the news (访谈 is a 政务动态 item)

    class Meta:
        verbose_name = _("online interview")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The interview must end after it starts.")})

    @property
    def state(self):
        """ "upcoming", "live" or "ended" at this moment."""
        now = timezone.now()
        if now < self.starts_at:
            return "upcoming"
        return "live" if now < self.ends_at else "ended"

    @property
    def takes_questions(self):
        """The public may send questions before the interview and while it runs."""
        return self.state != "ended"


class InterviewGuest(Orderable):
    page = ParentalKey(InterviewPage, related_name="guests", on_delete=models.CASCADE)
    name = models.CharField(_("guest name"), max_length=50)
    title = models.CharField(_("guest position"), max_length=100, blank=True)

    panels = [FieldPanel("name"), FieldPanel("title")]


class InterviewPhoto(Orderable):
    page = ParentalKey(InterviewPage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
