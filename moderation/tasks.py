"""Background tasks (django-tasks) of moderation; the command `publish_due_pages` runs the same function."""

from django.conf import settings
from django.utils import translation
from django_tasks import task

from base.jobs import once_per

from . import schedule


def _publish_due_pages():
    with translation.override(settings.LANGUAGE_CODE):
        result = schedule.publish_due_pages()
        return {
            "published": len(result.published),
            "unpublished": len(result.unpublished),
            "blocked": len(result.blocked),
        }


@task()
def publish_due_pages():
    """Scheduled go-live and expiry (moderation.schedule), once a minute whichever worker takes it;
    returns how many pages changed (None when another worker ran this minute's)."""
    return once_per("publish_due_pages", "minute", _publish_due_pages)
