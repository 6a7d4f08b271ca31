"""The publication gate: the publish-time checks on every path to the public, and the override.

`check_publication` (a "check_publication" hook, see `base.publication`) runs the same checks as
the workflow's approval. A page that fails goes live only through a `PublicationOverride` the
portal administrator granted with a reason; using it is logged with the reason and the findings.
"""

from django.utils import timezone
from wagtail.log_actions import log

from base.publication import PublicationBlocked

from .checks import publication_errors
from .models import PublicationOverride


def check_publication(page, revision, user=None):
    """Raise PublicationBlocked with the findings unless `revision` of `page` passes or is overridden."""
    errors = publication_errors(revision.as_object() if revision is not None else page.specific)
    if errors and not use_override(page, revision, errors, user):
        raise PublicationBlocked(errors)


def use_override(page, revision, errors, user):
    """True when an override covers this publication; a fresh one is bound to it and logged."""
    if revision is not None and PublicationOverride.objects.filter(page=page, revision=revision).exists():
        return True
    override = PublicationOverride.objects.filter(page=page, used_at__isnull=True).order_by("granted_at").first()
    if override is None:
        return False
    override.revision, override.used_at = revision, timezone.now()
    override.save(update_fields=["revision", "used_at"])
    log(
        instance=page.specific,
        action="moderation.publication_override",
        user=user or override.granted_by,
        revision=revision,
        data={
            "reason": override.reason,
            "findings": errors,
            "granted_by": override.granted_by.get_username() if override.granted_by else "",
        },
    )
    return True
