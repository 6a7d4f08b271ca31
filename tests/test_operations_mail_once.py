"""Jobs that may run again mail each person at most once per purpose and period, and lose nothing:
the nightly self-check warnings and the annual-report reminders, through `run_supervision_checks`
and the nightly task on the database queue (retried after it failed)."""

import datetime
import os
import smtplib
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from freezegun import freeze_time

from base.models import OutgoingMail
from content.models import AnnualReportPage
from supervision.models import DailyCheck, InspectionBulletinPage, InspectionReport, PeriodKind
from supervision.tasks import nightly_checks
from tests.factories import make_role_users, make_unit, make_user
from tests.outages import mail_server_down
from tests.test_operations_tasks import DATABASE_QUEUE, run_worker

SH = ZoneInfo("Asia/Shanghai")
NIGHT = datetime.datetime(2026, 11, 20, 1, 0, tzinfo=SH)
SELF_CHECK = "网站自查"


class RefusingBackend(locmem.EmailBackend):
    """The mail server refuses the addresses in `refused` (a bad mailbox) and accepts the others."""

    refused = set()

    def send_messages(self, messages):
        for message in messages:
            if self.refused & set(message.to):
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(message.to, (550, b"no such mailbox")))
        return super().send_messages(messages)


def run_checks():
    call_command("run_supervision_checks", "--skip-links", stdout=open(os.devnull, "w"))


def self_check_mails():
    return sorted((m.to[0], m.subject) for m in mail.outbox if SELF_CHECK in m.subject)


class NightlySelfCheckMailTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.addresses = sorted(user.email for user in make_role_users(cls.unit))

    def expected(self):
        """One warning to each of the unit's three people, naming how many indicators are not met
        (all of them are worse than before: there is no earlier check)."""
        findings = DailyCheck.objects.get(unit=self.unit, day=NIGHT.date()).findings
        count = sum(f["level"] in ("warning", "veto") for f in findings)  # 未监测 is not a shortfall
        self.assertGreater(count, 0)  # a new site with empty columns misses some national indicators
        return [(address, f"{self.unit.name}{SELF_CHECK}：{count}项指标需要关注") for address in self.addresses]

    def test_running_the_check_again_the_same_night_mails_nobody_twice(self):
        with freeze_time(NIGHT):
            run_checks()
            self.assertEqual(self_check_mails(), self.expected())
            run_checks()
            with self.captureOnCommitCallbacks(execute=True):
                nightly_checks.enqueue(links=False)
        self.assertEqual(self_check_mails(), self.expected())

    def test_the_record_of_mail_sent_is_kept_180_days(self):
        with freeze_time(NIGHT - datetime.timedelta(days=181)):
            OutgoingMail.objects.create(recipient="old@example.org", once_key="self-check:1@2026-05-23")
            # a case's notification stays with the case's record
            OutgoingMail.objects.create(recipient="citizen@example.org", about="interaction.case:1")
        with freeze_time(NIGHT - datetime.timedelta(days=179)):
            OutgoingMail.objects.create(recipient="kept@example.org", once_key="self-check:1@2026-05-25")
        with freeze_time(NIGHT):
            run_checks()
        recipients = set(OutgoingMail.objects.values_list("recipient", flat=True))
        self.assertNotIn("old@example.org", recipients)
        self.assertIn("kept@example.org", recipients)
        self.assertIn("citizen@example.org", recipients)
        self.assertTrue(set(self.addresses) <= recipients)  # tonight's warnings are recorded

    def test_mail_server_down_then_back_sends_each_warning_once(self):
        with (
            freeze_time(NIGHT),
            mail_server_down(),
        ):
            with self.assertRaisesMessage(CommandError, "以下步骤失败：网站自查、年度报告提醒"):
                run_checks()  # after running every step
        self.assertEqual(mail.outbox, [])
        self.assertTrue(DailyCheck.objects.filter(unit=self.unit, day=NIGHT.date()).exists())  # findings kept

        with freeze_time(NIGHT + datetime.timedelta(hours=2)):
            run_checks()  # the server is back
            run_checks()
        self.assertEqual(self_check_mails(), self.expected())

    def test_one_refused_address_stops_no_other_and_the_retried_task_mails_it_once(self):
        editor = self.addresses[0]
        RefusingBackend.refused = {editor}
        self.addCleanup(setattr, RefusingBackend, "refused", set())
        with override_settings(
            TASKS=DATABASE_QUEUE, TASKS_RETRY_BASE_SECONDS=60, EMAIL_BACKEND=f"{__name__}.RefusingBackend"
        ):
            with freeze_time(NIGHT):
                nightly_checks.enqueue(links=False)
                run_worker()  # fails on the refused address, after mailing the two others
            self.assertEqual([to for to, _subject in self_check_mails()], self.addresses[1:])

            RefusingBackend.refused = set()  # the mailbox is fixed; the queue retries the task
            with freeze_time(NIGHT + datetime.timedelta(seconds=61)):
                run_worker()
            with freeze_time(NIGHT + datetime.timedelta(hours=1)):
                run_worker()  # nothing left to run
        self.assertEqual(self_check_mails(), self.expected())


class FirstOfTheMonthRerunTest(TestCase):
    def test_a_second_run_on_the_1st_keeps_the_submitted_report_and_mails_nobody_twice(self):
        make_unit("jyj", name="云溪县教育局", seed=7)
        make_user("centre", superuser=True)
        with freeze_time(datetime.datetime(2026, 12, 1, 1, 0, tzinfo=SH)):
            run_checks()
            first = sorted((m.to[0], m.subject) for m in mail.outbox)
            run_checks()  # before: the month's report refused to be regenerated, and the run failed
        report = InspectionReport.objects.get(period_kind=PeriodKind.MONTH, year=2026, number=11)
        self.assertEqual(InspectionBulletinPage.objects.filter(report=report).count(), 1)
        self.assertTrue(first)
        self.assertEqual(sorted((m.to[0], m.subject) for m in mail.outbox), first)


class AnnualReminderMailTest(TestCase):
    def test_reminders_go_once_a_day_to_each_person_until_the_server_takes_them(self):
        unit = make_unit("jyj", name="云溪县教育局", seed=7)
        addresses = sorted(user.email for user in make_role_users(unit))
        reminders = lambda: sorted(  # noqa: E731
            (m.to[0], m.body) for m in mail.outbox if "年度报告" in m.subject and m.to[0] in addresses
        )

        second_january = datetime.datetime(2027, 1, 2, 1, 0, tzinfo=SH)
        with freeze_time(second_january):
            run_checks()
            run_checks()
        kinds = AnnualReportPage.objects.filter(year=2026, owner_unit=unit).count()
        self.assertEqual(kinds, 2)
        first_day = reminders()
        self.assertEqual(len(first_day), kinds * len(addresses))
        self.assertEqual(sorted({to for to, _body in first_day}), addresses)

        mail.outbox.clear()
        third_january = second_january + datetime.timedelta(days=1)
        with (
            freeze_time(third_january),
            mail_server_down(),
        ):
            with self.assertRaisesMessage(CommandError, "年度报告提醒"):
                run_checks()
        with freeze_time(third_january + datetime.timedelta(hours=3)):
            run_checks()
            run_checks()
        second_day = reminders()
        self.assertEqual(len(second_day), kinds * len(addresses))  # a new day: reminded again, once
        self.assertEqual({to for to, _body in second_day}, set(addresses))
        self.assertTrue(all("（剩余" in body for _to, body in second_day))
