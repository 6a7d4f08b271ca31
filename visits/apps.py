"""App configuration: privacy-respecting visit statistics (see counting.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Visit statistics")
