"""Site-wide display settings: mourning periods (全站哀悼模式) scheduled by the portal administrator;
accounts that must change their temporary password; periodic job runs; the outgoing mail."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MourningPeriod(models.Model):
    """While a period is active every public page of every site is shown in grey."""

    reason = models.CharField(_("reason"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("mourning period")
        verbose_name_plural = _("mourning periods")

    def __str__(self):
        return self.reason

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    @classmethod
    def in_force(cls, at=None):
        """Whether a period is in force at `at` (now). Every public page asks, so the periods are kept
        in the shared cache (a few a year), dropped whenever one is saved or deleted."""
        periods = cache.get(MOURNING_PERIODS_KEY)
        if periods is None:
            periods = list(cls.objects.values_list("starts_at", "ends_at"))
            cache.set(MOURNING_PERIODS_KEY, periods, 3600)
        at = at or timezone.now()
        return any(starts_at <= at < ends_at for starts_at, ends_at in periods)


MOURNING_PERIODS_KEY = "base:mourning-periods"


@receiver([post_save, post_delete], sender=MourningPeriod)
def forget_mourning_periods(sender, **kwargs):
    cache.delete(MOURNING_PERIODS_KEY)


class JobRun(models.Model):
    """One run of a periodic job for one period (its minute, hour or day): the row is the claim, so a
    job enqueued by several cron hosts or taken by several workers is done once per period (base/jobs.py)."""

    job = models.CharField(_("job"), max_length=100)
    period = models.CharField(_("period"), max_length=20)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="one_run_per_job_period")]

    def __str__(self):
        return f"{self.job} {self.period}"


class PasswordChangeRequired(models.Model):
    """An account created with a temporary password: its holder must choose their own at first sign-in.

    `password` is the temporary password's hash; once the account's hash differs, the change is done
    (operations.first_password enforces it)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)


class OutgoingMail(models.Model):
    """One e-mail to one recipient, claimed (`claimed_until`) before it is sent so that concurrent
    senders never send it twice (base/mail.py). Mail from a job that may run again carries a
    `once_key` (purpose and period): at most one message per recipient and key. `about` names what a
    notification concerns (e.g. "interaction.case:12")."""

    recipient = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    once_key = models.CharField(max_length=130, blank=True)  # e.g. "self-check:12@2026-11-23"
    about = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True)
    claimed_until = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "once_key"], condition=~models.Q(once_key=""), name="base_mail_once_per_key"
            )
        ]
