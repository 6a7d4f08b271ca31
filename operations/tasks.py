"""Background tasks on the database queue: bounded retries with backoff, and queue figures.

django-tasks runs a task once; when a task on the database backend fails, this puts the same
row back in the queue (status READY, `run_after` later) until TASKS_MAX_ATTEMPTS runs have
been made, waiting TASKS_RETRY_BASE_SECONDS × 2^(attempt-1), at most an hour. The last
error stays on the row, so the administrator's report shows why a task is being retried.
A task that still fails after the last attempt stays FAILED.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)
MAX_DELAY_SECONDS = 3600


def retry_delay(attempts):
    return timedelta(seconds=min(settings.TASKS_RETRY_BASE_SECONDS * 2 ** (attempts - 1), MAX_DELAY_SECONDS))


@receiver(task_finished)
def retry_failed_task(sender, task_result, **kwargs):
    # The sender is the backend's class on failure but its instance on success: ask by alias.
    if task_result.status != TaskResultStatus.FAILED or not isinstance(
        task_backends[task_result.backend], DatabaseBackend
    ):
        return
    attempts = task_result.attempts
    if attempts >= settings.TASKS_MAX_ATTEMPTS:
        logger.error("task %s (%s) failed %d times; not retried", task_result.id, task_result.task.name, attempts)
        return
    run_after = timezone.now() + retry_delay(attempts)
    DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "task %s (%s) failed (attempt %d); retrying after %s",
        task_result.id,
        task_result.task.name,
        attempts,
        run_after.isoformat(),
    )


def uses_database_queue():
    return any(isinstance(task_backends[alias], DatabaseBackend) for alias in settings.TASKS)


def queue_figures():
    """Due and failed tasks on the database queue, and how long the longest-waiting due task has waited.

    A task enqueued to run at once waits since it was enqueued; a scheduled one (a retry)
    since its `run_after`.
    """
    now = timezone.now()
    due = DBTaskResult.objects.ready()
    since = [
        due.filter(run_after=get_date_max()).order_by("enqueued_at").values_list("enqueued_at", flat=True).first(),
        due.filter(run_after__lte=now).order_by("run_after").values_list("run_after", flat=True).first(),
    ]
    waits = [now - moment for moment in since if moment is not None]
    return {
        "pending": due.count(),
        "scheduled_retries": DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__gt=now)
        .exclude(run_after=get_date_max())
        .count(),
        "failed": DBTaskResult.objects.failed().count(),
        "oldest_pending_seconds": int(max(waits).total_seconds()) if waits else 0,
    }
