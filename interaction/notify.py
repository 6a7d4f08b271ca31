"""E-mail notifications: queued in the database with the change, sent after commit, retried later.

A mail server that is down never loses or rolls back a case: the send is attempted
only after the transaction has committed, failures are recorded on the
`Notification`, and `manage.py interaction_send_notifications` retries them.
"""
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def queue(case, recipients, subject, body):
    for recipient in recipients:
        if recipient:
            notification = Notification.objects.create(
                case=case, recipient=recipient, subject=subject, body=body)
            transaction.on_commit(lambda pk=notification.pk: deliver(pk))


def deliver(pk):
    """Send one notification if it is still unsent; record the outcome either way."""
    notification = Notification.objects.filter(pk=pk, sent_at=None).first()
    if notification is None:
        return False
    try:
        send_mail(notification.subject, notification.body, None, [notification.recipient])
    except Exception as exc:  # any transport failure: keep it pending for the retry command
        logger.warning("interaction notification %s not sent: %s", pk, exc)
        Notification.objects.filter(pk=pk).update(attempts=F("attempts") + 1, last_error=str(exc)[:300])
        return False
    Notification.objects.filter(pk=pk, sent_at=None).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
    return True


def deliver_pending():
    pending = Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))
