"""E-mail from jobs that may run again (a retried task, a command run twice): at most one message
per (recipient, purpose, period), and a message that could not be sent goes out on the next run.

Each message is a `MailDelivery` row claimed with one conditional UPDATE before sending, as
interaction/notify.py does for notifications: a sent row is never sent again, a failed send
releases its row for the next run, and a claim left by a crashed sender lapses after
CLAIM_LEASE (until then the message is held back rather than risk sending it twice). Rows are
kept KEEP (180 days, as the logs) as the record of what was mailed.
"""
import datetime
import logging

from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone

from .models import MailDelivery

logger = logging.getLogger(__name__)
CLAIM_LEASE = datetime.timedelta(minutes=10)
# Rows older than this (the log retention) are dropped whenever a job starts mailing.
KEEP = datetime.timedelta(days=180)


class MailNotSent(Exception):
    """Some messages could not be sent; running the same job again sends them."""


def claim(pk):
    now = timezone.now()
    return MailDelivery.objects.filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now), pk=pk, sent_at=None,
    ).update(claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1) == 1


class OnceMailer:
    """Sends a job's messages, each at most once; on leaving the `with` block, raises MailNotSent
    when some could not be sent (after trying all of them, so one bad address stops no other)."""

    def __init__(self):
        self.sent, self.failed = 0, []

    def __enter__(self):
        MailDelivery.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None and self.failed:
            raise MailNotSent(f"{len(self.failed)} e-mail(s) not sent ({'; '.join(self.failed[:5])}); "
                              "run the job again once the mail server is reachable")

    def send(self, recipients, purpose, period, subject, body):
        for recipient in dict.fromkeys(filter(None, recipients)):
            delivery, _created = MailDelivery.objects.get_or_create(
                recipient=recipient, purpose=purpose, period=period)
            if not claim(delivery.pk):
                continue  # sent already, or another run is sending it
            try:
                send_mail(subject, body, None, [recipient])
            except Exception as error:  # any transport failure: released for the next run
                logger.warning("mail %s/%s to %s not sent: %s", purpose, period, recipient, error)
                MailDelivery.objects.filter(pk=delivery.pk).update(claimed_until=None, last_error=str(error)[:300])
                self.failed.append(f"{recipient}: {error.__class__.__name__}")
                continue
            MailDelivery.objects.filter(pk=delivery.pk).update(
                sent_at=timezone.now(), claimed_until=None, last_error="")
            self.sent += 1
