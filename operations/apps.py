"""App configuration: connects the task-retry signal handler."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from . import tasks  # noqa: F401  (connects the retry handler)
