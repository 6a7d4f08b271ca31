"""Deadline rules from settings.INTERACTION_RULES, and turning a rule into a due time and its wording."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from base.time import end_of_day, local_date

from .workdays import add_months

UNITS = ("hours", "days", "workdays", "months")


def rule(name):
    value = settings.INTERACTION_RULES[name]
    if value["unit"] not in UNITS:
        raise ValueError(f"INTERACTION_RULES[{name!r}] has an unknown unit {value['unit']!r}")
    return value["amount"], value["unit"]


def format_due(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def due_after(start, amount, unit, calendar):
    """When a limit of `amount` `unit` that starts at `start` runs out."""
    if unit == "hours":
        return start + datetime.timedelta(hours=amount)
    day = local_date(start)
    if unit == "days":
        return end_of_day(day + datetime.timedelta(days=amount))
    if unit == "months":
        return end_of_day(add_months(day, amount))
    return end_of_day(calendar.add_workdays(day, amount))


def describe(amount, unit, due, calendar, extra=""):
    """E.g. "3个工作日，截至 2026-10-10 23:59" (plus a note when the calendar is estimated)."""
    labels = {
        "hours": _("%(amount)d hours"),
        "days": _("%(amount)d days"),
        "workdays": _("%(amount)d working days"),
        "months": _("%(amount)d months"),
    }
    text = _("%(limit)s%(extra)s, until %(due)s") % {
        "limit": labels[unit] % {"amount": amount},
        "extra": extra,
        "due": format_due(due),
    }
    if unit == "workdays" and calendar.is_estimated(timezone.localtime(due).year):
        text += _(" (this year's official holidays are not entered yet; weekdays assumed)")
    return text
