"""Put periodic jobs on the task queue; the worker runs them. django-tasks has no scheduler:
systemd timers (deploy/systemd/) call this every minute and every day."""

from django.core.management.base import BaseCommand

from outbox.tasks import PERIODIC


class Command(BaseCommand):
    help = "Enqueue periodic jobs for the worker: " + ", ".join(PERIODIC)

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="+", choices=sorted(PERIODIC))

    def handle(self, *args, jobs, **options):
        for name in jobs:
            result = PERIODIC[name].enqueue()
            self.stdout.write(f"Enqueued {name} ({result.id})")
