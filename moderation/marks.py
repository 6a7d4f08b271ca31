"""Who may clear a sensitivity mark (全局性/政治性/政策性/敏感性), whatever path changes a page.

The marks in force are those of the page's latest revision. Editors may add marks; only the
unit's reviewers and main leader (and the portal administrator) may remove one, whether by
editing, reverting to an earlier revision (admin view or admin API), copying or importing.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

CLEARING_REFUSED = _("Only the unit's reviewers or main leader may clear a sensitivity mark.")


def split_marks(value):
    return [mark for mark in (value or "").split(",") if mark]


def marks_in_force(page):
    """The marks of the page's latest revision (of the stored page when it has none)."""
    if page.pk is None:
        return []
    stored = Page.objects.filter(pk=page.pk).select_related("latest_revision").first()
    if stored is None:
        return []
    if stored.latest_revision is not None:
        return split_marks(stored.latest_revision.content.get("sensitivity"))
    return split_marks(type(page).objects.filter(pk=page.pk).values_list("sensitivity", flat=True).first())


def is_unit_approver(user, page):
    """Whether the user is a reviewer or leader of the page's unit (or the portal administrator):
    they may clear a sensitivity mark."""
    if user.is_superuser:
        return True
    unit = page.get_unit() if page.pk or page.path else None
    if unit is None:
        return False
    return user.groups.filter(pk__in=[unit.reviewer_group_id, unit.leader_group_id]).exists()


def cleared_marks(user, page, marks):
    """The marks in force that `marks` would drop and that `user` may not clear (none for the system)."""
    removed = set(marks_in_force(page)) - set(marks)
    if not removed or user is None or is_unit_approver(user, page):
        return set()
    return removed


def refuse_clearing(user, page):
    """Raise ValidationError when saving `page` as a revision would clear a mark `user` may not clear."""
    if cleared_marks(user, page, page.sensitivity_marks):
        raise ValidationError({"sensitivity": CLEARING_REFUSED})
