"""Wagtail's ``publish_scheduled``, made safe for clinical content.

Wagtail's command publishes each due revision with no try/except around it, so one refusal
would abort the run and be retried forever. Here a due revision without a sign-off is skipped:
its schedule is cleared, the refusal is logged and audited, and the command exits 0.
"""

from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from review import guards
from signing.content import is_clinical


class Command(WagtailCommand):
    help = "Publish scheduled revisions that carry a clinical sign-off; skip and log the rest."

    def handle(self, *args, **options):
        if guards.enabled() and not options.get("dryrun"):
            due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
            for revision in due:
                obj = revision.as_object()
                if is_clinical(obj) and not guards.revision_is_signed(revision):
                    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                    guards.log_refusal(obj, door="publish_scheduled")
                    self.stderr.write(
                        f"Skipped unsigned scheduled revision {revision.pk} of "
                        f"“{revision.object_str}”: it has no clinical sign-off."
                    )
        return super().handle(*args, **options)
