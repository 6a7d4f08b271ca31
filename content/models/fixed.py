"""Fixed information (机构概况/职责/机构设置/领导分工): leaders, and when each change happened.

The county rule is that fixed columns are updated within 24 hours of a real-world change;
editors record when the change took effect, and every publication logs it with the
publication time so supervision can measure the delay.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from base.pages import PortalPage

from .columns import ColumnType


class LeaderPage(PortalPage):
    """A leader (领导) of the unit: photo, CV, 分工 and important speeches."""

    column_types = (ColumnType.LEADERS,)

    position = models.CharField(_("position"), max_length=100)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cv = RichTextField(_("curriculum vitae"), blank=True)
    responsibilities = RichTextField(_("responsibilities"), blank=True)
    speeches = RichTextField(_("important speeches"), blank=True)
    change_effective_at = models.DateTimeField(
        _("change took effect"),
        null=True,
        blank=True,
        help_text=_("When the change shown in this update took effect (e.g. the appointment date)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("responsibilities"),
        FieldPanel("cv"),
        FieldPanel("speeches"),
        FieldPanel("change_effective_at"),
    ]
    parent_page_types = ["content.ColumnPage"]
    subpage_types = []
    template = "content/leader_page.html"

    class Meta:
        verbose_name = _("leader")


class FixedInfoChange(models.Model):
    """One publication of fixed information: when the change took effect and when it went online."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("subsites.Unit", null=True, on_delete=models.CASCADE, related_name="+")
    effective_at = models.DateTimeField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at"]

    @property
    def delay(self):
        return self.published_at - self.effective_at
