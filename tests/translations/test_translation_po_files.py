"""Outside translators: a translation's PO file is exported, translated and imported; the
result is a draft until a reviewer for its language signs it."""

from __future__ import annotations

import tempfile
from urllib.parse import urlencode

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Page
from wagtail_factories import ImageFactory

from tests.factories import TreatmentPageFactory

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


def _arabic_translation(page, locale):
    from wagtail_localize.models import Translation, TranslationSource

    translate_parents(page, locale)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    return translation


@pytest.fixture
def arabic(treatment, languages):
    return _arabic_translation(treatment, languages["ar"])


def _exported(admin_client, translation) -> polib.POFile:
    url = f"/admin/localize/translate/{translation.pk}/pofile/download/"
    return polib.pofile(admin_client.get(url).content.decode())


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        ("header", "does not say which translation it is for"),
        ("nul", "cannot be stored"),
        ("no file", "Choose a PO file"),
        ("utf-16", "not a PO file that can be read"),
    ],
)
def test_a_po_file_it_cannot_take_is_refused_with_a_message(
    treatment, arabic, admin_client, spoil, says, tmp_path, monkeypatch
):
    from wagtail_localize.models import StringTranslation

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where temporary files go

    po = _exported(admin_client, arabic)
    if spoil == "header":
        del po.metadata["X-WagtailLocalize-TranslationID"]
    [title] = [entry for entry in po if entry.msgid == "Ketamine"]
    title.msgstr = "الكيتا\x00مين" if spoil == "nul" else "الكيتامين"
    content = str(po).encode()
    if spoil == "utf-16":  # declared, without a byte-order mark: polib cannot decode it
        content = content.replace(b"charset=utf-8", b"charset=utf-16")
    upload = SimpleUploadedFile("ar.po", content, "text/x-gettext-translation")
    edit_url = f"/admin/pages/{treatment.get_translation(arabic.target_locale).pk}/edit/"

    response = admin_client.post(
        f"/admin/localize/translate/{arabic.pk}/pofile/upload/?next={edit_url}",
        {} if spoil == "no file" else {"file": upload},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[0][0] == edit_url
    assert any(says in str(message) for message in response.context["messages"])
    assert not StringTranslation.objects.filter(locale=arabic.target_locale).exists()
    assert not list(tmp_path.iterdir()), "the upload's temporary copy is left behind"


@pytest.mark.parametrize("value", [None, "K\x00t"])
def test_the_editors_string_endpoint_refuses_a_missing_or_unstorable_value_with_a_400(
    arabic, admin_client, value
):
    from wagtail_localize.models import StringSegment, StringTranslation

    segment = StringSegment.objects.filter(source=arabic.source).first()
    response = admin_client.put(
        f"/admin/localize/translate/{arabic.pk}/strings/{segment.pk}/edit/",
        "" if value is None else urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response.json()["error"]
    assert not StringTranslation.objects.filter(locale=arabic.target_locale).exists()


def test_the_editors_override_endpoint_refuses_a_missing_value_with_a_400(
    languages, treatment_index, admin_client
):
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    page = TreatmentPageFactory(
        parent=treatment_index, image=ImageFactory(), image_alt_text="An infusion room."
    )
    translation = _arabic_translation(page, languages["ar"])
    segment = OverridableSegment.objects.get(source=translation.source, context__path="image")

    response = admin_client.put(
        f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/",
        "",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response.json()["error"] == "Send the translation as the form field 'value'."
    assert not SegmentOverride.objects.filter(locale=languages["ar"]).exists()
