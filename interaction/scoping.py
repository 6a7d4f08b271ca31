"""Who sees which cases: the portal centre sees all, a unit's staff only their unit's cases."""
from django.conf import settings

from subsites.models import Unit

from .models import Case


def is_centre(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=settings.INTERACTION_CENTRE_GROUP).exists()


def cases_for(user):
    if is_centre(user):
        return Case.objects.all()
    return Case.objects.filter(unit__in=Unit.objects.for_user(user))


def is_reviewer(user, case):
    """The unit's reviewer or leader (or the portal centre) approves replies."""
    if is_centre(user):
        return True
    if case.unit is None:
        return False
    group_ids = [g.pk for g in (case.unit.reviewer_group, case.unit.leader_group) if g]
    return user.groups.filter(pk__in=group_ids).exists()


def staff_emails(unit):
    """Addresses of the people who handle cases of `unit`, or of the portal centre when None."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if unit is None:
        users = users.filter(Q(is_superuser=True) | Q(groups__name=settings.INTERACTION_CENTRE_GROUP))
    else:
        users = users.filter(groups__in=[g.pk for g in unit.unit_groups()])
    return sorted(set(users.values_list("email", flat=True)))
