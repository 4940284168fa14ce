from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Load the demo site: demo users, the clinic, a disclaimer, routes, conditions and the "
        "demo treatment. Safe to run again: existing content is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even when DEBUG is off. Demo users have published passwords.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Demo content creates users with published passwords: refused with DEBUG off. "
                "Pass --allow-production to load it anyway."
            )
        report = load_demo_content()
        if report.created:
            self.stdout.write(self.style.SUCCESS(f"Created: {', '.join(report.created)}."))
        else:
            self.stdout.write("Demo content already loaded: nothing changed.")
        self.stdout.write("Demo logins (demo accounts, development only):")
        for user in report.users:
            self.stdout.write(f"  {user['role']:<9} {user['username']:<9} {user['password']}")
