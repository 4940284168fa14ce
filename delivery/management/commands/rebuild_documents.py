"""Render every public page's documents again (or only the stale ones), and remove those of
pages that may no longer be public. Idempotent: run it after every deploy's ``migrate``."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from delivery.models import Document
from delivery.stale import stale_documents
from delivery.sync import rebuild, sync


class Command(BaseCommand):
    help = "Render the signed documents the public reads again (all, or only stale ones)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only documents rendered by an older renderer or with other URL settings.",
        )

    def handle(self, *args, stale: bool = False, **options):
        if stale:
            page_ids = set(stale_documents().values_list("page_id", flat=True))
            # A few pages: each with what embeds it, as a change would be.
            for done, page_id in enumerate(sorted(page_ids), start=1):
                with transaction.atomic():
                    sync(Page.objects.filter(pk=page_id))
                self._progress(done, len(page_ids))
        else:
            page_ids = set(Document.objects.values_list("page_id", flat=True))
            for site in Site.objects.select_related("root_page"):
                pages = Page.objects.descendant_of(site.root_page, inclusive=True).live()
                page_ids |= set(pages.values_list("pk", flat=True))
            rebuild(page_ids, progress=self._progress)
        self.stdout.write(f"Rendered or removed the documents of {len(page_ids)} page(s).")

    def _progress(self, done: int, total: int, width: int = 30) -> None:
        filled = width * done // total
        end = "\n" if done == total else ""
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=end)
        self.stdout.flush()
