"""What every rule shares: periods, levels, findings, subjects and the SUPERVISION_RULES settings."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.time import month_bounds


class Level(models.TextChoices):
    OK = "ok", gettext_lazy("Met")
    UNMEASURED = "unmeasured", gettext_lazy("Not monitored")
    WARNING = "warning", gettext_lazy("Warning")
    VETO = "veto", gettext_lazy("Veto")


# How bad a level is. A rule that could not be measured (no availability probe yet, no link check run)
# is 未监测: no breach, but never counted as met either (`overall_level`).
LEVEL_ORDER = {Level.OK: 0, Level.UNMEASURED: 0, Level.WARNING: 1, Level.VETO: 2}


def overall_level(levels):
    """The level of several results: the worst breach; without one, 未监测 if any could not be measured."""
    levels = set(levels)
    return next((level for level in (Level.VETO, Level.WARNING, Level.UNMEASURED) if level in levels), Level.OK)


class Profile(models.TextChoices):
    NATIONAL = "national", gettext_lazy("National floor")
    COUNTY = "county", gettext_lazy("County profile")


def setting(profile, name):
    """One value of settings.SUPERVISION_RULES[profile] (see config/settings/base.py)."""
    return settings.SUPERVISION_RULES[profile][name]


@dataclass(frozen=True)
class Period:
    """A half-open interval [start, end) of local time; `as_of` is its end, or now if that is earlier."""

    kind: str  # month | half | year | custom
    start: datetime.datetime
    end: datetime.datetime
    year: int = 0
    number: int = 0

    @classmethod
    def month(cls, year, month):
        return cls("month", *month_bounds(year, month), year, month)

    @classmethod
    def half(cls, year, half):
        return cls("half", cls.month(year, 6 * half - 5).start, cls.month(year, 6 * half).end, year, half)

    @classmethod
    def whole_year(cls, year):
        return cls("year", cls.month(year, 1).start, cls.month(year, 12).end, year, 0)

    @classmethod
    def previous_month(cls, moment=None):
        today = timezone.localdate(moment or timezone.now())
        last = today.replace(day=1) - datetime.timedelta(days=1)
        return cls.month(last.year, last.month)

    @classmethod
    def current_month(cls, moment=None):
        today = timezone.localdate(moment or timezone.now())
        return cls.month(today.year, today.month)

    @classmethod
    def parse_month(cls, text):
        """ "2026-10" → that month; a clear Chinese error otherwise."""
        try:
            year, month = (int(part) for part in text.split("-"))
            return cls.month(year, month)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a month; write it as YYYY-MM, e.g. 2026-10.") % {"value": text}
            ) from None

    @property
    def as_of(self):
        return min(self.end, timezone.now())

    @property
    def months(self):
        if self.kind == "month":
            return [(self.year, self.number)]
        first = 1 if self.kind == "year" else 6 * self.number - 5
        last = 12 if self.kind == "year" else 6 * self.number
        return [(self.year, m) for m in range(first, last + 1)]

    @property
    def label(self):
        if self.kind == "month":
            return _("%(year)d-%(month)02d") % {"year": self.year, "month": self.number}
        if self.kind == "half":
            return (_("first half of %(year)d") if self.number == 1 else _("second half of %(year)d")) % {
                "year": self.year
            }
        if self.kind == "year":
            return _("year %(year)d") % {"year": self.year}
        return f"{timezone.localtime(self.start):%Y-%m-%d} – {timezone.localtime(self.end):%Y-%m-%d}"


@dataclass
class Subject:
    """What is inspected: a unit's subsite, or the county portal itself (unit None)."""

    unit: object
    name: str
    kind: str  # township | street | department | portal
    home_path: str

    @property
    def key(self):
        return self.unit.pk if self.unit else None


@dataclass
class Finding:
    """One rule's result for one subject: threshold, measured value, items concerned and level."""

    rule: str
    title: str
    profile: str
    threshold: str
    measured: str
    level: str
    items: list = field(default_factory=list)

    def as_dict(self):
        return {
            "rule": self.rule,
            "title": self.title,
            "profile": self.profile,
            "threshold": self.threshold,
            "measured": self.measured,
            "level": self.level,
            "items": self.items,
        }


def item(title, page_id=None, detail=""):
    """An item a finding concerns (a page, a case, a link …) as stored in the report."""
    return {"title": str(title), "page": page_id, "detail": str(detail)}


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def hours_between(start, end):
    return round((end - start).total_seconds() / 3600, 1)
