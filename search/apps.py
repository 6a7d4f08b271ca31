"""Public search: engines, document definitions of the other apps, and index sync."""

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Document definitions live next to their models, in each app's `documents` module (a plug-in
        # of this app, see docs/architecture.md); importing them registers them.
        autodiscover_modules("documents")

        from . import checks, signals  # noqa: F401

        post_migrate.connect(drop_orphaned_fulltext_rows, sender=self)


def drop_orphaned_fulltext_rows(using, **kwargs):
    from .engines.database import DatabaseEngine

    if "search_fts" in connections[using].introspection.table_names():
        DatabaseEngine().drop_orphans()
