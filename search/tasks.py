"""Background task applying the search outbox (enqueued after every commit that changed it)."""

from django_tasks import task

from .indexing import process_queue


class SearchQueueBacklog(Exception):
    """Some changes could not be applied (an engine is down); raised so the queue retries the task."""


@task()
def process_search_queue():
    applied, failed = process_queue()
    if failed:
        raise SearchQueueBacklog(f"{failed} index changes still pending")
    return applied
