"""Admin dashboards: the centre's ranking and trend, a unit's own duties — and isolation between units."""

import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from content.models import ColumnPage, NewsPage
from subsites.models import UnitKind
from supervision.models import InspectionReport
from tests.factories import make_role_users, make_unit, make_user

SH = ZoneInfo("Asia/Shanghai")
QUIET = {"stdout": open("/dev/null", "w")}
# Queries of the centre page whatever the number of monthly reports in its trend (15 on SQLite; with
# one query per report and series, ten reports took 34).
CENTRE_QUERIES = 19


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


class DashboardTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit_a = make_unit("jyj", name="云溪县教育局")
        cls.unit_b = make_unit("qszhen", name="云溪县青石镇人民政府", kind=UnitKind.TOWNSHIP)
        cls.editor_a = make_role_users(cls.unit_a)[0]
        cls.editor_b = make_role_users(cls.unit_b)[0]
        cls.centre = make_user("centre", superuser=True)
        news = ColumnPage.objects.child_of(cls.unit_a.home_page).get(slug="gzdt")
        with freeze_time(at(2026, 10, 5, 9, 0)):
            page = NewsPage(title="教育局十月动态")
            news.add_child(instance=page)
            page.save_revision().publish()
        for month in ("2026-09", "2026-10"):
            with freeze_time(at(2026, 11, 2, 9, 0)):
                call_command("inspect_units", "--month", month, **QUIET)

    def test_centre_sees_every_unit_ranked_with_lights_and_a_trend_chart(self):
        self.client.force_login(self.centre)
        with freeze_time(at(2026, 11, 2, 10, 0)):
            response = self.client.get(reverse("supervision_centre"))
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn("2026年10月", html)
        self.assertIn("云溪县教育局", html)
        self.assertIn("云溪县青石镇人民政府", html)
        self.assertIn('class="supervision-light supervision-light--veto"', html)
        self.assertIn('<svg role="img"', html)
        self.assertIn("<polyline", html)
        self.assertIn("26-09", html)

    def test_centre_trend_takes_a_bounded_number_of_queries(self):
        october = InspectionReport.objects.get(period_kind="month", year=2026, number=10)
        for month in range(1, 9):  # ten monthly reports in the trend
            report = InspectionReport.objects.create(
                period_kind="month", year=2026, number=month, generated_at=october.generated_at
            )
            for result in october.results.all():
                result.pk, result.report = None, report
                result.score = 50 + month if result.unit_id else 0  # the portal's line is not averaged
                result.save()
        self.client.force_login(self.centre)
        with freeze_time(at(2026, 11, 2, 10, 0)), CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("supervision_centre"))
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(queries), CENTRE_QUERIES)
        html = response.content.decode()
        self.assertEqual(html.count('<tr><th scope="row">26-'), 10)
        self.assertIn('<tr><th scope="row">26-03</th><td>53.0</td>', html)

    def test_unit_user_sees_only_its_own_unit(self):
        self.client.force_login(self.editor_a)
        with freeze_time(at(2026, 11, 20, 10, 0)):
            response = self.client.get(reverse("supervision_unit"))
            html = response.content.decode()
            self.assertEqual(response.status_code, 200)
            self.assertIn("云溪县教育局", html)
            self.assertNotIn("青石镇", html)
            self.assertIn('data-rule="department_news_month"', html)
            self.assertIn("部门动态月发布量", html)
            self.assertContains(self.client.get(reverse("wagtailadmin_home")), reverse("supervision_unit"))
            other = self.client.get(reverse("supervision_unit"), {"unit": self.unit_b.pk})
            self.assertEqual(other.status_code, 404)
            # The centre's views and reports redirect a unit user away, without any data.
            self.assertRedirects(
                self.client.get(reverse("supervision_centre")),
                reverse("supervision_unit"),
                fetch_redirect_response=False,
            )
            report = InspectionReport.objects.filter(number=10).get()
            for name in ("supervision_report", "supervision_report_xlsx"):
                denied = self.client.get(reverse(name, args=[report.pk]))
                self.assertEqual(denied.status_code, 302)
                self.assertEqual(denied["Location"], reverse("wagtailadmin_home"))

    def test_unit_dashboard_lists_overdue_items_and_next_steps(self):
        self.client.force_login(self.editor_b)
        with freeze_time(at(2026, 11, 20, 10, 0)):
            html = self.client.get(reverse("supervision_unit")).content.decode()
        self.assertIn("云溪县青石镇人民政府", html)
        self.assertNotIn("教育局", html)
        self.assertIn("每天至少发布1条工作动态。", html)
        self.assertIn("2026-11-19", html)  # a day without news, listed as overdue

    def test_centre_can_open_any_unit_and_generate_a_report(self):
        self.client.force_login(self.centre)
        with freeze_time(at(2026, 11, 20, 10, 0)):
            self.assertContains(self.client.get(reverse("supervision_unit"), {"unit": self.unit_b.pk}), "青石镇")
            response = self.client.post(reverse("supervision_centre"), {"month": "2026-13"}, follow=True)
            self.assertContains(response, "不是有效月份")
            response = self.client.post(reverse("supervision_centre"), {"month": "2026-08"})
        report = InspectionReport.objects.get(number=8)
        self.assertRedirects(response, reverse("supervision_report", args=[report.pk]), fetch_redirect_response=False)
