"""Audit records for permission changes (Wagtail already logs page and workflow actions)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .context import current_request


def _acting_user():
    request = current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@receiver(post_save, sender=GroupPagePermission)
@receiver(post_delete, sender=GroupPagePermission)
@receiver(post_save, sender=GroupCollectionPermission)
@receiver(post_delete, sender=GroupCollectionPermission)
def log_group_permission_change(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loading fixtures or restoring a backup changes nobody's permissions
        return
    target = getattr(instance, "page", None) or getattr(instance, "collection", None)
    log(
        instance=instance.group,
        action="moderation.permission_change",
        user=_acting_user(),
        data={
            "permission": instance.permission.codename,
            "target": str(target),
            "change": "removed" if kwargs.get("signal") is post_delete else "granted",
        },
    )


@receiver(m2m_changed, sender=get_user_model().groups.through)
def log_membership_change(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    log(
        instance=instance,
        action="moderation.membership_change",
        user=_acting_user(),
        data={
            "groups": sorted(pk_set),
            "change": "added" if action == "post_add" else "removed",
        },
    )
