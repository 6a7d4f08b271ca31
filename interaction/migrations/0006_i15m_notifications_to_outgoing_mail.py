"""The cases' notifications move to base's OutgoingMail (one outbox for all mail, base/mail.py): each
row is copied with `about` naming its case, then the table goes. Reversing leaves the copies in
OutgoingMail and recreates an empty Notification table."""

from django.db import migrations

FIELDS = ["recipient", "subject", "body", "created_at", "sent_at", "claimed_until", "attempts", "last_error"]


def copy_notifications(apps, schema_editor):
    Notification = apps.get_model("interaction", "Notification")
    OutgoingMail = apps.get_model("base", "OutgoingMail")
    OutgoingMail.objects.bulk_create(
        (
            OutgoingMail(about=f"interaction.case:{row['case_id']}", **{field: row[field] for field in FIELDS})
            for row in Notification.objects.values("case_id", *FIELDS).iterator()
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0004_i15m_outgoing_mail"),
        ("interaction", "0005_i21c_interviews"),
    ]

    operations = [
        migrations.RunPython(copy_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
