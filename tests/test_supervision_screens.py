"""Inspection screens that cannot mislead: equal scores share a rank, a rule that could not be measured is
未监测 (never 达标), a unit created after a period is left out of it, a 通报 only for a finished month (its
column unpublished until the bulletin is approved), and no duplicate lines."""

import re
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import Page

from content.models import ColumnPage
from supervision.models import InspectionBulletinPage, InspectionReport, ProbeResult
from supervision.publishing import BULLETIN_COLUMN
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import workflow_action
from tests.test_supervision_rules import at, news


def inspect(month="2026-11", moment=None, *options):
    with freeze_time(moment or at(2026, 12, 1, 2, 0)):
        call_command("inspect_units", "--month", month, *options, stdout=StringIO())
    year, number = (int(part) for part in month.split("-"))
    return InspectionReport.objects.get(period_kind="month", year=year, number=number)


class RankingAndScopeTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = make_unit("jyj", name="教育局")
        cls.second = make_unit("mzj", name="民政局")
        cls.busy = make_unit("sfj", name="司法局")
        news(cls.busy, at(2026, 11, 15, 9, 0))  # 司法局's news column goes stale: a lower score
        cls.centre = make_user("centre", superuser=True)

    def test_equal_scores_share_a_rank(self):
        report = inspect()
        ranks = {r.name: (r.rank, r.score) for r in report.results.filter(unit__isnull=False)}
        self.assertEqual(ranks["教育局"][1], ranks["民政局"][1])
        self.assertLess(ranks["司法局"][1], ranks["教育局"][1])
        self.assertEqual(
            {name: rank for name, (rank, _score) in ranks.items()}, {"教育局": 1, "民政局": 1, "司法局": 3}
        )
        with freeze_time(at(2026, 12, 1, 9, 0)):
            self.client.force_login(self.centre)
            html = self.client.get(reverse("supervision_centre")).content.decode()
        self.assertEqual(html.count("<tr><td>1</td>"), 2)
        self.assertEqual(html.count("<tr><td>3</td>"), 1)
        self.assertNotIn("<tr><td>2</td>", html)

    def test_a_unit_created_after_the_period_is_left_out_of_it(self):
        newcomer = make_unit("tjj", name="统计局")
        Page.objects.filter(pk=newcomer.home_page_id).update(first_published_at=at(2026, 12, 2, 9, 0))
        november = inspect(moment=at(2026, 12, 3, 2, 0))
        self.assertFalse(november.results.filter(unit=newcomer).exists())
        self.assertTrue(november.results.filter(unit=self.first).exists())
        december = inspect("2026-12", at(2026, 12, 3, 2, 0))
        self.assertTrue(december.results.filter(unit=newcomer).exists())

    def test_an_unmeasured_rule_is_shown_as_not_monitored_never_as_met(self):
        report = inspect()
        result = report.results.get(unit=self.busy)
        availability = next(f for f in result.findings if f["rule"] == "availability")
        self.assertEqual((availability["level"], availability["measured"]), ("unmeasured", "未监测"))
        links = next(f for f in result.findings if f["rule"] == "broken_links")
        self.assertEqual(links["level"], "unmeasured")
        self.assertNotEqual(result.level, "ok")
        with freeze_time(at(2026, 12, 1, 9, 0)):
            self.client.force_login(self.centre)
            html = self.client.get(reverse("supervision_report", args=[report.pk])).content.decode()
            unit_view = self.client.get(reverse("supervision_unit"), {"unit": self.busy.pk}).content.decode()
        self.assertIn("<td>未监测</td><td>未监测</td>", re.sub(r">\s+<", "><", html))
        row = unit_view[unit_view.index('data-rule="availability"') :]
        row = row[: row.index("</tr>")]
        self.assertIn("未监测", row)
        self.assertNotIn("达标", row)

        for minute in range(3):  # once probed, the rule is measured and met
            ProbeResult.objects.create(
                unit=self.busy,
                url="http://sfj.gov.test/",
                ok=True,
                status_code=200,
                checked_at=at(2026, 11, 28, 9, minute),
            )
        availability = next(f for f in inspect().results.get(unit=self.busy).findings if f["rule"] == "availability")
        self.assertEqual(availability["level"], "ok")


class BulletinTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="教育局")

    def test_only_a_finished_month_gets_a_bulletin_and_its_column_waits_for_the_approval(self):
        with self.assertRaisesMessage(CommandError, "尚未结束"):
            inspect("2026-11", at(2026, 11, 20, 9, 0), "--bulletin")
        self.assertFalse(InspectionBulletinPage.objects.exists())
        self.assertFalse(ColumnPage.objects.filter(slug=BULLETIN_COLUMN["slug"]).exists())
        centre = make_user("centre", superuser=True)
        report = InspectionReport.objects.get()
        with freeze_time(at(2026, 11, 20, 9, 0)):
            self.client.force_login(centre)  # sessions last two idle hours, on the frozen clock too
            page = self.client.get(reverse("supervision_report", args=[report.pk])).content.decode()
            self.assertIn("本期尚未结束", page)
            self.assertNotIn("生成通报并提交审核", page)
            response = self.client.post(reverse("supervision_report", args=[report.pk]), follow=True)
        self.assertContains(response, "尚未结束")
        self.assertFalse(InspectionBulletinPage.objects.exists())

        with freeze_time(at(2026, 12, 1, 9, 0)):
            self.client.force_login(centre)
            self.client.post(reverse("supervision_report", args=[report.pk]), follow=True)
        bulletin = InspectionBulletinPage.objects.get()
        column = ColumnPage.objects.get(slug=BULLETIN_COLUMN["slug"])
        self.assertFalse(column.live)  # not an empty live column while the bulletin waits
        self.assertEqual(bulletin.current_workflow_state.status, "in_progress")

        approver = make_user("portal-reviewer", superuser=True)  # not the submitter
        self.client.force_login(approver)
        workflow_action(self.client, bulletin, "approve")
        bulletin.refresh_from_db()
        column.refresh_from_db()
        self.assertTrue(bulletin.live)
        self.assertTrue(column.live)
        listing = self.client.get(f"/{BULLETIN_COLUMN['slug']}/", HTTP_HOST="gov.test")
        self.assertContains(listing, bulletin.title)


class NoDuplicateLinesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="教育局")
        cls.editor = make_role_users(cls.unit)[0]
        cls.centre = make_user("centre", superuser=True)

    def test_each_unit_and_each_due_annual_report_appears_once(self):
        report = inspect()
        self.client.force_login(self.centre)
        html = self.client.get(reverse("supervision_report", args=[report.pk])).content.decode()
        self.assertEqual(html.count("教育局检查明细"), 1)
        self.assertNotIn("<caption>教育局", html)

        with freeze_time(at(2027, 1, 10, 9, 0)):
            self.client.force_login(self.editor)
            html = self.client.get(reverse("supervision_unit")).content.decode()
        steps = html[html.index('id="next-heading"') : html.index('id="duties-heading"')]
        self.assertIn("发布上一年度的政府网站工作年度报表（截止2027-01-31）", steps)
        self.assertIn("发布上一年度的政府信息公开工作年度报告（截止2027-01-31）", steps)
