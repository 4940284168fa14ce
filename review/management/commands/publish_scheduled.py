"""Wagtail's ``publish_scheduled``, with each item a door of its own.

Wagtail's command expires and publishes every due object with no try/except and no transaction
around each, so one refusal or error aborts the run (and is retried forever), and a failure half
way leaves a change without its documents. Here each expiry and each go-live runs in its own
transaction, together with the documents it renders or removes: a due revision without a
sign-off is skipped (its schedule cleared, the refusal logged and audited), any other failure
is logged and the run goes on with the others; the command exits 0.
"""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from review import guards
from signing.content import is_clinical
from signing.one_change import one_change_at_a_time

logger = logging.getLogger(__name__)


class Command(WagtailCommand):
    help = "Expire and publish what is due, each in its own transaction; skip unsigned revisions."

    def handle(self, *args, **options):
        if options.get("dryrun"):
            return super().handle(*args, **options)
        for obj in self._expired():
            what = f"expiry of {type(obj).__name__} {obj.pk}"
            self._door(what, lambda obj=obj: self._expire(obj))
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
        for revision in due.order_by("approved_go_live_at"):
            self._door(f"revision {revision.pk}", lambda revision=revision: self._go_live(revision))

    # Each item is read again under a row lock: two runs at once (two workers taking piled-up
    # timer jobs) act on it once, the second finding it done.

    def _expire(self, obj) -> None:
        model = type(obj)
        due = model.objects.select_for_update().filter(
            pk=obj.pk, live=True, expire_at__lt=timezone.now()
        )
        if (locked := due.first()) is not None:
            locked.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")

    def _expired(self) -> list:
        from django.apps import apps
        from wagtail.models import DraftStateMixin, Page

        models = [Page, *(m for m in apps.get_models() if issubclass(m, DraftStateMixin))]
        found = []
        for model in dict.fromkeys(m for m in models if m is Page or not issubclass(m, Page)):
            due = model.objects.filter(live=True, expire_at__lt=timezone.now())
            found += list(due.order_by("expire_at"))
        return found

    def _go_live(self, revision: Revision) -> None:
        due = Revision.objects.select_for_update().filter(
            pk=revision.pk, approved_go_live_at__lt=timezone.now()
        )
        if (revision := due.first()) is None:
            return
        obj = revision.as_object()
        if guards.enabled() and is_clinical(obj) and not guards.revision_is_signed(revision):
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            guards.log_refusal(obj, door="publish_scheduled")
            self.stderr.write(
                f"Skipped unsigned scheduled revision {revision.pk} of "
                f"“{revision.object_str}”: it has no clinical sign-off."
            )
            return
        revision.publish(log_action="wagtail.publish.scheduled")

    def _door(self, what: str, change) -> None:
        try:
            with transaction.atomic():
                one_change_at_a_time()  # before the item's row lock: no deadlock
                change()
        except Exception:
            logger.exception("publish_scheduled: the %s failed; going on with the others.", what)
            self.stderr.write(f"Failed: the {what} (see the log); going on with the others.")
