"""E-mail near-due and overdue deadline alerts (each once), then send pending notifications."""

from django.core.management.base import BaseCommand

from base.mail import deliver_pending
from interaction.monitor import send_alerts


class Command(BaseCommand):
    help = "Queue deadline alerts and send every pending interaction e-mail (run from cron)."

    def handle(self, *args, **options):
        alerts = send_alerts()
        sent = deliver_pending()
        self.stdout.write(f"alerts queued: {alerts}; notifications sent: {sent}")
