"""E-mail notifications: queued in the database with the change, sent after commit, retried later.

A mail server that is down never loses or rolls back a case: the send is enqueued as a
background task only after the transaction has committed, failures are recorded on the
`Notification`, and `manage.py interaction_send_notifications` retries them. Each sender
first claims the row (base.claims: one conditional UPDATE, lapsing after CLAIM_LEASE), so two
senders running at once (the task and the retry command, or two workers) never send the same
notification twice.
"""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from base import claims

from .models import Notification

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def queue(case, recipients, subject, body):
    for recipient in recipients:
        if recipient:
            notification = Notification.objects.create(case=case, recipient=recipient, subject=subject, body=body)
            transaction.on_commit(lambda pk=notification.pk: send_notification.enqueue(pk))


@task()
def send_notification(pk):
    return deliver(pk)


def deliver(pk):
    """Send one notification if this sender can claim it; record the outcome either way."""

    def send():
        notification = Notification.objects.get(pk=pk)
        send_mail(notification.subject, notification.body, None, [notification.recipient])

    try:
        return claims.send_claimed(Notification, pk, send)
    except claims.SendFailed as failure:  # released for the retry command
        logger.warning("interaction notification %s not sent: %s", pk, failure.error)
        return False


def deliver_pending():
    pending = Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))
