from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.otp import remove_second_factor


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes (a lost phone, no codes left): "
        "they set up two-factor authentication again at their next sign-in or sign-off."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username})
        if not user.exists():
            raise CommandError(f"No user {username!r}.")
        removed = remove_second_factor(user.get())
        self.stdout.write(f"Removed {removed} device(s) of {username}.")
