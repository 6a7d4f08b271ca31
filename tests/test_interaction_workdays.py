"""Working-day arithmetic on the official calendar, and the administrator's fallback calendar."""

import datetime

from django.test import TestCase
from django.urls import reverse

from interaction.models import CalendarDay
from interaction.workdays import PACKAGE_YEARS, WorkCalendar, add_months
from tests.factories import make_user

D = datetime.date


class OfficialCalendarTest(TestCase):
    def test_national_day_holiday_is_skipped_and_the_make_up_saturday_counts(self):
        # 2026: 1-7 October off; Saturday 10 October is a 调休 working day.
        self.assertEqual(WorkCalendar().add_workdays(D(2026, 9, 30), 3), D(2026, 10, 10))

    def test_spring_festival_make_up_sunday_counts(self):
        calendar = WorkCalendar()
        self.assertTrue(calendar.is_workday(D(2026, 2, 14)))  # Saturday 调休
        self.assertFalse(calendar.is_workday(D(2026, 2, 17)))  # Spring Festival

    def test_working_days_between_excludes_the_start_day_and_holidays(self):
        # Dragon Boat Festival, Friday 19 June 2026.
        self.assertEqual(WorkCalendar().workdays_between(D(2026, 6, 15), D(2026, 6, 24)), 6)

    def test_add_months_clamps_to_the_end_of_the_month(self):
        self.assertEqual(add_months(D(2026, 11, 30), 3), D(2027, 2, 28))
        self.assertEqual(add_months(D(2026, 1, 31), 1), D(2026, 2, 28))


class FallbackCalendarTest(TestCase):
    year = PACKAGE_YEARS[-1] + 1

    def test_uncovered_year_uses_weekdays_and_is_flagged_estimated(self):
        calendar = WorkCalendar()
        self.assertTrue(calendar.is_estimated(self.year))
        self.assertFalse(calendar.is_estimated(PACKAGE_YEARS[-1]))
        friday = next(D(self.year, 1, d) for d in range(1, 8) if D(self.year, 1, d).weekday() == 4)
        self.assertEqual(calendar.add_workdays(friday, 1), friday + datetime.timedelta(days=3))

    def test_administrator_entries_correct_an_uncovered_year(self):
        monday = next(D(self.year, 10, d) for d in range(1, 8) if D(self.year, 10, d).weekday() == 0)
        saturday = monday - datetime.timedelta(days=2)
        CalendarDay.objects.create(date=monday, is_workday=False, note="国庆节")
        CalendarDay.objects.create(date=saturday, is_workday=True, note="调休")
        calendar = WorkCalendar()
        self.assertFalse(calendar.is_estimated(self.year))
        self.assertEqual(calendar.add_workdays(saturday - datetime.timedelta(days=1), 1), saturday)
        self.assertEqual(calendar.add_workdays(saturday, 1), monday + datetime.timedelta(days=1))

    def test_admin_screen_adds_days_but_refuses_years_the_package_covers(self):
        client = self.client
        client.force_login(make_user("portal-admin", superuser=True))
        url = reverse("interaction_calendar:add")
        response = client.post(url, {"date": f"{PACKAGE_YEARS[-1]}-10-01", "is_workday": "", "note": "x"})
        self.assertContains(response, "该年度已由官方日历包覆盖")
        response = client.post(url, {"date": f"{self.year}-10-01", "is_workday": "", "note": "国庆节"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(CalendarDay.objects.filter(date=D(self.year, 10, 1)).exists())

    def test_unit_staff_cannot_edit_the_calendar(self):
        self.client.force_login(make_user("someone", groups=[]))
        response = self.client.get(reverse("interaction_calendar:index"))
        self.assertNotEqual(response.status_code, 200)


class CalendarScreenTest(TestCase):
    """The administrator's calendar screen shows the year's calendar in force, not an empty table."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("portal-admin", superuser=True)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_a_covered_year_lists_the_official_holidays_and_make_up_days(self):
        page = self.client.get(reverse("interaction_calendar:index"), {"year": 2026}).content.decode()
        self.assertIn("2026年节假日和调休上班日", page)
        self.assertIn("来源：国家法定节假日日历", page)
        self.assertRegex(page, r"2026-10-01</td><td>[^<]+</td><td>节假日</td><td>国庆节</td>")
        self.assertRegex(page, r"2026-09-20</td><td>星期日</td><td>调休上班日</td><td>国庆节</td>")
        self.assertRegex(page, r"2026-02-17</td><td>[^<]+</td><td>节假日</td><td>春节</td>")

    def test_an_uncovered_year_shows_the_local_entries_or_warns(self):
        year = PACKAGE_YEARS[-1] + 1
        page = self.client.get(reverse("interaction_calendar:index"), {"year": year}).content.decode()
        self.assertIn("办理时限暂按周一至周五计算", page)
        entry = CalendarDay.objects.create(date=D(year, 10, 1), is_workday=False, note="国庆节")
        page = self.client.get(reverse("interaction_calendar:index"), {"year": year}).content.decode()
        self.assertIn(f'href="{reverse("interaction_calendar:edit", args=[entry.pk])}"', page)
        self.assertIn("共1天节假日，0天调休上班日。", page)
