"""ArticlePage moved to content (content 0013_i15c_unit_home_and_article_pages): removed from this
app's state only; its table home_articlepage stays and is content's now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_home_editorial_blocks"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ArticlePage")],
        ),
    ]
