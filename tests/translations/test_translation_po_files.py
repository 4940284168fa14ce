"""Outside translators: a translation's PO file is exported, translated and imported; the
result is a draft until a reviewer for its language signs it."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Page

from .conftest import language_reviewer, publish_translation, translate_parents

pytestmark = pytest.mark.django_db


def test_a_po_file_round_trip_makes_a_draft_that_a_reviewer_signs(
    treatment, languages, admin_client
):
    from wagtail_localize.models import Translation, TranslationSource

    translate_parents(treatment, languages["ar"])
    source, _ = TranslationSource.get_or_create_from_instance(treatment)
    translation = Translation.objects.create(source=source, target_locale=languages["ar"])
    translation.save_target(publish=False)

    exported = admin_client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert exported.status_code == 200
    po = polib.pofile(exported.content.decode())
    titles = [entry for entry in po if entry.msgid == "Ketamine"]
    assert titles, [entry.msgid for entry in po][:10]
    titles[0].msgstr = "الكيتامين"

    imported = admin_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile("ar.po", str(po).encode(), "text/x-gettext-translation")},
    )
    assert imported.status_code == 302
    translation.save_target(publish=False)

    target = Page.objects.get(pk=treatment.get_translation(languages["ar"]).pk).specific
    assert not target.live
    assert target.get_latest_revision_as_object().title == "الكيتامين"
    assert Client().get("/api/v1/treatments/ketamine/", {"locale": "ar"}).status_code == 404

    reviewer = language_reviewer("arabic-reviewer", "ar")
    publish_translation(target, reviewer)

    served = Client().get("/api/v1/treatments/ketamine/", {"locale": "ar"}).json()
    assert served["title"] == "الكيتامين"
    assert served["url"].endswith("/ar/treatments/ketamine/")
