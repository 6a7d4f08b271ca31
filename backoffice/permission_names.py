"""Permission names in the project's language. Django stores the names of permissions in English
("Can add case", "Lock/unlock pages you've locked") and Wagtail's group editor shows them as they
are stored; after each migration the names of an app's permissions are rewritten from the model's
translated verbose name and its declared (translatable) permissions."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}
NAME_LENGTH = Permission._meta.get_field("name").max_length


def declared_names(model):
    """{codename: name} of a model's default and declared permissions, in the active language."""
    opts = model._meta
    names = {
        f"{action}_{opts.model_name}": ACTIONS[action] % {"name": opts.verbose_name}
        for action in opts.default_permissions
        if action in ACTIONS
    }
    names.update((codename, str(name)) for codename, name in opts.permissions)
    return names


def name_permissions(sender, using, **kwargs):
    """post_migrate: create the app's permissions (Django's own step, which runs after this app's
    receivers), then name them in the project's language."""
    create_permissions(using=using, **kwargs)
    with translation.override(settings.LANGUAGE_CODE):
        for model in sender.get_models():
            content_type = ContentType.objects.db_manager(using).get_for_model(model, for_concrete_model=False)
            names = declared_names(model)
            for permission in Permission.objects.using(using).filter(content_type=content_type):
                name = names.get(permission.codename, permission.name)[:NAME_LENGTH]
                if permission.name != name:
                    permission.name = name
                    permission.save(update_fields=["name"])
