"""Admin registration of the units (home/units_admin.py)."""

from wagtail import hooks

from .units_admin import UnitViewSet


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
