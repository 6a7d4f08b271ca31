"""Working-day arithmetic on China's official calendar (法定节假日 and 调休 make-up days).

Years covered by the `chinese_calendar` package are taken from it. For any other
year the weekday rule applies, corrected by the `CalendarDay` entries the portal
administrator keeps in the admin ("Working-day calendar"); a year with neither is
flagged as estimated so that deadline explanations can say so.
"""

import datetime

import chinese_calendar
from chinese_calendar.constants import Holiday
from chinese_calendar.constants import holidays as PACKAGE_HOLIDAYS
from chinese_calendar.constants import workdays as PACKAGE_WORKDAYS

PACKAGE_YEARS = range(min(PACKAGE_HOLIDAYS).year, max(PACKAGE_HOLIDAYS).year + 1)


def package_covers(year):
    return year in PACKAGE_YEARS


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue


class WorkCalendar:
    """Answers working-day questions; loads administrator entries once per year and instance."""

    def __init__(self):
        self._entries = {}

    def _year_entries(self, year):
        if year not in self._entries:
            from .models import CalendarDay

            self._entries[year] = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday"))
        return self._entries[year]

    def is_workday(self, day):
        if package_covers(day.year):
            return chinese_calendar.is_workday(day)
        entry = self._year_entries(day.year).get(day)
        return entry if entry is not None else day.weekday() < 5

    def is_estimated(self, year):
        """True when neither the package nor the administrator provides this year's holidays."""
        return not package_covers(year) and not self._year_entries(year)

    def add_workdays(self, day, count):
        """The `count`-th working day after `day` (the day itself does not count)."""
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, start, end):
        """Number of working days d with start < d <= end."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_workday(day)
        return count


def year_days(year):
    """The holidays and 调休 working days in force for `year`, by date: (date, is_workday, name, entry).

    From the package for the years it covers (names in Chinese), else the administrator's
    `CalendarDay` entries (`entry` set, so the screen can link to it)."""
    if package_covers(year):
        names = {holiday.value: holiday.chinese for holiday in Holiday}
        days = [(day, False, names.get(name, name), None) for day, name in PACKAGE_HOLIDAYS.items()]
        days += [(day, True, names.get(name, name), None) for day, name in PACKAGE_WORKDAYS.items()]
        return sorted(day for day in days if day[0].year == year)
    from .models import CalendarDay

    return [(entry.date, entry.is_workday, entry.note, entry) for entry in CalendarDay.objects.filter(date__year=year)]
