"""E-mail from jobs that may run again (a retried task, a command run twice): at most one message
per (recipient, purpose, period), and a message that could not be sent goes out on the next run.

Each message is a `MailDelivery` row sent through base.claims, as interaction/notify.py sends
notifications: claimed with one conditional UPDATE before sending, a sent row is never sent
again, a failed send releases its row for the next run, and a claim left by a crashed sender
lapses after base.claims.CLAIM_LEASE (until then the message is held back rather than risk
sending it twice). Rows are kept KEEP (180 days, as the logs) as the record of what was mailed.
"""

import datetime
import logging

from django.core.mail import send_mail
from django.utils import timezone

from base.claims import SendFailed, send_claimed

from .models import MailDelivery

logger = logging.getLogger(__name__)
# Rows older than this (the log retention) are dropped whenever a job starts mailing.
KEEP = datetime.timedelta(days=180)


class MailNotSent(Exception):
    """Some messages could not be sent; running the same job again sends them."""


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
            raise MailNotSent(
                f"{len(self.failed)} e-mail(s) not sent ({'; '.join(self.failed[:5])}); "
                "run the job again once the mail server is reachable"
            )

    def send(self, recipients, purpose, period, subject, body):
        for recipient in dict.fromkeys(filter(None, recipients)):
            delivery, _created = MailDelivery.objects.get_or_create(recipient=recipient, purpose=purpose, period=period)
            try:
                sent = send_claimed(
                    MailDelivery, delivery.pk, lambda to=recipient: send_mail(subject, body, None, [to])
                )
            except SendFailed as failure:  # released for the next run
                logger.warning("mail %s/%s to %s not sent: %s", purpose, period, recipient, failure.error)
                self.failed.append(f"{recipient}: {failure.error.__class__.__name__}")
                continue
            self.sent += sent  # False when sent already, or another run is sending it
