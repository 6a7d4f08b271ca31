"""Helpers that build units, their subsites and role accounts for tests."""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Page

from home.provisioning import apply_template
from subsites.models import Unit, UnitKind
from subsites.validators import credit_code_check_char

PASSWORD = "Test-Password-2026"
# When test units' subsites went public: before any inspection period a test measures (supervision
# leaves out a unit whose subsite went public after the period).
UNITS_PUBLIC_SINCE = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def credit_code(seed):
    first17 = f"11339901{seed:08d}M"
    return first17 + credit_code_check_char(first17)


def make_unit(code, name=None, kind=UnitKind.DEPARTMENT, seed=None, provision=True):
    """A unit with a valid credit code; with `provision`, its subsite generated from the template."""
    seed = seed if seed is not None else sum(ord(c) * (i + 1) for i, c in enumerate(code))
    unit = Unit.objects.create(
        code=code,
        name=name or f"测试单位{code}",
        short_name=(name or code)[:10],
        kind=kind,
        credit_code=credit_code(seed),
        responsible_person="张三",
        main_leader="李四",
        phone="0577-12345678",
        address="测试路1号",
    )
    if provision:
        apply_template(unit)
        unit.refresh_from_db()
        Page.objects.filter(pk=unit.home_page_id, first_published_at__isnull=False).update(
            first_published_at=UNITS_PUBLIC_SINCE
        )
    return unit


def make_county_units():
    """The portal with its standard columns, a department (jyj) and a township (xtz); returns
    (department, township)."""
    from home.provisioning import apply_portal_template

    apply_portal_template()
    return (
        make_unit("jyj", name="云溪县教育局", kind=UnitKind.DEPARTMENT, seed=11),
        make_unit("xtz", name="云溪县溪头镇", kind=UnitKind.TOWNSHIP, seed=12),
    )


def make_county():
    """make_county_units, each site with its identity; returns (department, township)."""
    from wagtail.models import Site

    from subsites.models import SiteIdentity

    dept, town = make_county_units()
    for site, name, code in (
        (Site.objects.get(is_default_site=True), "云溪县人民政府", "3399000001"),
        (dept.site, dept.name, "3399000002"),
        (town.site, town.name, "3399000003"),
    ):
        identity = SiteIdentity.for_site(site)
        identity.site_name, identity.organizer, identity.site_code = name, name, code
        identity.contact = "0577-00000000"
        identity.save()
    return dept, town


def make_user(username, groups=(), superuser=False, full_name=""):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, first_name=full_name)
    user.groups.add(*groups)
    return user


def make_role_users(unit):
    """(editor, reviewer, leader) accounts of a provisioned unit."""
    return tuple(
        make_user(f"{unit.code}-{role}", [getattr(unit, f"{role}_group")], full_name=f"{unit.code}{name}")
        for role, name in (("editor", "信息员"), ("reviewer", "审核人"), ("leader", "主要领导"))
    )
