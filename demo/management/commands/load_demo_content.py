from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Load the demo site: demo users, the clinic, a disclaimer, routes, conditions and the "
        "demo treatment. Safe to run again: existing content is left as it is."
    )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False) or not settings.DEBUG:
            raise CommandError(
                "Demo content creates users with published passwords: refused under production "
                "settings and with DEBUG off. Load it on a development machine only."
            )
        report = load_demo_content()
        if report.created:
            self.stdout.write(self.style.SUCCESS(f"Created: {', '.join(report.created)}."))
        else:
            self.stdout.write("Demo content already loaded: nothing changed.")
        self.stdout.write("Demo logins (demo accounts, development only):")
        for user in report.users:
            self.stdout.write(f"  {user['role']:<9} {user['username']:<9} {user['password']}")
        self.stdout.write(
            "The reviewer signs off with a code from the demo authenticator: "
            "manage.py demo_totp_code"
        )
