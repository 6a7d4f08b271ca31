"""Mail that jobs send at most once per (recipient, purpose, period): see operations/mail.py."""

from django.db import models
from django.utils import timezone


class MailDelivery(models.Model):
    """One e-mail to one recipient for one purpose and period, claimed (`claimed_until`) before
    it is sent so that a job run twice, or two runs at once, never send it twice."""

    recipient = models.EmailField()
    purpose = models.CharField(max_length=100)  # e.g. "self-check:12" (the unit's primary key)
    period = models.CharField(max_length=20)  # e.g. "2026-11-23"
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True)
    claimed_until = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "purpose", "period"], name="operations_mail_once_per_period")
        ]
