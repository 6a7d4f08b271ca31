"""Outgoing e-mail, the platform's one way to send it: every message is an `OutgoingMail` row,
claimed, sent and recorded here.

- Mail that reports a change (a case's notifications) is queued with `queue()` in the change's
  own transaction and sent by a background task after commit, so a mail server that is down never
  loses or rolls back the change; `deliver_pending()` (the interaction_send_notifications and
  interaction_send_alerts commands) retries it, up to MAX_ATTEMPTS sends.
- Mail from jobs that may run again (a retried task, a command run twice) goes through
  `OnceMailer`: at most one message per (recipient, purpose, period), the row's `once_key`, and a
  message that could not be sent goes out on the job's next run, written afresh by that run.

A sender first claims the unsent row with one conditional UPDATE; only the sender whose UPDATE
matched sends, so two senders at once (the task and the retry command, two workers, a job run
twice) never send a message twice. A failed send releases the row with the error as
`last_error`; a sent row is never sent again; a claim left by a crashed sender lapses after
CLAIM_LEASE (until then the row is held back rather than risk sending it twice). Job mail is kept
KEEP (180 days, as the logs) as the record of what was mailed; a case's notifications are kept
with the case's record, as before they shared one table.
"""

import datetime
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import OutgoingMail

logger = logging.getLogger(__name__)
# How long a claim protects a send in progress; a claim older than this belongs to a crashed sender.
CLAIM_LEASE = datetime.timedelta(minutes=10)
# Queued mail is given up after this many sends that failed.
MAX_ATTEMPTS = 10
# Job mail older than this (the log retention) is dropped whenever a job starts mailing.
KEEP = datetime.timedelta(days=180)


class MailNotSent(Exception):
    """Some messages could not be sent; running the same job again sends them."""


class SendFailed(Exception):
    """Sending raised `error`; the row has been released with it as `last_error`."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def claim(pk):
    """Take unsent row `pk` for this sender; False when it is sent or another sender holds it."""
    now = timezone.now()
    return (
        OutgoingMail.objects.filter(Q(claimed_until=None) | Q(claimed_until__lt=now), pk=pk, sent_at=None).update(
            claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1
        )
        == 1
    )


def send_claimed(pk, **content):
    """Send row `pk` if this sender can claim it (with `content`, a fresh subject and body, recorded
    first) and record the outcome on the row.

    True when sent, False when the row is sent already or another sender holds it; raises
    SendFailed (from the original error) when sending raised."""
    if not claim(pk):
        return False
    row = OutgoingMail.objects.filter(pk=pk)
    try:
        if content:
            row.update(**content)
        mail = row.get()
        send_mail(mail.subject, mail.body, None, [mail.recipient])
    except Exception as error:  # any transport failure: released for a later run
        row.update(claimed_until=None, last_error=str(error)[:300])
        raise SendFailed(error) from error
    row.update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def about_key(instance):
    """What mail about a model instance records as its `about`, e.g. "interaction.case:12"."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def queue(recipients, subject, body, about=None):
    """Store a message to each recipient in the caller's transaction, sent after it commits;
    `about`: the model instance it concerns (a case)."""
    for recipient in recipients:
        if recipient:
            mail = OutgoingMail.objects.create(
                recipient=recipient, subject=subject, body=body, about=about_key(about) if about else ""
            )
            transaction.on_commit(lambda pk=mail.pk: send_queued.enqueue(pk))


@task()
def send_queued(pk):
    return deliver(pk)


def deliver(pk):
    """Send queued message `pk` if this sender can claim it; False when not sent (the failure is logged
    and recorded, and the retry command tries again)."""
    try:
        return send_claimed(pk)
    except SendFailed as failure:
        logger.warning("mail %s not sent: %s", pk, failure.error)
        return False


def deliver_pending():
    """Send every queued message not sent yet (job mail is left to its job's next run); returns how many were sent."""
    pending = OutgoingMail.objects.filter(sent_at=None, once_key="", attempts__lt=MAX_ATTEMPTS)
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))


class OnceMailer:
    """Sends a job's messages, each at most once per (recipient, purpose, period); on leaving the
    `with` block, raises MailNotSent when some could not be sent (after trying all of them, so one
    bad address stops no other)."""

    def __init__(self):
        self.sent, self.failed = 0, []

    def __enter__(self):
        OutgoingMail.objects.filter(created_at__lt=timezone.now() - KEEP).exclude(once_key="").delete()
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None and self.failed:
            raise MailNotSent(
                f"{len(self.failed)} e-mail(s) not sent ({'; '.join(self.failed[:5])}); "
                "run the job again once the mail server is reachable"
            )

    def send(self, recipients, purpose, period, subject, body):
        for recipient in dict.fromkeys(filter(None, recipients)):
            mail, _created = OutgoingMail.objects.get_or_create(recipient=recipient, once_key=f"{purpose}@{period}")
            try:
                sent = send_claimed(mail.pk, subject=subject, body=body)
            except SendFailed as failure:  # released for the next run
                logger.warning("mail %s/%s to %s not sent: %s", purpose, period, recipient, failure.error)
                self.failed.append(f"{recipient}: {failure.error.__class__.__name__}")
                continue
            self.sent += sent  # False when sent already, or another run is sending it
