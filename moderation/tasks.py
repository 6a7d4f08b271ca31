"""Background tasks (django-tasks) of moderation; the command `publish_due_pages` runs the same function."""
from django.conf import settings
from django.utils import translation
from django_tasks import task

from . import schedule


@task()
def publish_due_pages():
    """Scheduled go-live and expiry (moderation.schedule); returns how many pages changed."""
    with translation.override(settings.LANGUAGE_CODE):
        result = schedule.publish_due_pages()
        return {"published": len(result.published), "unpublished": len(result.unpublished),
                "blocked": len(result.blocked)}
