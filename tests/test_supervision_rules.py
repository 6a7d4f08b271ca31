"""Supervision rules under a frozen clock, measured through `inspect_units` and `run_supervision_checks`."""

import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import TestCase
from freezegun import freeze_time

from base.publication import template_publication
from content.models import ColumnPage, ColumnType, InterpretationPage, NewsPage, NoticePage, PolicyPage
from content.vocabularies import PolicyKind
from subsites.models import UnitKind
from supervision.models import DailyCheck, UnitResult
from tests.factories import make_unit
from tests.test_interaction_support import submit

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def column(unit, column_type=ColumnType.NEWS):
    return ColumnPage.objects.child_of(unit.home_page).filter(column_type=column_type).first()


def publish(parent, page, moment):
    with freeze_time(moment):
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def news(unit, moment, parent=None, number=0):
    return publish(parent or column(unit), NewsPage(title=f"动态{moment:%m%d%H%M}-{number}", issued_at=moment), moment)


def findings_of(unit, month="2026-11", run_at=None):
    with freeze_time(run_at or at(2026, 12, 1, 2, 0)):
        call_command("inspect_units", "--month", month, stdout=open("/dev/null", "w"))
    result = UnitResult.objects.get(report__year=int(month[:4]), report__number=int(month[5:]), unit=unit)
    return {f["rule"]: f for f in result.findings}


def daily_findings(unit, moment):
    with freeze_time(moment):
        call_command("run_supervision_checks", "--skip-links", stdout=open("/dev/null", "w"))
    return {f["rule"]: f for f in DailyCheck.objects.get(day=moment.date(), unit=unit).findings}


def fill_columns(unit, leave_blank):
    """Give every column text except `leave_blank` of them (the interaction column is exempt anyway)."""
    columns = ColumnPage.objects.child_of(unit.home_page).exclude(column_type=ColumnType.INTERACTION)
    for index, page in enumerate(columns.order_by("path")):
        if index >= leave_blank:
            page.body = "<p>栏目内容</p>"
            page.save_revision().publish()


class NewsQuotaTest(TestCase):
    def test_township_with_29_news_items_fails_and_with_30_passes(self):
        town = make_unit("qszhen", name="青石镇", kind=UnitKind.TOWNSHIP)
        for day in range(1, 30):
            news(town, at(2026, 11, day, 9, 0))
        found = findings_of(town)
        self.assertEqual(found["township_news_month"]["level"], "warning")
        self.assertEqual(found["township_news_month"]["measured"], "29条")
        self.assertEqual(found["township_news_daily"]["level"], "warning")
        self.assertEqual([i["title"] for i in found["township_news_daily"]["items"]], ["2026-11-30"])
        news(town, at(2026, 11, 30, 9, 0))
        found = findings_of(town)
        self.assertEqual(found["township_news_month"]["level"], "ok")
        self.assertEqual(found["township_news_month"]["measured"], "30条")
        self.assertEqual(found["township_news_daily"]["level"], "ok")

    def test_department_with_15_news_items_passes_and_with_14_fails(self):
        department = make_unit("jyj", name="教育局")
        for number in range(14):
            news(department, at(2026, 11, 2 + number, 10, 0))
        self.assertEqual(findings_of(department)["department_news_month"]["level"], "warning")
        news(department, at(2026, 11, 20, 10, 0))
        found = findings_of(department)
        self.assertEqual(found["department_news_month"]["level"], "ok")
        self.assertNotIn("township_news_month", found)


class PublicationDelayTest(TestCase):
    def test_notice_published_13_hours_after_issue_breaches_the_12_hour_rule(self):
        unit = make_unit("jyj", name="教育局")
        notices = column(unit, ColumnType.NOTICES)
        publish(notices, NoticePage(title="按时公告", issued_at=at(2026, 11, 10, 8, 0)), at(2026, 11, 10, 19, 0))
        publish(notices, NoticePage(title="迟发公告", issued_at=at(2026, 11, 10, 8, 0)), at(2026, 11, 10, 21, 0))
        finding = findings_of(unit)["notice_delay"]
        self.assertEqual(finding["level"], "warning")
        self.assertEqual(finding["measured"], "2条中1条超时")
        self.assertEqual([i["title"] for i in finding["items"]], ["迟发公告"])
        self.assertIn("13.0", finding["items"][0]["detail"])


class ColumnVetoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="教育局")

    def add_news_columns(self, count):
        """`count` news columns (the standard one plus extra ones), each with one item of 1 November."""
        columns = [column(self.unit)]
        for number in range(count - 1):
            extra = ColumnPage(title=f"新闻栏目{number}", slug=f"news-{number}", column_type=ColumnType.NEWS)
            self.unit.home_page.add_child(instance=extra)
            with template_publication():  # added empty, as the subsite template adds a column
                extra.save_revision().publish()
            columns.append(extra)
        for number, parent in enumerate(columns):
            news(self.unit, at(2026, 11, 1, 9, 0), parent, number)

    def test_five_stale_news_columns_are_a_veto(self):
        self.add_news_columns(5)
        finding = findings_of(self.unit)["stale_columns"]
        self.assertEqual((finding["level"], finding["measured"]), ("veto", "5个栏目"))

    def test_four_stale_news_columns_are_a_warning(self):
        self.add_news_columns(4)
        finding = findings_of(self.unit)["stale_columns"]
        self.assertEqual((finding["level"], finding["measured"]), ("warning", "4个栏目"))

    def test_news_column_warns_from_day_10_before_it_is_stale(self):
        self.add_news_columns(1)
        finding = daily_findings(self.unit, at(2026, 11, 11, 12, 0))["stale_columns"]
        self.assertEqual((finding["level"], finding["measured"]), ("warning", "0个栏目"))
        self.assertIn("即将超期", finding["items"][0]["detail"])
        self.assertEqual(daily_findings(self.unit, at(2026, 11, 10, 8, 0))["stale_columns"]["level"], "ok")

    def test_five_blank_columns_are_a_veto_and_four_a_warning(self):
        fill_columns(self.unit, leave_blank=5)
        finding = findings_of(self.unit)["blank_columns"]
        self.assertEqual((finding["level"], finding["measured"]), ("veto", "5个栏目"))
        blank = ColumnPage.objects.get(pk=finding["items"][0]["page"])
        blank.body = "<p>补充内容</p>"
        blank.save_revision().publish()
        finding = findings_of(self.unit)["blank_columns"]
        self.assertEqual((finding["level"], finding["measured"]), ("warning", "4个栏目"))

    def test_homepage_rule_warns_from_day_10_and_fires_on_day_15(self):
        news(self.unit, at(2026, 11, 1, 9, 0))
        self.assertEqual(daily_findings(self.unit, at(2026, 11, 10, 8, 0))["homepage_update"]["level"], "ok")
        self.assertEqual(daily_findings(self.unit, at(2026, 11, 11, 10, 0))["homepage_update"]["level"], "warning")
        self.assertEqual(daily_findings(self.unit, at(2026, 11, 14, 10, 0))["homepage_update"]["level"], "warning")
        fired = daily_findings(self.unit, at(2026, 11, 15, 10, 0))["homepage_update"]
        self.assertEqual(fired["level"], "veto")
        self.assertIn("14天", fired["measured"])


class InteractionVetoTest(TestCase):
    def test_consultation_open_for_91_days_is_a_veto(self):
        unit = make_unit("jyj", name="教育局")
        with freeze_time(at(2026, 8, 1, 10, 0)):
            case, _password = submit(self.client, "consultation", host=unit.host)
        self.assertEqual(case.unit, unit)
        at_59 = daily_findings(unit, at(2026, 9, 29, 12, 0))["unanswered_messages"]
        self.assertEqual(at_59["level"], "ok")
        at_70 = daily_findings(unit, at(2026, 10, 10, 12, 0))["unanswered_messages"]
        self.assertEqual(at_70["level"], "warning")
        at_91 = daily_findings(unit, at(2026, 10, 31, 12, 0))["unanswered_messages"]
        self.assertEqual(at_91["level"], "veto")
        self.assertIn(case.tracking_code, at_91["items"][0]["title"])
        self.assertIn("91天", at_91["items"][0]["detail"])


class InterpretationTest(TestCase):
    def test_exempt_policy_without_interpretation_is_late_after_3_working_days_across_a_holiday(self):
        unit = make_unit("jyj", name="教育局")
        policies = column(unit, ColumnType.POLICIES)
        # Published Wednesday 30 September 2026; 1-7 October is the National Day holiday, so the
        # third working day is Saturday 10 October (a make-up working day).
        policy = publish(
            policies,
            PolicyPage(
                title="关于加强校园安全管理的规定",
                policy_kind=PolicyKind.NORMATIVE,
                issuing_authority="教育局",
                written_date=datetime.date(2026, 9, 28),
                issued_at=at(2026, 9, 30, 9, 0),
                interpretation_exempt=True,
                exemption_reason="内容简单，无需解读",
            ),
            at(2026, 9, 30, 10, 0),
        )
        october = findings_of(unit, "2026-10", run_at=at(2026, 11, 1, 2, 0))["interpretation"]
        self.assertEqual(october["level"], "warning")
        self.assertEqual([i["title"] for i in october["items"]], [policy.title])
        self.assertIn("2026-10-10 23:59", october["items"][0]["detail"])
        self.assertIn("内容简单，无需解读", october["items"][0]["detail"])
        # Before the deadline (Friday 9 October) it is not listed yet.
        with freeze_time(at(2026, 10, 9, 18, 0)):
            call_command("inspect_units", "--month", "2026-10", stdout=open("/dev/null", "w"))
        early = {f["rule"]: f for f in UnitResult.objects.get(unit=unit, report__number=10).findings}
        self.assertEqual(early["interpretation"]["level"], "ok")

    def test_interpretation_within_3_working_days_is_fine(self):
        unit = make_unit("jyj", name="教育局")
        policy = publish(
            column(unit, ColumnType.POLICIES),
            PolicyPage(
                title="规范性文件",
                policy_kind=PolicyKind.NORMATIVE,
                issuing_authority="教育局",
                written_date=datetime.date(2026, 9, 28),
                issued_at=at(2026, 9, 30, 9, 0),
                interpretation_exempt=True,
                exemption_reason="解读稍后发布",
            ),
            at(2026, 9, 30, 10, 0),
        )
        publish(
            column(unit, ColumnType.INTERPRETATIONS),
            InterpretationPage(title="解读", policy=policy),
            at(2026, 10, 9, 10, 0),
        )
        october = findings_of(unit, "2026-10", run_at=at(2026, 11, 1, 2, 0))["interpretation"]
        self.assertEqual((october["level"], october["items"]), ("ok", []))
