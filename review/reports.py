"""Admin report: live pages whose served content fails the sign-off check.

Layer 2 already hides them from the public (they answer 404); this report makes sure staff
notice, so that the page is reviewed or unpublished rather than silently missing.
"""

from __future__ import annotations

import datetime

from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .guards import is_clinical
from .serving import is_signed


def failing_live_pages() -> list[Page]:
    """Live pages of clinical types whose current content digest carries no sign-off.

    Recomputes each digest from the content actually stored (so a stale recorded digest or a
    raw SQL update is caught); it is an admin report, not a public listing.
    """
    failing = []
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        if is_clinical(page) and not is_signed(page):
            failing.append(page)
    return failing


class UnsignedLivePagesReportView(PageReportView):
    page_title = "Live pages without a sign-off"
    header_icon = "warning"
    index_url_name = "clinical_review:unsigned_live"
    index_results_url_name = "clinical_review:unsigned_live_results"
    results_template_name = "review/unsigned_live_results.html"
    list_export = [*PageReportView.list_export, "last_published_at"]

    def get_filename(self):
        return f"live-pages-without-signoff-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        ids = [page.pk for page in failing_live_pages()]
        self.queryset = Page.objects.filter(pk__in=ids).specific(defer=True)
        return super().get_queryset()
