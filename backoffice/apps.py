from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from backoffice import wagtail_labels


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        # Chinese has no plural: a model that names none would read "工作动态s" in the admin (Django
        # appends "s"). Migrations read the declared options, so this changes no migration state.
        for model in apps.get_models():
            if "verbose_name_plural" not in model._meta.original_attrs:
                model._meta.verbose_name_plural = model._meta.verbose_name
        wagtail_labels.install()
        from backoffice import permission_names

        post_migrate.connect(permission_names.name_permissions, dispatch_uid="backoffice.permission_names")
