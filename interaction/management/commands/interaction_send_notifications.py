"""Retry the interaction e-mails that could not be sent (e.g. while the mail server was down)."""

from django.core.management.base import BaseCommand

from interaction.notify import deliver_pending


class Command(BaseCommand):
    help = "Send every pending interaction notification."

    def handle(self, *args, **options):
        self.stdout.write(f"notifications sent: {deliver_pending()}")
