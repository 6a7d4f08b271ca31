from django.apps import AppConfig


class SubsitesConfig(AppConfig):
    name = "subsites"
    default_auto_field = "django.db.models.BigAutoField"
