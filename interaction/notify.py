"""E-mail notifications: queued in the database with the change, sent after commit, retried later.

A mail server that is down never loses or rolls back a case: the send is enqueued as a
background task only after the transaction has committed, failures are recorded on the
`Notification`, and `manage.py interaction_send_notifications` retries them. Each sender
first claims the row with one conditional UPDATE, so two senders running at once (the task
and the retry command, or two workers) never send the same notification twice.
"""
import datetime
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import Notification

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
# How long a claim protects a send in progress; a claim older than this belongs to a crashed sender.
CLAIM_LEASE = datetime.timedelta(minutes=10)


def queue(case, recipients, subject, body):
    for recipient in recipients:
        if recipient:
            notification = Notification.objects.create(
                case=case, recipient=recipient, subject=subject, body=body)
            transaction.on_commit(lambda pk=notification.pk: send_notification.enqueue(pk))


@task()
def send_notification(pk):
    return deliver(pk)


def claim(pk):
    """Take the unsent notification for this sender; False when it is sent or another sender holds it."""
    now = timezone.now()
    return Notification.objects.filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now), pk=pk, sent_at=None,
    ).update(claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1) == 1


def deliver(pk):
    """Send one notification if this sender can claim it; record the outcome either way."""
    if not claim(pk):
        return False
    notification = Notification.objects.get(pk=pk)
    try:
        send_mail(notification.subject, notification.body, None, [notification.recipient])
    except Exception as exc:  # any transport failure: release it for the retry command
        logger.warning("interaction notification %s not sent: %s", pk, exc)
        Notification.objects.filter(pk=pk).update(claimed_until=None, last_error=str(exc)[:300])
        return False
    Notification.objects.filter(pk=pk).update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def deliver_pending():
    pending = Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))
