"""Who sees which cases (the portal centre all, a unit's staff only their unit's) and which rows about a
unit's pages (征集调查 responses, 在线访谈 questions and transcript entries)."""

from base.roles import is_portal_centre, portal_centre_q
from subsites.models import Unit

from .models import Case


def cases_for(user):
    if is_portal_centre(user):
        return Case.objects.all()
    return Case.objects.filter(unit__in=Unit.objects.for_user(user))


def page_rows_for(model, user):
    """Rows of `model` (with a `page` of an item type) that a user handles: the portal centre all, a unit's
    staff those of their unit's pages."""
    rows = model.objects.select_related("page")
    if is_portal_centre(user):
        return rows
    return rows.filter(page__owner_unit__in=Unit.objects.for_user(user))


def is_reviewer(user, case):
    """The unit's reviewer or leader (or the portal centre) approves replies."""
    if is_portal_centre(user):
        return True
    if case.unit is None:
        return False
    group_ids = [g.pk for g in (case.unit.reviewer_group, case.unit.leader_group) if g]
    return user.groups.filter(pk__in=group_ids).exists()


def staff_emails(unit):
    """Addresses of the people who handle cases of `unit`, or of the portal centre when None."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if unit is None:
        users = users.filter(portal_centre_q())
    else:
        users = users.filter(groups__in=[g.pk for g in unit.unit_groups()])
    return sorted(set(users.values_list("email", flat=True)))
