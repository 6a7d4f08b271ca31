"""Daily visit counters: one row per site and day, and one per column and day — never one per visit.

Nothing here identifies a visitor: no address, no browser string, no cookie. Unique visitors are
decided in the cache with a salted hash that expires with its day (counting.py).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DailyVisits(models.Model):
    day = models.DateField(_("day"))
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    # Empty: the whole site's row (unique visitors of a site are not the sum of its columns').
    column = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("column"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    views = models.PositiveIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "site"], condition=Q(column__isnull=True), name="visits_one_site_row_a_day"
            ),
            models.UniqueConstraint(
                fields=["day", "site", "column"], condition=Q(column__isnull=False), name="visits_one_column_row_a_day"
            ),
        ]
