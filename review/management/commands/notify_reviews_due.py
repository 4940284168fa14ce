from django.core.management.base import BaseCommand

from review.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email medical reviewers about pages whose review is due soon or overdue. At most one "
        "reminder a day a page, so it is safe to run as often as you like (e.g. daily by cron)."
    )

    def handle(self, *args, **options):
        run = send_review_reminders()
        if not run.pages:
            self.stdout.write("No pages need a reminder today.")
            return
        self.stdout.write(
            f"Reminded {len(run.recipients)} reviewer(s) about {len(run.pages)} page(s)."
        )
