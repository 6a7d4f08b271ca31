"""Sending something at most once for a database row, however many senders run at once.

The row's model has `sent_at`, `claimed_until`, `attempts` and `last_error` (interaction's
Notification, operations' MailDelivery). A sender first claims the unsent row with one
conditional UPDATE; only the sender whose UPDATE matched sends. A failed send releases the row
with the error as `last_error` for a later run; a sent row is never sent again; a claim left by
a crashed sender lapses after CLAIM_LEASE (until then the row is held back rather than risk
sending it twice).
"""

import datetime

from django.db.models import F, Q
from django.utils import timezone

# How long a claim protects a send in progress; a claim older than this belongs to a crashed sender.
CLAIM_LEASE = datetime.timedelta(minutes=10)


class SendFailed(Exception):
    """`send()` raised `error`; the row has been released with it as `last_error`."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def claim(model, pk):
    """Take the unsent row `pk` of `model` for this sender; False when it is sent or another sender holds it."""
    now = timezone.now()
    return (
        model.objects.filter(
            Q(claimed_until=None) | Q(claimed_until__lt=now),
            pk=pk,
            sent_at=None,
        ).update(claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1)
        == 1
    )


def send_claimed(model, pk, send):
    """Call `send()` if this sender can claim row `pk`, and record the outcome on the row.

    True when sent, False when the row is sent already or another sender holds it; raises
    SendFailed (from the original error) when `send()` raised."""
    if not claim(model, pk):
        return False
    row = model.objects.filter(pk=pk)
    try:
        send()
    except Exception as error:  # any transport failure: released for a later run
        row.update(claimed_until=None, last_error=str(error)[:300])
        raise SendFailed(error) from error
    row.update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True
