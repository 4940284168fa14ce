"""The editor's "Preview in web app" action: issue a preview token for a page's latest revision
and send the browser to the frontend with it (``FRONTEND_PREVIEW_URL``).

Only treatments and conditions have a headless preview; only signed-in staff who may edit or
review the page get a token. The editor must save first: the token names a saved revision, so
what the frontend shows is exactly what was saved, whatever is edited afterwards. (The kiosk
layout has its own preview inside the editor: Wagtail's "Kiosk" preview mode.)
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from . import preview


@require_safe
def issue_preview(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, preview.PREVIEWABLE):
        raise Http404("Only treatments and conditions have a headless preview.")
    if not preview.may_preview(page, request.user):
        return permission_denied(request)
    revision = page.get_latest_revision()
    site = page.get_site()
    if revision is None or site is None:
        messages.error(
            request,
            "Save the page first: the preview shows its latest saved revision."
            if revision is None
            else "This page is not part of any site, so it has no preview.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect(preview.frontend_url(preview.issue(revision, request.user), site))
