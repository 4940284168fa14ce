"""Retire every cached API response at once, in every app process.

Saves through Django and Wagtail do this themselves. Run it after changing content behind the
application's back (raw SQL, a restored backup): until then the response cache keeps answering
with the signed content it holds.
"""

from django.core.management.base import BaseCommand

from delivery.version import bump_version


class Command(BaseCommand):
    help = "Start a new content version, so no cached API response is served again."

    def handle(self, *args, **options):
        token, _ = bump_version()
        self.stdout.write(f"Content version is now {token}.")
