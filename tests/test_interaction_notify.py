"""Notifications against a real SMTP socket: a closed port loses nothing, the retry command sends
each notification once, and two senders running at the same time never send one twice."""

import socketserver
import threading

from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from base.mail import CLAIM_LEASE, about_key, claim, deliver
from base.models import OutgoingMail
from interaction.models import Case
from tests.outages import mail_server_down
from tests.test_interaction_support import form_data


class SMTPSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server on 127.0.0.1 that keeps every message it accepts."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink")
        while line := self.rfile.readline():
            verb = line.decode().strip().split(" ")[0].upper()
            if verb == "DATA":
                self.reply("354 go on")
                data = []
                while (data_line := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(data_line)
                self.server.messages.append(b"".join(data))
                self.reply("250 kept")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


SMTP = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1", "EMAIL_TIMEOUT": 5}


class ClosedPortTest(TestCase):
    def setUp(self):
        cache.clear()

    def test_a_closed_smtp_port_keeps_the_case_and_the_retry_sends_each_mail_once(self):
        with mail_server_down():
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(
                    reverse("interaction:submit", args=["consultation"]), form_data(self.client)
                )
            self.assertEqual(response.status_code, 302)
            case = Case.objects.get()
            pending = OutgoingMail.objects.get(about=about_key(case), sent_at=None)
            self.assertIn("refused", pending.last_error.lower())
            self.assertEqual(pending.attempts, 1)
            self.assertIsNone(pending.claimed_until)  # released for the retry
            call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
            self.assertEqual(OutgoingMail.objects.get(pk=pending.pk).attempts, 2)
        with SMTPSink() as sink, override_settings(**SMTP, EMAIL_PORT=sink.server_address[1]):
            call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
            call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
        self.assertEqual(len(sink.messages), 1)
        self.assertIn(case.tracking_code.encode(), sink.messages[0])
        self.assertIsNotNone(OutgoingMail.objects.get(pk=pending.pk).sent_at)


class SecondSenderBackend(LocmemBackend):
    """Runs the retry command while the first sender is still talking to the mail server."""

    inside = False

    def send_messages(self, messages):
        if not SecondSenderBackend.inside:
            SecondSenderBackend.inside = True
            try:
                call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
            finally:
                SecondSenderBackend.inside = False
        return super().send_messages(messages)


class ConcurrentSendersTest(TestCase):
    @override_settings(EMAIL_BACKEND="tests.test_interaction_notify.SecondSenderBackend")
    def test_two_senders_at_once_send_each_notification_once(self):
        cache.clear()
        with self.captureOnCommitCallbacks(execute=False):  # queued, not yet sent
            self.client.post(reverse("interaction:submit", args=["consultation"]), form_data(self.client))
        notification = OutgoingMail.objects.get()
        # The first sender claims the row; the second, running meanwhile, finds it taken and skips it.
        self.assertTrue(deliver(notification.pk))
        self.assertEqual(len(mail.outbox), 1)
        notification.refresh_from_db()
        self.assertEqual((notification.attempts, notification.last_error), (1, ""))
        call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
        self.assertEqual(len(mail.outbox), 1)

    def test_a_claim_left_by_a_crashed_sender_lapses(self):
        cache.clear()
        with self.captureOnCommitCallbacks(execute=False):
            self.client.post(reverse("interaction:submit", args=["consultation"]), form_data(self.client))
        notification = OutgoingMail.objects.get()
        self.assertTrue(claim(notification.pk))  # a sender that then dies
        call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
        self.assertEqual(len(mail.outbox), 0)
        OutgoingMail.objects.filter(pk=notification.pk).update(claimed_until=notification.created_at - CLAIM_LEASE)
        call_command("interaction_send_notifications", stdout=open("/dev/null", "w"))
        self.assertEqual(len(mail.outbox), 1)
