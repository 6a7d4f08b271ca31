"""Replace Wagtail's welcome page by the county portal home and point the default site at it."""
from django.conf import settings
from django.db import migrations


def create_portal_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    PortalHomePage = apps.get_model("home.PortalHomePage")

    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="portalhomepage", app_label="home")
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    home = PortalHomePage.objects.create(
        title=settings.PORTAL_NAME, draft_title=settings.PORTAL_NAME, slug="home",
        content_type=content_type, path=f"{root.path}0001", depth=2, numchild=0,
        url_path="/home/", locale=locale, live=True,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname=settings.PORTAL_DOMAIN, port=settings.PORTAL_PORT, root_page=home,
        site_name=settings.PORTAL_NAME, is_default_site=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_portal_home, migrations.RunPython.noop)]
