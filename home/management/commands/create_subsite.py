"""Create or complete a unit's subsite from the shared template: `create_subsite <code>` or `--all`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.provisioning import apply_portal_template, apply_template
from subsites.models import Unit


class Command(BaseCommand):
    help = "Create or complete the subsite of a unit (or of every active unit) from the shared template."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="unit codes")
        parser.add_argument("--all", action="store_true", help="the portal columns and every active unit")

    def handle(self, *args, codes, all, **options):
        if all == bool(codes):
            raise CommandError(_("Give one or more unit codes, or --all."))
        if all:
            created = apply_portal_template()
            if created:
                self.stdout.write(_("County portal: created %(items)s") % {"items": "、".join(created)})
            units = list(Unit.objects.filter(active=True))
        else:
            units = list(Unit.objects.filter(code__in=codes))
            missing = sorted(set(codes) - {unit.code for unit in units})
            if missing:
                raise CommandError(_("No unit with code: %(codes)s") % {"codes": ", ".join(missing)})
        for unit in units:
            try:
                created = apply_template(unit)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            if created:
                self.stdout.write(
                    _("%(unit)s: created %(items)s")
                    % {"unit": unit.name, "items": "、".join(str(item) for item in created)}
                )
            else:
                self.stdout.write(_("%(unit)s: already up to date") % {"unit": unit.name})
