"""Public search: engines, document definitions of the other apps, and index sync."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Document definitions live next to their models; importing them registers them.
        import content.documents  # noqa: F401
        import interaction.documents  # noqa: F401

        from . import signals  # noqa: F401
