"""Time-driven publication: pages whose expiry time has passed go offline, revisions scheduled to go
live do so through the publication gate (a blocked one loses its schedule and the block is logged).

Run every minute by the command `publish_due_pages` (cron/systemd timer) or the task
`moderation.tasks.publish_due_pages`; it replaces Wagtail's `publish_scheduled`, which would stop
at the first page the gate blocks. Unpublishing writes search index changes and starts a new page
cache generation like any unpublication, so search and cached pages follow at once.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from base.publication import PublicationBlocked


@dataclass
class ScheduleResult:
    unpublished: list = field(default_factory=list)
    published: list = field(default_factory=list)
    blocked: list = field(default_factory=list)  # (page, findings)


def publish_due_pages(now=None):
    now = now or timezone.now()
    result = ScheduleResult()
    for page in Page.objects.live().filter(expire_at__lte=now).specific().iterator():
        page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        result.unpublished.append(page)
    due = Revision.page_revisions.filter(approved_go_live_at__lte=now).order_by("approved_go_live_at")
    for revision in due:
        page = revision.as_object()
        if page.expire_at and page.expire_at <= now:  # expired before it went live
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            continue
        try:
            with transaction.atomic():
                revision.publish(log_action="wagtail.publish.scheduled")
        except PublicationBlocked as blocked:
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            log(
                instance=revision.content_object,
                action="moderation.publication_blocked",
                revision=revision,
                data={"findings": blocked.messages, "path": "schedule"},
            )
            result.blocked.append((page, blocked.messages))
            continue
        result.published.append(page)
    return result
