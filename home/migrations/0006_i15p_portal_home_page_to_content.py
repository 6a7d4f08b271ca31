"""PortalHomePage moved to content (content 0014_i15p_portal_home_page): removed from this app's
state only; its table home_portalhomepage stays and is content's now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_i15c_article_page_to_content"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PortalHomePage")],
        ),
    ]
