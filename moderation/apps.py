from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from base.pages import PortalPage

        from . import signals  # noqa: F401
        from .forms import MarksComparison, PortalPageForm

        # Every public page type's editor form and its marks' revision comparison: extension points of
        # base.pages.PortalPage.
        PortalPage.base_form_class = PortalPageForm
        PortalPage.sensitivity_comparison = MarksComparison
