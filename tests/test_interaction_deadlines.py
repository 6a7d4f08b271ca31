"""The deadline engine across real holidays, through the public forms and the admin handling screen."""

import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from freezegun import freeze_time

from interaction.models import DeadlineKind, DeadlineState
from tests.factories import make_role_users, make_unit, make_user
from tests.test_interaction_support import act, submit, track

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def due(case, kind):
    return case.deadlines.get(kind=kind)


class DeadlineTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=1)
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.centre = make_user("centre", superuser=True)

    def test_consultation_before_national_day_is_due_on_the_make_up_saturday(self):
        with freeze_time(at(2026, 9, 30, 15, 0)):
            case, password = submit(self.client, "consultation")
        reply = due(case, DeadlineKind.REPLY)
        self.assertEqual(reply.due_at, at(2026, 10, 10, 23, 59, 59))
        self.assertEqual(reply.explanation, "3个工作日，截至 2026-10-10 23:59")
        floor = due(case, DeadlineKind.FLOOR)
        self.assertEqual(floor.due_at, at(2026, 12, 30, 23, 59, 59))
        self.assertContains(track(self.client, case, password), "3个工作日，截至 2026-10-10 23:59")

    def test_complaint_filed_on_friday_evening_is_acknowledged_within_24_hours(self):
        with freeze_time(at(2026, 11, 20, 19, 30)):
            case, _password = submit(self.client, "complaint")
        ack = due(case, DeadlineKind.ACK)
        self.assertEqual(ack.due_at, at(2026, 11, 21, 19, 30))
        self.assertEqual(ack.explanation, "24小时，截至 2026-11-21 19:30")

    def test_acknowledgment_states_the_handling_limit_and_important_complaints_get_three_days(self):
        with freeze_time(at(2026, 11, 20, 19, 30)):
            case, password = submit(self.client, "complaint")
        self.client.force_login(self.centre)
        with freeze_time(at(2026, 11, 21, 9, 0)):
            act(self.client, case, "transfer", unit=self.unit.pk, important="on")
        self.assertEqual(due(case, DeadlineKind.IMPORTANT).due_at, at(2026, 11, 23, 23, 59, 59))
        self.client.force_login(self.editor)
        with freeze_time(at(2026, 11, 21, 10, 0)):
            act(self.client, case, "acknowledge", workdays=5)
        self.assertEqual(due(case, DeadlineKind.ACK).state, DeadlineState.MET)
        self.assertEqual(due(case, DeadlineKind.REPLY).due_at, at(2026, 11, 27, 23, 59, 59))
        self.client.logout()
        self.assertContains(
            track(self.client, case, password), "投诉已受理，办理时限为5个工作日，截至 2026-11-27 23:59"
        )

    def test_disclosure_with_correction_and_third_party_pause(self):
        self.client.force_login(self.editor)
        with freeze_time(at(2026, 6, 1, 10, 0)):
            case, password = submit(self.client, "disclosure", host=self.unit.host)
        self.assertFalse(case.deadlines.filter(kind=DeadlineKind.REPLY).exists())  # not received yet
        with freeze_time(at(2026, 6, 2, 9, 0)):
            self.client.force_login(self.editor)
            act(self.client, case, "confirm_receipt")
        self.assertEqual(due(case, DeadlineKind.CORRECTION).due_at, at(2026, 6, 11, 23, 59, 59))
        with freeze_time(at(2026, 6, 5, 9, 0)):
            self.client.force_login(self.editor)
            act(self.client, case, "request_correction", text="请写明所需信息的文号。")
        self.assertEqual(due(case, DeadlineKind.REPLY).state, DeadlineState.PAUSED)
        with freeze_time(at(2026, 6, 8, 9, 0)):
            self.client.force_login(self.editor)
            response = act(self.client, case, "request_correction", text="再次补正")
        self.assertContains(response, "只能要求补正一次", status_code=400)
        with freeze_time(at(2026, 6, 10, 9, 0)):
            self.client.force_login(self.editor)
            act(self.client, case, "correction_received")
        # The clock restarts on 10 June: 20 working days (Dragon Boat Festival on 19 June).
        self.assertEqual(due(case, DeadlineKind.REPLY).due_at, at(2026, 7, 9, 23, 59, 59))
        with freeze_time(at(2026, 6, 15, 9, 0)):
            self.client.force_login(self.editor)  # sessions last two hours
            act(self.client, case, "start_third_party", text="涉及企业商业秘密")
        self.assertEqual(due(case, DeadlineKind.REPLY).state, DeadlineState.PAUSED)
        self.assertEqual(due(case, DeadlineKind.THIRD_PARTY).due_at, at(2026, 7, 7, 23, 59, 59))
        with freeze_time(at(2026, 6, 24, 16, 0)):
            self.client.force_login(self.editor)  # a fresh session nine days on
            act(self.client, case, "end_third_party")
        reply = due(case, DeadlineKind.REPLY)
        self.assertEqual(reply.due_at, at(2026, 7, 17, 23, 59, 59))
        self.assertEqual(reply.explanation, "20个工作日，征求第三方意见的6个工作日不计入，截至 2026-07-17 23:59")
        self.assertContains(track(self.client, case, password), "截至 2026-07-17 23:59")

    def test_extension_needs_an_approver_and_is_granted_once_up_to_20_working_days(self):
        self.client.force_login(self.editor)
        with freeze_time(at(2026, 6, 10, 9, 0)):
            case, _password = submit(self.client, "disclosure", host=self.unit.host)
            act(self.client, case, "confirm_receipt")
            response = act(self.client, case, "extend", days=20, approver="", reason="材料较多")
            self.assertContains(response, "延期须经政府信息公开工作机构负责人同意", status_code=400)
            self.assertEqual(due(case, DeadlineKind.REPLY).due_at, at(2026, 7, 9, 23, 59, 59))
            response = act(self.client, case, "extend", days=21, approver="赵主任", reason="材料较多")
            self.assertContains(response, "延长期限最多20个工作日", status_code=400)
            act(self.client, case, "extend", days=20, approver="赵主任", reason="材料较多")
            self.assertEqual(due(case, DeadlineKind.REPLY).due_at, at(2026, 8, 6, 23, 59, 59))
            response = act(self.client, case, "extend", days=5, approver="赵主任", reason="再延")
            self.assertContains(response, "只能延长一次", status_code=400)
        self.assertIn("赵主任", case.events.get(action="extended").note)

    def test_alerts_mail_the_unit_once_and_overdue_also_the_centre(self):
        with freeze_time(at(2026, 11, 23, 9, 0)):
            case, _password = submit(self.client, "consultation", host=self.unit.host)
        mail.outbox.clear()
        with freeze_time(at(2026, 11, 25, 12, 0)):  # due 26 November: near due
            call_command("interaction_send_alerts", stdout=open("/dev/null", "w"))
            call_command("interaction_send_alerts", stdout=open("/dev/null", "w"))
        alerts = [m for m in mail.outbox if "即将到期" in m.subject]
        self.assertEqual([m.subject for m in alerts], ["留言 %s 即将到期" % case.tracking_code] * 3)
        self.assertEqual(
            sorted(m.to[0] for m in alerts), sorted(u.email for u in (self.editor, self.reviewer, self.leader))
        )
        mail.outbox.clear()
        with freeze_time(at(2026, 11, 27, 9, 0)):
            call_command("interaction_send_alerts", stdout=open("/dev/null", "w"))
        self.assertIn(self.centre.email, [m.to[0] for m in mail.outbox])
        self.assertTrue(all("已超期" in m.subject for m in mail.outbox))
