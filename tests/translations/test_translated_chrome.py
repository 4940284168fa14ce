"""A web page's own words (headings, the review line, the out-of-date note) are in the page's
language when a catalogue for it exists: a clinic compiles one into ``LOCALE_PATHS``.

The catalogue here is built at test time with ``msgfmt`` (``make test`` installs gettext).
``override_settings(LOCALE_PATHS=…)`` fires ``setting_changed``, whose receiver in
``django.test.signals`` clears Django's translation caches on the way in and out."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.factories.signing import sign_and_publish

pytestmark = pytest.mark.django_db

# msgids as the templates mark them (makemessages would write the same).
FRENCH_PO = r"""msgid ""
msgstr ""
"Project-Id-Version: test\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\n"
"Last-Translator: test\n"
"Language-Team: test\n"
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#, python-format
msgid ""
"Last reviewed <time datetime=\"%(reviewed_iso)s\">%(reviewed)s</time> by "
"%(reviewer)s, %(credentials)s"
msgstr ""
"Relu le <time datetime=\"%(reviewed_iso)s\">%(reviewed)s</time> par "
"%(reviewer)s, %(credentials)s"

#, python-format
msgid ""
"The %(language)s version of this page was updated more recently than this "
"translation."
msgstr ""
"La version originale (%(language)s) de cette page a été mise à jour après "
"cette traduction."

#, python-format
msgid "Read the %(language)s version"
msgstr "Lire l’original (%(language)s)"

msgid "Benefits and risks"
msgstr "Bénéfices et risques"

msgctxt "clinical content"
msgid "Device"
msgstr "Dispositif"

msgctxt "clinical content"
msgid "Common"
msgstr "Fréquent"

msgctxt "clinical content"
msgid "may affect up to 1 in 10 people"
msgstr "peut toucher jusqu’à 1 personne sur 10"

#, python-format
msgctxt "clinical content"
msgid "%(band)s: %(meaning)s"
msgstr "%(band)s : %(meaning)s"

#, python-format
msgctxt "clinical content"
msgid "%(band)s: about 1 in %(number)s %(counted)s"
msgstr "%(band)s : environ 1 sur %(number)s %(counted)s"

#, python-format
msgctxt "clinical content"
msgid "%(band)s: about %(percent)s%% of %(counted)s"
msgstr "%(band)s : environ %(percent)s %% des %(counted)s"

#, python-format
msgctxt "clinical content"
msgid "each session takes %(duration)s"
msgstr "chaque séance dure %(duration)s"
"""


@pytest.fixture
def french_catalogue(tmp_path):
    """A French catalogue of a few of the page's words, first in ``LOCALE_PATHS``."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail(
            "No msgfmt. Install gettext: apt-get update && apt-get install -y gettext "
            "(`make test` does so as root)."
        )
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(FRENCH_PO, encoding="utf-8")
    subprocess.run(
        [msgfmt, "--check", "-o", str(folder / "django.mo"), str(folder / "django.po")],
        check=True,
    )
    with override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]):
        yield


def test_a_translation_shows_its_language_words_and_the_source_its_own(
    treatment, french, french_catalogue
):
    html = Client().get("/fr/treatments/ketamine/").content.decode()
    assert '<p class="review-line">Relu le <time datetime="' in html
    assert "</time> par " in html
    assert "Bénéfices et risques" in html
    assert "Last reviewed" not in html and "Benefits and risks" not in html

    english = Client().get("/treatments/ketamine/").content.decode()
    assert '<p class="review-line">Last reviewed <time datetime="' in english
    assert "Benefits and risks" in english
    assert "Relu le" not in english and "Bénéfices" not in english


def test_the_out_of_date_note_is_in_the_translation_language(treatment, french, french_catalogue):
    treatment.summary = "A changed summary, signed again."
    sign_and_publish(treatment)

    html = Client().get("/fr/treatments/ketamine/").content.decode()
    assert (
        "La version originale (English) de cette page a été mise à jour après cette traduction."
        in html
    )
    assert 'hreflang="en">Lire l’original (English)</a>' in html
    assert "updated more recently" not in html


def test_words_without_a_translation_stay_in_the_default_language(
    treatment, french, french_catalogue
):
    html = Client().get("/fr/treatments/ketamine/").content.decode()
    assert "Next review due <time" in html  # not in the catalogue: as written
    # Nor do Django's or Wagtail's own catalogues translate the site's words ("Home" is
    # "Accueil" there): only the clinic's catalogue does.
    assert ">Home</a>" in html and "Accueil" not in html
    assert "Skip to main content" in html


def test_a_choices_words_are_in_the_documents_language(
    french_catalogue, treatment, french, french_reviewer
):
    """Rendered when the content goes live, under the page's language: the French document
    carries the French label of a kind of route, the English one the English label."""
    from tests.factories import RouteOfAdministrationFactory
    from tests.factories.signing import sign

    device = RouteOfAdministrationFactory(name="Test stimulator", kind="device")
    for page, reviewer in [(treatment, None), (french, french_reviewer)]:
        page.routes = [device]
        revision = page.save_revision()
        sign(revision, reviewer=reviewer)
        revision.publish()

    french_detail = Client().get("/api/v1/treatments/ketamine/", {"locale": "fr"}).json()
    english_detail = Client().get("/api/v1/treatments/ketamine/").json()

    assert french_detail["locale"] == "fr"
    assert [way["kind_label"] for way in french_detail["routes"]] == ["Dispositif"]
    assert [way["kind_label"] for way in english_detail["routes"]] == ["Device"]


def test_an_admin_preview_is_in_the_pages_language_not_the_admins(
    french_catalogue, treatment, french, french_reviewer, admin_client
):
    from django.urls import reverse

    from tests.factories import RouteOfAdministrationFactory

    french.routes = [RouteOfAdministrationFactory(name="Test stimulator", kind="device")]
    revision = french.save_revision()
    url = reverse("wagtailadmin_pages:revisions_view", args=(french.pk, revision.pk))

    html = admin_client.get(url).content.decode()  # the admin itself is in English

    assert "(dispositif)" in html and "(device)" not in html


def test_a_risks_frequency_and_a_steps_timing_are_said_in_the_documents_language(
    french_catalogue,
):
    from django.utils import translation

    from content_models.blocks.wording import frequency_text, timing_text

    with translation.override("fr"):
        assert frequency_text("common", None) == (
            "Fréquent : peut toucher jusqu’à 1 personne sur 10"
        )
        rare = frequency_text("common", 30000, "séances")
        assert rare.startswith("Fréquent : environ 1 sur 30") and rare.endswith(" séances")
        assert "30,000" not in rare  # the language's grouping, not English commas
        assert frequency_text("rare", None, "séances", Decimal("0.05")) == (
            "Rare : environ 0,05 % des séances"  # the language's decimal comma
        )
        assert timing_text("environ 40 minutes", "5 jours par semaine") == (
            "Chaque séance dure environ 40 minutes, 5 jours par semaine."
        )
    assert frequency_text("common", None) == "Common: may affect up to 1 in 10 people"
    assert frequency_text("common", 30000, "sessions") == "Common: about 1 in 30,000 sessions"
    with translation.override("de"):  # no catalogue: an English sentence, English grouping
        assert frequency_text("rare", 30000, "sessions") == "Rare: about 1 in 30,000 sessions"
        assert frequency_text("rare", None, "", Decimal("0.05")) == "Rare: about 0.05% of people"
