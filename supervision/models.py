"""Stored supervision results: inspection reports per period and unit, the published 通报 page,
nightly veto checks, availability probes and link-check runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from content.models import ColumnType, ItemPage

from .rules.base import Level, Period


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Monthly")
    HALF = "half", _("Half-yearly")
    YEAR = "year", _("Annual")


class InspectionReport(models.Model):
    """The inspection of every unit for one month, half year or year."""

    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(help_text="month (1-12), half (1-2) or 0 for a year")
    generated_at = models.DateTimeField(_("generated at"))
    bulletin = models.ForeignKey(
        "supervision.InspectionBulletinPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["period_kind", "year", "number"], name="one_report_per_period")]
        verbose_name = _("inspection report")

    def __str__(self):
        return str(self.period.label)

    @property
    def period(self):
        if self.period_kind == PeriodKind.MONTH:
            return Period.month(self.year, self.number)
        if self.period_kind == PeriodKind.HALF:
            return Period.half(self.year, self.number)
        return Period.whole_year(self.year)


class UnitResult(models.Model):
    """One subject's line of a report: level, score, counts and the findings (or months) behind them."""

    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("subsites.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(max_length=20)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    vetoes = models.PositiveIntegerField(_("vetoes"))
    warnings = models.PositiveIntegerField(_("warnings"))
    findings = models.JSONField(default=list)

    class Meta:
        ordering = ["rank", "pk"]


class DailyCheck(models.Model):
    """The nightly veto self-check of one subject (unit None = the portal)."""

    day = models.DateField()
    unit = models.ForeignKey("subsites.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=10, choices=Level.choices)
    findings = models.JSONField(default=list)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["day", "unit"], name="one_check_per_day_and_unit")]


class ProbeResult(models.Model):
    """One availability probe of a site's home page (a page not loaded within the timeout is a failure)."""

    unit = models.ForeignKey("subsites.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=300)
    checked_at = models.DateTimeField(db_index=True)
    ok = models.BooleanField()
    status_code = models.PositiveSmallIntegerField(null=True)
    elapsed_ms = models.PositiveIntegerField(null=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-checked_at"]


class LinkCheckRun(models.Model):
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    pages = models.PositiveIntegerField(default=0)
    links = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]


class LinkKind(models.TextChoices):
    INTERNAL = "internal", _("Internal link")
    ATTACHMENT = "attachment", _("Attachment")
    IMAGE = "image", _("Image")
    EXTERNAL = "external", _("External link")


class LinkProblem(models.Model):
    """A link, attachment or image of a live page that does not work, or (checked False) an external
    link that was not fetched because it points to an internal address."""

    run = models.ForeignKey(LinkCheckRun, on_delete=models.CASCADE, related_name="problems")
    unit = models.ForeignKey("subsites.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    problem = models.CharField(max_length=300)
    checked = models.BooleanField(default=True)


class InspectionBulletinPage(ItemPage):
    """The published 通报 of an inspection report; its tables are rendered from the stored results."""

    column_types = (ColumnType.NOTICES,)

    report = models.ForeignKey(
        InspectionReport, verbose_name=_("inspection report"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = ItemPage.content_panels + [FieldPanel("report", read_only=True)]
    template = "supervision/bulletin_page.html"
    is_creatable = False  # created from an inspection report (supervision/publishing.py), never by hand

    class Meta:
        verbose_name = _("inspection bulletin")
