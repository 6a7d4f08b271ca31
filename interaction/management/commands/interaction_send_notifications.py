"""Retry the queued e-mails (the cases' notifications) that could not be sent, e.g. while the mail server was down."""

from django.core.management.base import BaseCommand

from base.mail import deliver_pending


class Command(BaseCommand):
    help = "Send every pending queued e-mail (the cases' notifications)."

    def handle(self, *args, **options):
        self.stdout.write(f"notifications sent: {deliver_pending()}")
