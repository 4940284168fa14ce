"""Content in the states the API must tell apart: signed, draft, live but unsigned, private, on
another site; and many signed pages at once for the query-count tests."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from delivery.sync import sync
from review.models import ATTESTATION, ClinicalSignoff
from signing.content import base_content_type
from signing.digest import canonical_content, content_digest, digest_of_content
from tests.factories import (
    ConditionIndexPageFactory,
    HomePageFactory,
    TreatmentIndexPageFactory,
)
from tests.factories.signing import factory_reviewer

UNSIGNED = "UNSIGNED WORDING"

# A risk's frequency fields when the editor gave none, as the API and the kiosk bundle say it.
NO_FREQUENCY = {
    "frequency": None,
    "frequency_label": "",
    "frequency_meaning": "",
    "one_in": None,
    "percent": None,
    "per": "",
    "frequency_source": [],
    "frequency_text": "",
}


def publish_unsigned(page: Page, **changes) -> Page:
    """Publish new, unsigned content on a signed live page through Wagtail's own publish (the
    publishing guard switched off for the moment, as a missed door would be): the page stays
    live with text no sign-off covers."""
    page = type(page).objects.get(pk=page.pk)
    changes = changes or {"summary": f"{UNSIGNED} in the summary."}
    for name, value in changes.items():
        setattr(page, name, value)
    previous = settings.CLINICAL_GUARD_PUBLISHING
    settings.CLINICAL_GUARD_PUBLISHING = False
    try:
        page.save_revision().publish()
    finally:
        settings.CLINICAL_GUARD_PUBLISHING = previous
    page = type(page).objects.get(pk=page.pk)
    assert page.live
    return page


def rewrite_row_unsigned(page: Page, summary: str = f"{UNSIGNED} by SQL.") -> Page:
    """Change a live page's text with raw SQL (no save(), no guard), recording the new digest:
    the way a data fix or another program could leave unsigned text live."""
    table = connection.ops.quote_name(type(page)._meta.db_table)
    sql = f"UPDATE {table} SET summary = %s WHERE page_ptr_id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [summary, page.pk])
    page = type(page).objects.get(pk=page.pk)
    type(page).objects.filter(pk=page.pk).update(content_digest=content_digest(page))
    return type(page).objects.get(pk=page.pk)


def make_private(page: Page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def other_site(hostname: str = "127.0.0.1"):
    """A second site (its own home and indexes) answering for ``hostname``."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="other-home", title="Other clinic")
    Site.objects.create(hostname=hostname, port=80, root_page=home, site_name="Other clinic")
    return {
        "home": home,
        "treatments": TreatmentIndexPageFactory(parent=home),
        "conditions": ConditionIndexPageFactory(parent=home),
    }


def signed_in_bulk(factory, parent: Page, count: int, each=None, **kwargs) -> list[Page]:
    """``count`` signed, live pages: created as drafts by the factory, then given sign-offs of
    their recorded digests and made live in two bulk statements.

    The records are those the review task writes (one ``ClinicalSignoff`` per page, with the
    signed content and the reviewer's snapshot); only the publishing is done in bulk, because
    signing and publishing each page through Wagtail costs ~130 queries, too slow for the
    hundreds of pages the query-count tests need. ``each(i)`` gives the i-th page's own
    factory arguments.
    """
    created = [
        factory(parent=parent, live=False, **kwargs, **(each(index) if each else {}))
        for index in range(count)
    ]
    if not created:
        return []
    reviewer = factory_reviewer()
    profile = reviewer.clinician_profile
    model = type(created[0])
    pages = list(model.objects.filter(pk__in=[page.pk for page in created]).order_by("pk"))
    now = timezone.now()
    signoffs = []
    for page in pages:
        # What is stored, and the digest recorded for it when it was written.
        content = canonical_content(page)
        assert digest_of_content(content) == page.content_digest, page
        signoffs.append(
            ClinicalSignoff(
                base_content_type=base_content_type(model),
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(page.pk),
                object_title=page.title,
                digest=page.content_digest,
                content=content,
                reviewer=reviewer,
                reviewer_name=profile.name,
                reviewer_credentials=profile.credentials,
                reviewer_registration=profile.registration,
                signed_at=now,
                review_kind="full",
                last_full_review_at=now,
                next_review_due=now.date() + datetime.timedelta(days=365),
                attestation=ATTESTATION,
            )
        )
    ClinicalSignoff.objects.bulk_create(signoffs)
    model.objects.filter(pk__in=[page.pk for page in pages]).update(
        live=True, first_published_at=now, last_published_at=now, has_unpublished_changes=False
    )
    # Bulk writes send no signals: render their documents as an import script must.
    published = list(model.objects.filter(pk__in=[page.pk for page in pages]).order_by("pk"))
    sync(published)
    return published
