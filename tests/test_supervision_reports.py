"""Supervision reports: half-year aggregation, annual report drafts, the nightly schedule and its steps
(the demo county's monthly report: tests/test_demo_county.py)."""

import datetime
from contextlib import contextmanager
from io import StringIO
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase, override_settings
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from content.models import AnnualReportPage
from home.provisioning import apply_portal_template
from supervision.models import DailyCheck, InspectionReport, LinkCheckRun, PeriodKind
from supervision.tasks import nightly_checks
from tests.factories import make_role_users, make_unit, make_user
from tests.outages import mail_server_down
from tests.test_interaction_support import act, submit
from tests.test_operations_mail_once import RefusingBackend
from tests.test_operations_tasks import DATABASE_QUEUE, run_worker

SH = ZoneInfo("Asia/Shanghai")
QUIET = {"stdout": open("/dev/null", "w")}


class AggregationTest(TestCase):
    def test_half_year_report_averages_the_months(self):
        make_unit("jyj", name="教育局")
        with freeze_time(datetime.datetime(2026, 7, 1, 3, 0, tzinfo=SH)):
            call_command("inspect_units", "--half", "2026-1", **QUIET)
        half = InspectionReport.objects.get(period_kind=PeriodKind.HALF, year=2026, number=1)
        months = InspectionReport.objects.filter(period_kind=PeriodKind.MONTH, year=2026)
        self.assertEqual(sorted(months.values_list("number", flat=True)), [1, 2, 3, 4, 5, 6])
        line = half.results.get(unit__code="jyj")
        monthly = [m.results.get(unit__code="jyj") for m in months]
        self.assertEqual(len(line.findings), 6)
        self.assertEqual(float(line.score), round(sum(float(m.score) for m in monthly) / 6, 1))
        self.assertEqual(line.vetoes, sum(m.vetoes for m in monthly))

    def test_bad_month_is_refused_with_a_chinese_message(self):
        from django.core.management import CommandError

        with self.assertRaisesMessage(CommandError, "不是有效月份"):
            call_command("inspect_units", "--month", "2026/13", **QUIET)


class AnnualReportTest(TestCase):
    def test_drafts_on_2_january_with_statistics_and_reminders_until_published(self):
        unit = make_unit("jyj", name="教育局")
        make_role_users(unit)
        with freeze_time(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=SH)):
            from content.models import ColumnPage, NewsPage

            news = ColumnPage.objects.child_of(unit.home_page).get(slug="gzdt")
            for number in range(3):
                page = NewsPage(title=f"动态{number}")
                news.add_child(instance=page)
                page.save_revision().publish()
        with freeze_time(datetime.datetime(2027, 1, 2, 1, 0, tzinfo=SH)):
            call_command("run_supervision_checks", "--skip-links", **QUIET)
        drafts = AnnualReportPage.objects.filter(year=2026)
        website = drafts.get(report_kind="website", owner_unit=unit)
        self.assertFalse(website.live)
        self.assertEqual(website.get_latest_revision_as_object().figures["published_news"], 3)
        self.assertTrue(drafts.filter(report_kind="disclosure", owner_unit=unit).exists())
        reminders = [m for m in mail.outbox if "年度报告" in m.subject and "jyj-editor@example.com" in m.to]
        self.assertEqual(len(reminders), 2)
        self.assertIn("2027-01-31", reminders[0].body)
        website.get_latest_revision().publish()
        mail.outbox.clear()
        with freeze_time(datetime.datetime(2027, 2, 3, 1, 0, tzinfo=SH)):
            call_command("run_supervision_checks", "--skip-links", **QUIET)
        reminders = [m for m in mail.outbox if "年度报告" in m.subject and "jyj-editor@example.com" in m.to]
        self.assertEqual(len(reminders), 1)
        self.assertIn("逾期", reminders[0].body)

    def test_disclosure_requests_are_counted_by_outcome_in_the_disclosure_report(self):
        apply_portal_template()
        unit, other = make_unit("jyj", name="教育局"), make_unit("gaj", name="公安局")
        staff = {unit: make_role_users(unit), other: make_role_users(other)}

        def request(site, outcome=None, year=2026):
            with freeze_time(datetime.datetime(year, 6, 1, 10, 0, tzinfo=SH)):
                case, _password = submit(self.client, "disclosure", host=site.host)
                editor, reviewer, _leader = staff[site]
                steps = [
                    (editor, "confirm_receipt", {}),
                    (
                        editor,
                        "draft",
                        {
                            "text": "经审查，",
                            "disclosure_outcome": outcome,
                            "reason": "依条例办理。",
                            "disclosure_reason": {
                                "withheld": "withheld_state_secret",
                                "unavailable": "unavailable_not_held",
                            }.get(outcome, ""),
                        },
                    ),
                    (reviewer, "approve", {}),
                ]
                for user, action, fields in steps if outcome else []:
                    self.client.force_login(user)
                    self.assertEqual(act(self.client, case, action, **fields).status_code, 302)
                self.client.logout()

        for outcome in ("disclosed", "disclosed", "withheld", None):
            request(unit, outcome)
        request(other, "partial")
        request(unit, "unavailable", year=2025)  # another year: not counted
        with freeze_time(datetime.datetime(2027, 1, 2, 1, 0, tzinfo=SH)):
            call_command("run_supervision_checks", "--skip-links", **QUIET)

        def requests_line(owner):
            page = AnnualReportPage.objects.get(year=2026, report_kind="disclosure", owner_unit=owner)
            counts = page.get_latest_revision_as_object().figures["requests"]
            return {row: columns["total"] for row, columns in counts.items() if row not in ("new", "handled")}

        self.assertEqual(requests_line(unit), {"disclosed": 2, "withheld_state_secret": 1, "carried_out": 1})
        self.assertEqual(requests_line(other), {"partial": 1})
        self.assertEqual(
            requests_line(None), {"disclosed": 2, "withheld_state_secret": 1, "carried_out": 1, "partial": 1}
        )


FIRST_OF_DECEMBER = datetime.datetime(2026, 12, 1, 1, 0, tzinfo=SH)
MAIL_NOT_SENT = "部分邮件未能发送（邮件服务器无法连接或拒收），再次运行时将补发。"


def nightly(links=False):
    """run_supervision_checks (by default without the link check): (its lines, its error or None)."""
    out = StringIO()
    try:
        call_command("run_supervision_checks", *([] if links else ["--skip-links"]), stdout=out)
    except CommandError as error:
        return out.getvalue().splitlines(), str(error)
    return out.getvalue().splitlines(), None


@contextmanager
def database_refuses_updates(table):
    """The database itself refuses every UPDATE of `table`, as it would on a full disk."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_update BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_update()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER refuse_update{' ON ' + table if connection.vendor == 'postgresql' else ''}")


class ScheduleTest(TestCase):
    def test_nightly_run_on_the_1st_reports_the_previous_month_and_submits_its_bulletin(self):
        make_unit("jyj", name="教育局")
        make_user("centre", superuser=True)
        with freeze_time(datetime.datetime(2026, 12, 1, 1, 0, tzinfo=SH)):
            call_command("run_supervision_checks", "--skip-links", **QUIET)
        report = InspectionReport.objects.get(period_kind=PeriodKind.MONTH)
        self.assertEqual((report.year, report.number), (2026, 11))
        self.assertEqual(report.bulletin.title, "关于2026年11月全县政府网站内容保障月度检查情况的通报")
        self.assertEqual(report.bulletin.current_workflow_state.status, "in_progress")
        self.assertFalse(InspectionReport.objects.filter(period_kind=PeriodKind.HALF).exists())

    def test_tasks_build_the_report_and_run_the_nightly_checks(self):
        from supervision.tasks import inspect_month, nightly_checks

        make_unit("jyj", name="教育局")
        with freeze_time(datetime.datetime(2026, 11, 20, 1, 0, tzinfo=SH)):
            result = inspect_month.enqueue("2026-10")
            self.assertEqual(InspectionReport.objects.get(pk=result.return_value).number, 10)
            nightly_checks.enqueue(links=False)
        self.assertTrue(DailyCheck.objects.filter(unit__code="jyj").exists())


class NightlyStepsTest(TestCase):
    """Every step of the nightly job runs whatever failed before it; running it again redoes what is missing."""

    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="教育局")
        cls.people = sorted(
            [user.email for user in make_role_users(cls.unit)] + [make_user("centre", superuser=True).email]
        )  # the unit's staff, the portal's

    def warnings_and_reminders(self):
        return sorted(m.to[0] for m in mail.outbox if "网站自查" in m.subject or "年度报告" in m.subject)

    def test_mail_server_down_the_report_due_is_still_generated_and_the_next_run_sends_the_missing_mails(self):
        """One self-check warning and two annual-report reminders (for 2025, unpublished) per person:
        the unit's staff for its site, the administrator for the portal."""
        with freeze_time(FIRST_OF_DECEMBER), mail_server_down():
            lines, error = nightly()
        self.assertEqual(
            lines,
            [
                f"网站自查：失败。{MAIL_NOT_SENT}",
                "定期检查报告：完成。2026年11月检查报告已生成并提交审核。",
                f"年度报告提醒：失败。{MAIL_NOT_SENT}",
            ],
        )
        self.assertEqual(error, "夜间检查已运行全部步骤，以下步骤失败：网站自查、年度报告提醒。")
        report = InspectionReport.objects.get(period_kind=PeriodKind.MONTH, year=2026, number=11)
        self.assertEqual(report.bulletin.current_workflow_state.status, "in_progress")
        self.assertTrue(DailyCheck.objects.filter(unit=self.unit, day=FIRST_OF_DECEMBER.date()).exists())

        with freeze_time(FIRST_OF_DECEMBER + datetime.timedelta(hours=2)):  # the server is back
            lines, error = nightly()
            self.assertEqual(
                (lines, error),
                (
                    [
                        f"网站自查：完成。发送预警邮件{len(self.people)}封。",
                        "定期检查报告：完成。今日无到期报告。",
                        f"年度报告提醒：完成。发送提醒邮件{2 * len(self.people)}封。",
                    ],
                    None,
                ),
            )
            self.assertEqual(
                nightly()[0][::2], ["网站自查：完成。发送预警邮件0封。", "年度报告提醒：完成。发送提醒邮件0封。"]
            )
        self.assertEqual(self.warnings_and_reminders(), sorted(self.people * 3))
        self.assertEqual(InspectionReport.objects.get().bulletin_id, report.bulletin_id)  # the one submitted

    def test_the_nightly_task_fails_after_every_step_and_its_retry_sends_only_the_missing_mails(self):
        refused = self.people[-1]
        RefusingBackend.refused = {refused}
        self.addCleanup(setattr, RefusingBackend, "refused", set())
        with override_settings(
            TASKS=DATABASE_QUEUE,
            TASKS_RETRY_BASE_SECONDS=60,
            EMAIL_BACKEND="tests.test_operations_mail_once.RefusingBackend",
        ):
            with freeze_time(FIRST_OF_DECEMBER):
                result = nightly_checks.enqueue(links=False)
                run_worker()
            row = DBTaskResult.objects.get(pk=result.id)
            self.assertEqual((row.status, row.exception_class_path), ("READY", "supervision.nightly.NightlyFailed"))
            self.assertIn("以下步骤失败：网站自查、年度报告提醒。", row.traceback)
            self.assertTrue(InspectionReport.objects.filter(year=2026, number=11, bulletin__isnull=False).exists())
            self.assertEqual(self.warnings_and_reminders(), sorted(self.people[:-1] * 3))

            mail.outbox.clear()
            RefusingBackend.refused = set()  # the mailbox is fixed; the queue retries the task
            with freeze_time(FIRST_OF_DECEMBER + datetime.timedelta(seconds=61)):
                run_worker()
        row.refresh_from_db()
        self.assertEqual(row.status, "SUCCESSFUL", row.traceback)
        self.assertEqual(
            row.return_value,
            [
                "网站自查：完成。发送预警邮件1封。",
                "定期检查报告：完成。今日无到期报告。",
                "年度报告提醒：完成。发送提醒邮件2封。",
            ],
        )
        self.assertEqual(self.warnings_and_reminders(), [refused] * 3)
        self.assertEqual(InspectionReport.objects.count(), 1)

    def test_a_step_broken_by_a_database_error_leaves_the_database_usable_for_the_next_steps(self):
        with freeze_time(FIRST_OF_DECEMBER), database_refuses_updates("base_outgoingmail"):
            lines, error = nightly()
        self.assertTrue(lines[0].startswith("网站自查：失败。意外错误"), lines)
        self.assertEqual(lines[1], "定期检查报告：完成。2026年11月检查报告已生成并提交审核。")
        self.assertEqual(error, "夜间检查已运行全部步骤，以下步骤失败：网站自查、年度报告提醒。")
        self.assertTrue(InspectionReport.objects.filter(year=2026, number=11, bulletin__isnull=False).exists())

        with freeze_time(FIRST_OF_DECEMBER + datetime.timedelta(hours=1)):
            self.assertIsNone(nightly()[1])
        self.assertEqual(self.warnings_and_reminders(), sorted(self.people * 3))

    def test_the_link_check_runs_once_a_night_however_often_the_job_runs(self):
        night = datetime.datetime(2026, 11, 20, 1, 0, tzinfo=SH)
        with freeze_time(night):
            first, error = nightly(links=True)
            self.assertIsNone(error)
            pages = LinkCheckRun.objects.get().pages
            self.assertGreater(pages, 0)
            self.assertEqual(first[-1], f"链接检查：完成。{pages}个页面，0个失效链接。")
            self.assertEqual(nightly(links=True)[0][-1], f"链接检查：完成。今日已检查过。{pages}个页面，0个失效链接。")
        with freeze_time(night + datetime.timedelta(days=1)):
            self.assertEqual(nightly(links=True)[0][-1], f"链接检查：完成。{pages}个页面，0个失效链接。")
        self.assertEqual(LinkCheckRun.objects.count(), 2)
