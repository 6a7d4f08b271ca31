"""Remove a user's two-factor devices (the sole portal administrator who lost his phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from operations.twofactor import remove_devices


class Command(BaseCommand):
    help = "Reset a user's two-factor sign-in: they pair an authenticator app again at the next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username}.")
        remove_devices(user)
        self.stdout.write(f"Two-factor sign-in of {username} reset.")
