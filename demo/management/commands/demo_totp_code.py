from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.otp import current_code
from demo.loader import load_demo_data


class Command(BaseCommand):
    help = (
        "Print the code a demo account's authenticator shows now (the published demo key), to "
        "sign off as the demo reviewer without a phone. Development only."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="reviewer")

    def handle(self, *args, username, **options):
        if getattr(settings, "PRODUCTION", False) or not settings.DEBUG:
            raise CommandError(
                "Demo codes come from a published key: refused under production settings and "
                "with DEBUG off. Use it on a development machine only."
            )
        keys = {user["username"]: user.get("totp_key") for user in load_demo_data()["users"]}
        if not keys.get(username):
            demo = ", ".join(name for name, key in keys.items() if key)
            raise CommandError(f"{username!r} has no demo authenticator (demo accounts: {demo}).")
        device = TOTPDevice.objects.filter(
            user__username=username, key=keys[username], confirmed=True
        ).first()
        if device is None:
            raise CommandError(
                f"{username!r} has no authenticator with the demo key: run load_demo_content "
                "(an authenticator set up in the admin shows its codes in its own app)."
            )
        self.stdout.write(current_code(device))
