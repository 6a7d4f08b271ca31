"""Keeps derived data in step with the page tree: fixed-information change log and item ownership."""

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, post_page_move

from .models import ColumnPage, FixedInfoChange, ItemPage, LeaderPage, ServiceItemPage
from .models.columns import FIXED_INFO_TYPES


def _is_fixed_info(page):
    """Fixed information, and a service guide updated for a procedure change (both: within 24 h)."""
    return (
        isinstance(page, LeaderPage)
        or (isinstance(page, ColumnPage) and page.column_type in FIXED_INFO_TYPES)
        or (isinstance(page, ServiceItemPage) and page.change_effective_at is not None)
    )


@receiver(page_published)
def record_fixed_info_change(sender, instance, revision, **kwargs):
    if not _is_fixed_info(instance):
        return
    FixedInfoChange.objects.create(
        page=instance,
        unit=instance.get_unit(),
        effective_at=instance.change_effective_at or revision.created_at,
        published_at=timezone.now(),
    )


@receiver(post_page_move)
def reassign_moved_items(sender, instance, **kwargs):
    """A moved subtree's items belong to the unit of their new place."""
    unit = instance.specific.get_unit()
    for model in ItemPage.__subclasses__():  # every direct subclass is a concrete page type
        model.objects.descendant_of(instance, inclusive=True).update(owner_unit=unit)
