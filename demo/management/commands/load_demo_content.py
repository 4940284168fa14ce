from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

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
        # Replaying the workflow notifies the demo users of every step: kept, not printed (the
        # console backend would bury the logins under some 70 emails).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            kept = len(getattr(mail, "outbox", []))
            report = load_demo_content()
            notified = len(mail.outbox) - kept if hasattr(mail, "outbox") else 0
        if report.created:
            self.stdout.write(self.style.SUCCESS(f"Created: {', '.join(report.created)}."))
            self.stdout.write(f"({notified} workflow notification emails sent, not shown.)")
        else:
            self.stdout.write("Demo content already loaded: nothing changed.")
        self.stdout.write("Demo logins (demo accounts, development only):")
        width = max((len(user["username"]) for user in report.users), default=0)
        for user in report.users:
            self.stdout.write(f"  {user['username']:<{width}}  {user['password']}")
        self.stdout.write(
            "The reviewer signs off with a code from the demo authenticator: "
            "manage.py demo_totp_code"
        )
