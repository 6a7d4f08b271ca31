"""Time helpers in the portal's time zone (Asia/Shanghai): days, their bounds, months.

A month is the half-open interval [its first midnight, the next month's first midnight), the
same for interaction statistics and supervision periods.
"""

import datetime

from django.utils import timezone


def local_date(moment):
    return timezone.localtime(moment).date()


def midnight(day):
    """The first moment of `day` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def end_of_day(day):
    """The last second of `day` in the current time zone (the moment a deadline on that day falls due)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def month_bounds(year, month):
    """(start, end) of the month: its first midnight and the next month's; `end` is not in it."""
    first = datetime.date(year, month, 1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    return midnight(first), midnight(after)
