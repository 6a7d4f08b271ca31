"""Creating, re-applying and retiring a unit's subsite.

`apply_template(unit)` is idempotent: it creates what is missing (home page, standard
columns, Site, groups and their permissions, collection, site identity) and leaves
existing pages and their content untouched.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from base.publication import template_publication
from content.blueprint import PORTAL_COLUMNS, columns_for
from content.models import ColumnPage, PortalHomePage, UnitHomePage
from moderation.workflow import PORTAL_GROUPS, ensure_unit_workflow, withdraw_unit_workflow
from subsites.models import SiteIdentity

# Page permissions per role. Nobody in a unit may publish directly: publication happens only
# when the unit's 审签 workflow completes (see moderation.finish).
PAGE_PERMISSIONS = {
    "editor": ["add_page", "change_page"],
    "reviewer": ["add_page", "change_page", "lock_page", "unlock_page"],
    "leader": ["change_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("subsites", "add_unitlink"),
    ("subsites", "change_unitlink"),
    ("subsites", "delete_unitlink"),
    ("subsites", "view_unitlink"),
    ("content", "add_newmediaaccount"),
    ("content", "change_newmediaaccount"),
    ("content", "delete_newmediaaccount"),
    ("content", "view_newmediaaccount"),
]
ROLE_LABELS = {"editor": "信息员", "reviewer": "审核人", "leader": "主要领导"}


def portal_home():
    home = PortalHomePage.objects.first()
    if home is None:
        raise ValidationError(_("The county portal home page does not exist yet."))
    return home


def _permissions(pairs):
    perms = []
    for app_label, codename in pairs:
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return perms


@transaction.atomic
def apply_template(unit):
    """Create or complete the unit's subsite; returns a list of what was created."""
    if not unit.active:
        raise ValidationError(
            _("Unit “%(name)s” is inactive; activate it before generating its subsite.") % {"name": unit.name}
        )
    created = []
    home = _ensure_home(unit, created)
    _ensure_columns(home, [(spec, "") for spec in columns_for(unit.kind)], created)
    _ensure_site(unit, home, created)
    _ensure_collection(unit, created)
    _ensure_groups(unit, home, created)
    ensure_unit_workflow(unit)
    unit.save(update_fields=["home_page", "site", "collection", "editor_group", "reviewer_group", "leader_group"])
    return created


def _ensure_home(unit, created):
    home = UnitHomePage.objects.filter(unit=unit).first()
    if home is None:
        home = UnitHomePage(title=unit.name, slug=unit.code, unit=unit, seo_title=unit.name, live=False)
        with disable_reference_index_auto_update():  # the publication's save indexes it
            portal_home().add_child(instance=home)
            revision = home.save_revision()
        revision.publish()
        created.append(_("home page"))
    unit.home_page = home
    return home


def _ensure_columns(home, specs, created):
    """Add the columns of `specs` ((spec, syndication) pairs) that `home` lacks, by slug.

    A column added to an existing site goes before the first existing column that follows it in
    `specs`, so the site keeps the template's order."""
    existing = dict(home.get_children().values_list("slug", "pk"))
    for index, (spec, syndication) in enumerate(specs):
        if spec.slug in existing:
            continue
        column = ColumnPage(
            title=spec.title,
            slug=spec.slug,
            column_type=spec.column_type,
            description=spec.description,
            syndication=syndication,
            live=False,  # until its publication below, as the admin creates pages
        )
        following = next(
            (existing[later.slug] for later, _syndication in specs[index + 1 :] if later.slug in existing), None
        )
        with disable_reference_index_auto_update():  # the publication's save indexes it
            if following is None:
                home.add_child(instance=column)
            else:  # fetched afresh: an earlier insertion may have shifted its tree path
                Page.objects.get(pk=following).add_sibling(pos="left", instance=column)
            revision = column.save_revision()
        with template_publication():
            revision.publish()
        existing[spec.slug] = column.pk
        created.append(spec.title)


@transaction.atomic
def apply_portal_template():
    """Add the county portal's own standard columns it lacks; returns what was created."""
    created = []
    home = portal_home()
    _ensure_columns(home, PORTAL_COLUMNS, created)
    for column in ColumnPage.objects.child_of(home):
        grant_portal_groups(column)
    return created


def grant_portal_groups(column):
    """The portal's sign-off groups (门户网站管理中心, 县政府办公室主要领导) reach the admin and work in a
    portal column with the reviewer's and leader's page permissions — on the column, not on the portal
    home, whose subtree holds every unit's subsite."""
    access = _permissions([("wagtailadmin", "access_admin")])
    for role, name in PORTAL_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*access)
        for perm in _permissions(("wagtailcore", codename) for codename in PAGE_PERMISSIONS[role]):
            GroupPagePermission.objects.get_or_create(group=group, page=column, permission=perm)


def _ensure_site(unit, home, created):
    site = unit.site or Site.objects.filter(hostname=unit.host, port=settings.PORTAL_PORT).first()
    if site is None:
        site = Site(hostname=unit.host, port=settings.PORTAL_PORT, root_page=home, site_name=unit.name)
        site.full_clean()
        site.save()
        created.append(_("site %(host)s") % {"host": unit.host})
    elif (site.hostname, site.port, site.root_page_id) != (unit.host, settings.PORTAL_PORT, home.pk):
        site.hostname, site.port, site.root_page = unit.host, settings.PORTAL_PORT, home
        site.save()
    unit.site = site
    identity = SiteIdentity.for_site(site)
    if not identity.site_name:
        identity.site_name = unit.name
        identity.organizer = unit.name
        identity.contact = " ".join(filter(None, [unit.address, unit.phone]))
        identity.save()


def _ensure_collection(unit, created):
    if unit.collection is None:
        root = Collection.get_first_root_node()
        unit.collection = root.get_children().filter(name=unit.name).first() or root.add_child(name=unit.name)
        created.append(_("media collection"))


def _ensure_groups(unit, home, created):
    page_perms = {
        role: _permissions(("wagtailcore", codename) for codename in codenames)
        for role, codenames in PAGE_PERMISSIONS.items()
    }
    collection_perms = _permissions(COLLECTION_PERMISSIONS)
    model_perms = _permissions(MODEL_PERMISSIONS)
    for role in ("editor", "reviewer", "leader"):
        field = f"{role}_group"
        group = getattr(unit, field)
        if group is None:
            group, _created = Group.objects.get_or_create(name=f"{unit.name}{ROLE_LABELS[role]}")
            setattr(unit, field, group)
            created.append(group.name)
        group.permissions.add(*model_perms)
        for perm in page_perms[role]:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=perm)
        for perm in collection_perms:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=unit.collection, permission=perm)


@transaction.atomic
def withdraw_subsite(unit):
    """Take an inactive unit's subsite off the air: no Site, no groups; pages kept as archive, unpublished."""
    if unit.home_page_id:
        home = unit.home_page.specific
        for page in home.get_descendants(inclusive=True).live().specific():
            page.unpublish(set_expired=False, log_action="wagtail.unpublish")
    _delete_site_and_groups(unit)


def _delete_site_and_groups(unit):
    if unit.home_page_id:
        withdraw_unit_workflow(unit)
    site, groups = unit.site, unit.unit_groups()
    unit.site = unit.editor_group = unit.reviewer_group = unit.leader_group = None
    if unit.pk:
        unit.save(update_fields=["site", "editor_group", "reviewer_group", "leader_group"])
    if site:
        site.delete()
    for group in groups:
        group.delete()


def unit_has_content(unit):
    """True when the unit's subtree holds anything beyond the generated home and columns."""
    if unit.home_page_id is None:
        return False
    descendants = unit.home_page.get_descendants()
    generated = {spec.slug for spec in columns_for(unit.kind)}
    if descendants.exclude(depth=unit.home_page.depth + 1).exists():
        return True
    if descendants.exclude(slug__in=generated).exists():
        return True
    return bool(unit.collection_id) and (
        get_image_model().objects.filter(collection=unit.collection_id).exists()
        or get_document_model().objects.filter(collection=unit.collection_id).exists()
    )


@transaction.atomic
def delete_unit(unit):
    """Delete a unit and everything generated for it; refused while it holds content."""
    if unit_has_content(unit):
        raise ValidationError(
            _("Unit “%(name)s” still has content or media; deactivate it instead of deleting it.") % {"name": unit.name}
        )
    home, collection = unit.home_page, unit.collection
    _delete_site_and_groups(unit)
    unit.home_page = unit.collection = None
    unit.save(update_fields=["home_page", "collection"])
    if home:
        home.delete()
    if collection:
        collection.delete()
    unit.delete()
