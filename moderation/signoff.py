"""The sign-off record (审签记录) of a page: who approved each step of the revision that is live."""

from wagtail.models import TaskState


def signoff_record(page):
    """Approved task states of the page's live revision, in the order they were approved."""
    if not page.live_revision_id:
        return []
    return list(
        TaskState.objects.filter(revision_id=page.live_revision_id, status=TaskState.STATUS_APPROVED)
        .select_related("task", "finished_by")
        .order_by("finished_at")
    )
