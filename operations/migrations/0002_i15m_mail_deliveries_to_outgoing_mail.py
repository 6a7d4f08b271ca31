"""The jobs' once-only mail moves to base's OutgoingMail (one outbox for all mail, base/mail.py): each
delivery is copied with `once_key` "<purpose>@<period>", so what was mailed is not mailed again, then
the table goes. MailDelivery kept no subject or body: a copied row that was not sent gets them from
its job's next run. Reversing leaves the copies in OutgoingMail and recreates an empty table."""

from django.db import migrations

FIELDS = ["recipient", "created_at", "sent_at", "claimed_until", "attempts", "last_error"]


def copy_deliveries(apps, schema_editor):
    MailDelivery = apps.get_model("operations", "MailDelivery")
    OutgoingMail = apps.get_model("base", "OutgoingMail")
    OutgoingMail.objects.bulk_create(
        (
            OutgoingMail(once_key=f"{row['purpose']}@{row['period']}", **{field: row[field] for field in FIELDS})
            for row in MailDelivery.objects.values("purpose", "period", *FIELDS).iterator()
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0004_i15m_outgoing_mail"),
        ("operations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_deliveries, migrations.RunPython.noop),
        migrations.DeleteModel(name="MailDelivery"),
    ]
