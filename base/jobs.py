"""Periodic jobs done once per period, however many workers take them.

`once_per(job, granularity, function)` first inserts the row (job, period) of JobRun, whose unique
constraint lets exactly one inserter win: the others return None without running anything. A run that
raises deletes its row, so the queue's retry (or the next worker) may do it again; a run whose worker
died keeps its row for LEASE, then another worker may take it over.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import JobRun

PERIODS = {"minute": "%Y-%m-%dT%H:%M", "hour": "%Y-%m-%dT%H", "day": "%Y-%m-%d"}
LEASE = datetime.timedelta(hours=1)


def claim(job, period):
    """True when this worker holds the run of `job` for `period` (inserted, or taken over from a dead worker)."""
    now = timezone.now()
    try:
        with transaction.atomic():
            JobRun.objects.create(job=job, period=period, started_at=now)
        return True
    except IntegrityError:
        return (
            JobRun.objects.filter(job=job, period=period, finished_at=None, started_at__lt=now - LEASE).update(
                started_at=now
            )
            == 1
        )


def once_per(job, granularity, function, now=None):
    """Run `function()` for the current period of `granularity` (minute, hour, day) unless another worker
    has; returns its result, or None when the run belonged to another worker."""
    period = timezone.localtime(now).strftime(PERIODS[granularity])
    if not claim(job, period):
        return None
    try:
        result = function()
    except BaseException:
        JobRun.objects.filter(job=job, period=period).delete()
        raise
    JobRun.objects.filter(job=job, period=period).update(finished_at=timezone.now())
    return result
