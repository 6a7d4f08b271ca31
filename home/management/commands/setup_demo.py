"""Build the demo county: units, their subsites, demo accounts and a little content. Idempotent.

For local use only: the demo accounts share one printed password.
"""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from content.models import ColumnPage
from home import demo_data
from home.models import ArticlePage
from subsites.models import SiteIdentity, Unit
from subsites.provisioning import ROLE_LABELS, apply_template, portal_home

DEMO_PASSWORD = "Demo-County-2026"
ROLES = (("editor", "editor_group"), ("reviewer", "reviewer_group"), ("leader", "leader_group"))


class Command(BaseCommand):
    help = "Create the demo county (portal, 34 units with subsites, demo accounts and content)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_superuser": True, "is_staff": True, "first_name": "门户管理员"}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        self._ensure_identity(portal_home().get_site(), demo_data.PORTAL_IDENTITY)
        for fields in demo_data.units():
            unit, _created = Unit.objects.get_or_create(code=fields["code"], defaults=fields)
            if not unit.active:
                continue
            apply_template(unit)
            self._ensure_identity(unit.site, demo_data.unit_identity(unit))
            self._ensure_accounts(User, unit)
            self._ensure_content(unit)
        self.stdout.write(self.style.SUCCESS(_("Demo county ready: %(count)d units.") % {
            "count": Unit.objects.filter(active=True).count()}))
        self.stdout.write(_("Demo accounts (local use only), password “%(password)s”:") % {
            "password": DEMO_PASSWORD})
        self.stdout.write(_("  admin — portal administrator"))
        self.stdout.write(_("  <unit code>-editor, <unit code>-reviewer, <unit code>-leader — e.g. jyj-editor"))

    def _ensure_identity(self, site, values):
        identity = SiteIdentity.for_site(site)
        if not identity.site_code:
            for field, value in values.items():
                setattr(identity, field, value)
            identity.save()

    def _ensure_accounts(self, User, unit):
        for role, group_field in ROLES:
            user, created = User.objects.get_or_create(
                username=f"{unit.code}-{role}",
                defaults={"first_name": f"{unit.short_name}{ROLE_LABELS[role]}"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(getattr(unit, group_field))

    def _ensure_content(self, unit):
        columns = {c.slug: c for c in ColumnPage.objects.child_of(unit.home_page)}
        overview = columns.get("jggk")
        if overview and not overview.body:
            overview.body = demo_data.overview_text(unit)
            overview.save_revision().publish()
        for slug, items in (("gzdt", demo_data.news_items(unit)), ("tzgg", demo_data.notice_items(unit))):
            column = columns.get(slug)
            if column is None or column.get_children().exists():
                continue
            for title, body in items:
                article = ArticlePage(title=title, body=body, source=unit.short_name)
                column.add_child(instance=article)
                article.save_revision().publish()
