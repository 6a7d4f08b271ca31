"""Which unit a page belongs to, by its tree path.

The tree is fixed in shape: the root (depth 1), the county portal home below it (depth 2, the
one PortalHomePage), and each unit's UnitHomePage below the portal home (depth 3; its only
allowed parent). A page therefore belongs to the unit whose home page path is the first
UNIT_HOME_DEPTH steps of its own path, and to the county portal when no unit's is.
"""

from django.db.models import F
from wagtail.models import Page

from .models import Unit

UNIT_HOME_DEPTH = 3


class UnitPaths:
    """The units that have a subsite, keyed by their home page's path: one query, built once per batch."""

    def __init__(self):
        units = Unit.objects.filter(home_page__isnull=False).annotate(home_path=F("home_page__path")).order_by()
        self.units = {unit.home_path: unit for unit in units}

    def unit_for_path(self, path):
        """The Unit whose subsite holds the page at `path`; None for the county portal's own pages."""
        return self.units.get(path[: UNIT_HOME_DEPTH * Page.steplen])

    def unit_id_for_path(self, path):
        unit = self.unit_for_path(path)
        return unit.pk if unit else None
