"""UnitHomePage moved to content (content 0013_i15c_unit_home_and_article_pages): removed from this
app's state only; its table subsites_unithomepage stays and is content's now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("subsites", "0003_unit_home_blocks_identity_images"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="UnitHomePage")],
        ),
    ]
