"""The portal's cross-unit roles, defined once for every app.

- The portal administrator (门户管理员) is a Django superuser (`user.is_superuser`): the only
  holder of publish permission, the one who sets what the portal decides for every unit.
- The portal centre is the administrator and the members of `settings.INTERACTION_CENTRE_GROUP`
  (互动交流中心): it sees every unit's cases, inspections and dashboards, and signs in with a
  second factor. Unit roles (editor, reviewer, leader) are the unit's own groups (subsites).
"""

from django.conf import settings
from django.db.models import Q


def portal_centre_q():
    """A filter on users: the portal centre."""
    return Q(is_superuser=True) | Q(groups__name=settings.INTERACTION_CENTRE_GROUP)


def is_portal_centre(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=settings.INTERACTION_CENTRE_GROUP).exists()
