"""The kiosk bundle (``GET /api/v1/kiosk/bundle/``): its contents and shape (the contract in
the kiosk app's notes), QR codes, the content version, ``?since=`` deltas, expiry, the
withdrawal of overdue pages, what never appears, and a constant number of queries."""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET

import factory
import pytest
import segno
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText
from wagtail_factories import ImageFactory

from api.models import KioskBundleSnapshot
from api.representations import qr_svg
from content_models.models import TreatmentCondition, TreatmentPage
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    DisclaimerFactory,
    TreatmentPageFactory,
)
from tests.factories.signing import sign, sign_and_publish

from .builders import (
    NO_FREQUENCY,
    UNSIGNED,
    make_private,
    other_site,
    publish_unsigned,
    rewrite_row_unsigned,
    signed_in_bulk,
)

pytestmark = pytest.mark.django_db

BUNDLE = "/api/v1/kiosk/bundle/"
ENVELOPE = {
    "version",
    "generated_at",
    "expires_at",
    "full",
    "since",
    "site",
    "treatments",
    "conditions",
    "removed",
}
COMMON = {
    "id",
    "slug",
    "title",
    "url",
    "qr_svg",
    "summary",
    "image",
    "clinic",
    "call_to_action",
    "disclaimer",
    "review",
    "expires_at",
}
TREATMENT = COMMON | {
    "benefits",
    "side_effects",
    "risks",
    "steps",
    "suitable_for",
    "not_suitable_for",
    "given",
    "conditions",
}
CONDITION = COMMON | {"symptoms", "treatments"}
SVG = "{http://www.w3.org/2000/svg}"


def bundle(api, **params) -> dict:
    response = api.get(BUNDLE, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def by_slug(items: list[dict]) -> dict[str, dict]:
    return {item["slug"]: item for item in items}


def without_times(body: dict) -> dict:
    """The body minus what depends on when it was generated."""
    rest = {key: value for key, value in body.items() if key not in ("generated_at", "expires_at")}
    for name in ("treatments", "conditions"):
        rest[name] = [{k: v for k, v in item.items() if k != "expires_at"} for item in body[name]]
    return rest


def parse_time(value: str) -> datetime.datetime:
    assert value.endswith("Z"), value
    return datetime.datetime.fromisoformat(value)


def edit(page, **changes):
    """Change a live page's content through a signed revision, as the review would."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return sign_and_publish(page)


# Contents and shape ------------------------------------------------------------------------


def test_the_bundle_holds_the_sites_treatments_and_conditions_in_the_kiosk_shape(api, clinical):
    body = bundle(api)
    treatment_page, condition_page = clinical["treatment"], clinical["condition"]
    today = timezone.localdate()

    assert set(body) == ENVELOPE
    assert body["full"] is True
    assert body["since"] is None
    assert body["removed"] == {"treatments": [], "conditions": []}
    assert re.fullmatch(r"[0-9a-f]{64}", body["version"])
    assert body["site"]["root_url"] == api.get("/api/v1/pages/", {"path": "/"}).json()["url"]
    assert body["site"]["name"]

    [treatment] = body["treatments"]
    assert set(treatment) == TREATMENT
    assert treatment["id"] == treatment_page.pk
    assert treatment["slug"] == "nerve-block"
    assert treatment["title"] == "Nerve block"
    assert treatment["url"] == api.get("/api/v1/treatments/nerve-block/").json()["url"]
    assert treatment["summary"] == "An injection near a nerve."
    assert treatment["benefits"] == [
        {"headline": "Short-term relief", "explanation": "<p>It may help some people.</p>"}
    ]
    assert treatment["side_effects"] == [
        {"name": "Bruising", "description": "Usually temporary.", **NO_FREQUENCY}
    ]
    assert treatment["risks"] == [{"name": "Nerve damage", "description": "Rare.", **NO_FREQUENCY}]
    assert treatment["given"] == [
        {
            "slug": "injection",
            "name": "Injection",
            "kind": "procedure",
            "kind_label": "Procedure",
            "description": "",
        }
    ]
    assert [step["title"] for step in treatment["steps"]] == ["Assessment", "The injection"]
    assert treatment["steps"][1] == {
        "title": "The injection",
        "description": "<p>What happens in this step.</p>",
        "typical_duration": "about 20 minutes",
        "timing_text": "Takes about 20 minutes.",
    }
    assert treatment["suitable_for"] == [{"criterion": "Adults with nerve pain", "detail": ""}]
    assert treatment["not_suitable_for"] == [
        {"criterion": "People on blood thinners", "detail": "Bleeding risk."}
    ]
    # The draft condition it also names is not in the bundle, so not linked either.
    assert treatment["conditions"] == [
        {
            "id": condition_page.pk,
            "slug": "complex-regional-pain-syndrome",
            "title": "Complex regional pain syndrome",
            "regulatory_status": "licensed",
            "regulatory_status_label": "Licensed for this use",
            "guideline_stance": "may_be_considered",
            "guideline_stance_label": "May be considered",
            "guideline": "Test guideline TG1, 2024",
            "guideline_url": "https://guidelines.example/tg1",
            "note": "Moderate evidence.",
        }
    ]
    assert list(treatment["conditions"][0])[:3] == ["id", "slug", "title"]
    assert treatment["clinic"] == {
        "name": "Test Clinic",
        "phone": "0100 000000",
        "email": "clinic@example.com",
        "address": "",
        "opening_hours": "",
        "booking_url": "https://example.com/book",
    }
    assert treatment["call_to_action"] == "Ask us about nerve blocks"
    assert treatment["disclaimer"] == {
        "text": "<p>General information, not medical advice.</p>",
        "locale": "en",
    }
    assert treatment["review"] == {
        "status": "current",
        "last_reviewed": today.isoformat(),
        "next_review_due": (today + datetime.timedelta(days=365)).isoformat(),
        "translation_status": None,
    }
    assert treatment["expires_at"] == body["expires_at"]

    # A 1200×900 original fits 1200×800 without cropping.
    image = treatment["image"]
    assert set(image) == {"url", "width", "height", "alt"}
    assert ".max-1200x800." in image["url"]
    assert image["url"].startswith("http://localhost/")  # the site's root URL
    assert (image["width"], image["height"]) in {(1066, 800), (1067, 800)}
    assert image["alt"] == "A treatment room with a reclining chair."

    [condition] = body["conditions"]
    assert set(condition) == CONDITION
    assert condition["id"] == condition_page.pk
    assert condition["url"] == api.get(f"/api/v1/conditions/{condition['slug']}/").json()["url"]
    assert condition["summary"] == "A chronic pain condition often affecting a limb."
    assert condition["symptoms"] == [
        {"name": "Burning pain", "description": "Often in a hand or foot."}
    ]
    assert condition["treatments"] == [
        {
            "id": treatment_page.pk,
            "slug": "nerve-block",
            "title": "Nerve block",
            "regulatory_status": "licensed",
            "regulatory_status_label": "Licensed for this use",
            "guideline_stance": "may_be_considered",
            "guideline_stance_label": "May be considered",
            "guideline": "Test guideline TG1, 2024",
            "guideline_url": "https://guidelines.example/tg1",
            "note": "Moderate evidence.",
            "summary": "An injection near a nerve.",
        }
    ]
    # A condition shows the contact details and disclaimer of its treatment.
    assert condition["clinic"] == treatment["clinic"]
    assert condition["call_to_action"] == "Ask us about nerve blocks"
    assert condition["disclaimer"] == treatment["disclaimer"]
    assert condition["image"] is None
    assert condition["review"]["status"] == "current"
    assert condition["expires_at"] == body["expires_at"]


def test_rich_text_links_resolve_to_canonical_urls_or_plain_text(api, clinical, treatment_index):
    condition, draft = clinical["condition"], clinical["draft"]
    TreatmentPageFactory(
        parent=treatment_index,
        slug="linked",
        benefits__0__benefit__headline="Linked",
        benefits__0__benefit__explanation=RichText(
            f'<p>For <a linktype="page" id="{condition.pk}">CRPS</a> and '
            f'<a linktype="page" id="{draft.pk}">a draft</a>.</p>'
        ),
    )

    [benefit] = by_slug(bundle(api)["treatments"])["linked"]["benefits"]

    condition_url = api.get(f"/api/v1/conditions/{condition.slug}/").json()["url"]
    assert benefit["explanation"] == f'<p>For <a href="{condition_url}">CRPS</a> and a draft.</p>'


def test_a_condition_takes_contact_details_from_its_first_treatment_that_has_them(
    api, treatment_index, condition_index
):
    condition = ConditionPageFactory(parent=condition_index, slug="shared")
    TreatmentPageFactory(
        parent=treatment_index,
        title="A without contact",
        call_to_action="",
        condition_links=[TreatmentCondition(condition=condition)],
    )
    TreatmentPageFactory(
        parent=treatment_index,
        title="B with contact",
        call_to_action="Book with B",
        clinic=ClinicFactory(name="Clinic B"),
        disclaimer=DisclaimerFactory(text="<p>Disclaimer B.</p>"),
        condition_links=[TreatmentCondition(condition=condition)],
    )
    TreatmentPageFactory(
        parent=treatment_index,
        title="C with contact",
        call_to_action="Book with C",
        clinic=ClinicFactory(name="Clinic C"),
        condition_links=[TreatmentCondition(condition=condition)],
    )

    item = by_slug(bundle(api)["conditions"])["shared"]

    assert [t["title"] for t in item["treatments"]] == [
        "A without contact",
        "B with contact",
        "C with contact",
    ]
    assert item["clinic"]["name"] == "Clinic B"
    assert item["call_to_action"] == "Book with B"
    assert item["disclaimer"] == {"text": "<p>Disclaimer B.</p>", "locale": "en"}


# QR codes ----------------------------------------------------------------------------------


def qr_modules(svg: str) -> list[list[bool]]:
    """Read the dark modules back out of segno's SVG: one stroked path of horizontal runs
    ("M x y", "h n", "m dx dy"), each run half a module below the top of its row."""
    root = ET.fromstring(svg)  # noqa: S314  (our own output)
    assert root.tag == f"{SVG}svg"
    _, _, width, height = (int(value) for value in root.attrib["viewBox"].split())
    grid = [[False] * width for _ in range(height)]
    [path] = [node for node in root.iter(f"{SVG}path") if node.get("stroke")]
    x = y = 0.0
    for command, *numbers in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path.get("d")):
        values = [float(number) for number in numbers if number]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            for column in range(int(x), int(x + values[0])):
                grid[int(y)][column] = True
            x += values[0]
    return grid


def segno_modules(url: str, border: int) -> list[list[bool]]:
    code = segno.make(url, error="m", micro=False)
    size = len(code.matrix) + 2 * border
    grid = [[False] * size for _ in range(size)]
    for row, line in enumerate(code.matrix):
        for column, module in enumerate(line):
            grid[row + border][column + border] = bool(module & 1)
    return grid


def test_each_item_carries_a_qr_code_of_exactly_its_canonical_url(api, clinical):
    body = bundle(api)

    for item in body["treatments"] + body["conditions"]:
        svg = item["qr_svg"]
        modules = qr_modules(svg)
        assert modules == segno_modules(item["url"], border=4), item["slug"]
        # The comparison can tell URLs apart: one character more is another code.
        assert modules != segno_modules(item["url"] + "x", border=4)
        # A light ground and quiet zone, so it scans on a dark screen too.
        assert 'fill="#fff"' in svg
        assert not any(modules[0]) and not any(row[0] for row in modules)


def test_qr_codes_are_full_size_codes_even_for_short_urls():
    modules = qr_modules(qr_svg("https://a.example/"))

    # Version 1 is 21 modules wide (micro codes are at most 17), plus the quiet zone.
    assert len(modules) >= 21 + 8


# Version ---------------------------------------------------------------------------------


def test_the_same_content_gives_the_same_version_and_body(api, clinical):
    first = bundle(api)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        second = bundle(api)

    assert second["generated_at"] != first["generated_at"]
    assert second["version"] == first["version"]
    assert without_times(second) == without_times(first)
    assert KioskBundleSnapshot.objects.filter(version=first["version"]).count() == 1


def test_a_publish_changes_the_version(api, clinical):
    before = bundle(api)["version"]

    edit(clinical["treatment"], summary="An injection near a nerve, to ease pain.")

    after = bundle(api)
    assert after["version"] != before
    assert after["treatments"][0]["summary"] == "An injection near a nerve, to ease pain."


def test_a_snippet_edit_changes_the_version(api, clinical):
    before = bundle(api)["version"]

    clinic = clinical["treatment"].clinic
    clinic.phone = "0100 999999"
    clinic.save()

    after = bundle(api)
    assert after["version"] != before
    assert after["treatments"][0]["clinic"]["phone"] == "0100 999999"


# Deltas ------------------------------------------------------------------------------------


def test_a_delta_holds_only_the_changed_item(api, clinical, condition_index):
    ConditionPageFactory(parent=condition_index, slug="unrelated")
    old = bundle(api)

    edit(
        clinical["treatment"],
        serious_risks=[
            {
                "type": "risk",
                "value": {"name": "Nerve damage", "description": "Rare; usually recovers."},
            }
        ],
    )
    delta = bundle(api, since=old["version"])

    assert set(delta) == ENVELOPE
    assert delta["full"] is False
    assert delta["since"] == old["version"]
    assert delta["version"] != old["version"]
    assert [item["slug"] for item in delta["treatments"]] == ["nerve-block"]
    assert delta["treatments"][0]["risks"] == [
        {"name": "Nerve damage", "description": "Rare; usually recovers.", **NO_FREQUENCY}
    ]
    assert delta["conditions"] == []
    assert delta["removed"] == {"treatments": [], "conditions": []}


def test_a_change_shown_by_other_items_changes_them_too(api, clinical):
    old = bundle(api)

    edit(clinical["treatment"], summary="A new summary.")
    delta = bundle(api, since=old["version"])

    # A condition lists its treatments' summaries.
    assert [item["slug"] for item in delta["treatments"]] == ["nerve-block"]
    assert [item["slug"] for item in delta["conditions"]] == ["complex-regional-pain-syndrome"]
    assert delta["conditions"][0]["treatments"][0]["summary"] == "A new summary."


def test_an_unpublished_page_is_listed_as_removed(api, clinical):
    old = bundle(api)
    condition = clinical["condition"]

    condition.unpublish()
    delta = bundle(api, since=old["version"])

    assert delta["full"] is False
    assert delta["removed"] == {"treatments": [], "conditions": [condition.pk]}
    assert delta["conditions"] == []
    # The treatment no longer links to it.
    [treatment] = delta["treatments"]
    assert treatment["conditions"] == []


def test_a_new_page_is_in_the_delta(api, clinical, condition_index):
    old = bundle(api)

    added = ConditionPageFactory(parent=condition_index, slug="added")
    delta = bundle(api, since=old["version"])

    assert [item["id"] for item in delta["conditions"]] == [added.pk]
    assert delta["treatments"] == []


def test_since_the_current_version_is_an_empty_delta(api, clinical):
    current = bundle(api)

    delta = bundle(api, since=current["version"])

    assert delta["full"] is False
    assert delta["version"] == current["version"]
    assert delta["treatments"] == delta["conditions"] == []
    assert delta["removed"] == {"treatments": [], "conditions": []}


def test_an_unknown_version_gets_the_full_bundle(api, clinical):
    full = bundle(api)
    unknown = "0" * 64

    answer = bundle(api, since=unknown)

    assert answer["full"] is True
    assert answer["since"] == unknown
    assert without_times({**answer, "since": None}) == without_times(full)


def test_a_version_older_than_the_maximum_offline_age_gets_the_full_bundle(api, clinical):
    old = bundle(api)
    edit(clinical["treatment"], summary="A new summary.")  # the old version stops being served

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, hours=2)):
        answer = bundle(api, since=old["version"])

    assert answer["full"] is True
    assert len(answer["treatments"]) == len(answer["conditions"]) == 1


def test_another_sites_version_is_unknown_here(api, clinical):
    site = other_site()
    ConditionPageFactory(parent=site["conditions"], slug="elsewhere")
    theirs = api.get(BUNDLE, HTTP_HOST="127.0.0.1").json()
    assert [item["slug"] for item in theirs["conditions"]] == ["elsewhere"]

    answer = bundle(api, since=theirs["version"])

    assert answer["full"] is True


def test_old_versions_are_pruned(api, clinical, settings):
    first = bundle(api)["version"]
    for number in range(3):
        edit(clinical["treatment"], summary=f"Summary {number}.")
        bundle(api)
    last_before = bundle(api)["version"]
    assert KioskBundleSnapshot.objects.filter(version=first).exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        edit(clinical["treatment"], summary="Much later.")
        latest = bundle(api)["version"]

    # Versions superseded more than the maximum offline age ago are gone; the one served until
    # the edit stays, as a kiosk may have fetched it just before.
    remaining = set(KioskBundleSnapshot.objects.values_list("version", flat=True))
    assert remaining == {last_before, latest}


def test_at_most_the_newest_versions_are_kept(api, clinical, monkeypatch):
    monkeypatch.setattr("api.kiosk.KEEP_VERSIONS", 2)
    versions = [bundle(api)["version"]]
    for number in range(2):
        edit(clinical["treatment"], summary=f"Summary {number}.")
        versions.append(bundle(api)["version"])

    assert set(KioskBundleSnapshot.objects.values_list("version", flat=True)) == set(versions[1:])
    assert bundle(api, since=versions[0])["full"] is True
    assert bundle(api, since=versions[1])["full"] is False


# Expiry ------------------------------------------------------------------------------------


def test_the_bundle_and_its_items_expire_after_the_maximum_offline_age(api, clinical, settings):
    moment = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    with time_machine.travel(moment, tick=False):
        body = bundle(api)
        settings.KIOSK_MAX_OFFLINE_AGE = datetime.timedelta(days=2)
        shorter = bundle(api)

    assert parse_time(body["generated_at"]) == moment
    assert parse_time(body["expires_at"]) == moment + datetime.timedelta(days=7)
    assert parse_time(shorter["expires_at"]) == moment + datetime.timedelta(days=2)
    for answer in (body, shorter):
        for item in answer["treatments"] + answer["conditions"]:
            assert item["expires_at"] == answer["expires_at"]
    # The expiry is not content: the version stays.
    assert shorter["version"] == body["version"]


def test_an_item_expires_with_its_page_when_that_comes_first(api, clinical):
    """A page scheduled to expire leaves a kiosk that stays offline at that moment, not when
    the bundle ends; setting the expiry is a new version, so online kiosks take it too."""
    before = bundle(api)
    soon = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    type(clinical["treatment"]).objects.filter(pk=clinical["treatment"].pk).update(expire_at=soon)

    after = bundle(api)

    item = by_slug(after["treatments"])[clinical["treatment"].slug]
    assert parse_time(item["expires_at"]) == soon < parse_time(after["expires_at"])
    assert (
        by_slug(after["conditions"])[clinical["condition"].slug]["expires_at"]
        == (after["expires_at"])
    )
    assert after["version"] != before["version"]
    delta = bundle(api, since=before["version"])
    assert [item["slug"] for item in delta["treatments"]] == [clinical["treatment"].slug]
    with time_machine.travel(soon + datetime.timedelta(seconds=1)):
        assert clinical["treatment"].slug not in by_slug(bundle(api)["treatments"])


# Withdrawal of overdue pages ---------------------------------------------------------------


@pytest.fixture
def due_soon(condition_index):
    """A signed condition whose next review is due in three days."""
    page = ConditionPageFactory(parent=condition_index, slug="due-soon", live=False)
    revision = page.save_revision()
    sign(revision, next_review_due=timezone.localdate() + datetime.timedelta(days=3))
    revision.publish()
    return type(page).objects.get(pk=page.pk)


def test_overdue_pages_stay_unless_withdrawal_is_on(api, clinical, due_soon, settings):
    later = timezone.now() + datetime.timedelta(days=5)

    settings.KIOSK_WITHDRAW_OVERDUE = False
    with time_machine.travel(later):
        item = by_slug(bundle(api)["conditions"])["due-soon"]
    assert item["review"]["status"] == "overdue"


def test_overdue_pages_are_withdrawn_when_the_setting_is_on(api, clinical, due_soon, settings):
    settings.KIOSK_WITHDRAW_OVERDUE = True
    due = timezone.localdate() + datetime.timedelta(days=3)
    before = bundle(api)

    item = by_slug(before["conditions"])["due-soon"]
    assert item["review"]["status"] == "due_soon"
    # A kiosk that stays offline must withdraw it when it falls overdue, before the bundle ends.
    overdue_from = timezone.make_aware(
        datetime.datetime.combine(due + datetime.timedelta(days=1), datetime.time.min)
    )
    assert parse_time(item["expires_at"]) == overdue_from
    assert parse_time(item["expires_at"]) < parse_time(before["expires_at"])
    assert by_slug(before["treatments"])["nerve-block"]["expires_at"] == before["expires_at"]

    with time_machine.travel(timezone.now() + datetime.timedelta(days=5)):
        after = bundle(api)
        delta = bundle(api, since=before["version"])

    assert "due-soon" not in by_slug(after["conditions"])
    assert "complex-regional-pain-syndrome" in by_slug(after["conditions"])
    assert delta["full"] is False
    assert delta["removed"] == {"treatments": [], "conditions": [due_soon.pk]}


# What never appears ------------------------------------------------------------------------


def test_drafts_unsigned_private_and_other_sites_pages_never_appear(
    api, clinical, treatment_index, condition_index
):
    TreatmentPageFactory(parent=treatment_index, slug="draft-treatment", live=False)
    publish_unsigned(TreatmentPageFactory(parent=treatment_index, slug="published-unsigned"))
    rewrite_row_unsigned(ConditionPageFactory(parent=condition_index, slug="rewritten-by-sql"))
    make_private(TreatmentPageFactory(parent=treatment_index, slug="private-treatment"))
    elsewhere = other_site()
    TreatmentPageFactory(parent=elsewhere["treatments"], slug="other-sites-treatment")
    # A treatment linking to the unsigned ones, and with an unsigned disclaimer.
    TreatmentPageFactory(
        parent=treatment_index,
        slug="with-draft-disclaimer",
        disclaimer=DisclaimerFactory(live=False, text=f"<p>{UNSIGNED} disclaimer.</p>"),
        condition_links=[TreatmentCondition(condition=clinical["draft"])],
    )

    response = api.get(BUNDLE)
    body = response.json()

    assert set(by_slug(body["treatments"])) == {"nerve-block", "with-draft-disclaimer"}
    assert set(by_slug(body["conditions"])) == {"complex-regional-pain-syndrome"}
    linked = by_slug(body["treatments"])["with-draft-disclaimer"]
    assert linked["disclaimer"] is None
    assert linked["conditions"] == []
    assert UNSIGNED.encode() not in response.content
    assert b"Draft condition" not in response.content


def test_a_disclaimer_edited_without_sign_off_leaves_the_bundle(api, clinical):
    disclaimer = clinical["treatment"].disclaimer
    type(disclaimer).objects.filter(pk=disclaimer.pk).update(
        text=f"<p>{UNSIGNED}</p>", content_digest="0" * 64
    )

    # A raw write renders nothing again: the bundle still shows the signed text...
    response = api.get(BUNDLE)
    assert response.json()["treatments"][0]["disclaimer"]["text"].startswith("<p>General")
    assert UNSIGNED.encode() not in response.content
    # ... until the documents are rendered again, which leaves the unsigned disclaimer out.
    call_command("rebuild_documents", stdout=io.StringIO())
    response = api.get(BUNDLE)
    assert response.json()["treatments"][0]["disclaimer"] is None
    assert UNSIGNED.encode() not in response.content


def test_a_site_without_content_has_an_empty_bundle(api, home_page):
    body = bundle(api)

    assert body["treatments"] == body["conditions"] == []
    assert body["full"] is True


# Queries -----------------------------------------------------------------------------------

# The site's kiosk documents, then the versions asked for and served (one query for both).
QUERIES = 2


def _grow(treatment_index, condition_index, clinic, disclaimer, count: int) -> None:
    """Signed treatment/condition pairs, each with its own image, linked to each other, the
    treatment's benefit linking to the condition in its text, until there are ``count``."""
    missing = count - TreatmentPage.objects.live().count()
    conditions = signed_in_bulk(
        ConditionPageFactory,
        condition_index,
        missing,
        title=factory.Sequence(lambda n: f"Bulk condition {n}"),
        each=lambda _: {
            "image": ImageFactory(file__width=60, file__height=40),
            "image_alt_text": "A test picture.",
        },
    )
    signed_in_bulk(
        TreatmentPageFactory,
        treatment_index,
        missing,
        title=factory.Sequence(lambda n: f"Bulk treatment {n}"),
        clinic=clinic,
        disclaimer=disclaimer,
        each=lambda index: {
            "image": ImageFactory(file__width=60, file__height=40),
            "image_alt_text": "A test picture.",
            "benefits__0__benefit__explanation": RichText(
                f'<p><a linktype="page" id="{conditions[index].pk}">Linked</a>.</p>'
            ),
            "condition_links": [TreatmentCondition(condition=conditions[index])],
        },
    )


def test_the_bundle_runs_a_constant_number_of_queries(api, treatment_index, condition_index):
    clinic = ClinicFactory()
    disclaimer = DisclaimerFactory()
    counts = []
    empty = bundle(api)["version"]  # a version to ask for changes since
    for size in (3, 30):
        _grow(treatment_index, condition_index, clinic, disclaimer, size)
        warm = bundle(api)  # remembers the new version: the one write
        for params in ({}, {"since": empty}):
            with CaptureQueriesContext(connection) as captured:
                body = bundle(api, **params)
            queries = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
            assert len(queries) == QUERIES, queries
            counts.append(len(queries))
        assert len(warm["treatments"]) == len(warm["conditions"]) == size
        for item in warm["treatments"]:
            assert item["image"] is not None
            assert item["disclaimer"] is not None
            assert item["benefits"][0]["explanation"].startswith('<p><a href="http')
            assert len(item["conditions"]) == 1
        assert body["full"] is False
        assert len(body["treatments"]) == size
    assert counts[0] == counts[2] and counts[1] == counts[3], counts


def test_a_rendition_is_made_when_the_document_is_rendered_not_when_read(api, clinical):
    from wagtail.images.models import Rendition

    assert Rendition.objects.filter(filter_spec="max-1200x800").count() == 1
    with CaptureQueriesContext(connection) as read:
        item = bundle(api)["treatments"][0]

    assert "max-1200x800" in item["image"]["url"]
    assert not [q for q in read.captured_queries if "wagtailimages" in q["sql"]]


# Bad requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter", "kind"),
    [
        ("since=abc", "since", "invalid-parameter"),
        ("since=" + "A" * 64, "since", "invalid-parameter"),
        ("since=" + "0" * 65, "since", "invalid-parameter"),
        ("since=", "since", "invalid-parameter"),
        (f"since={'0' * 64}&since={'1' * 64}", "since", "invalid-parameter"),
        ("version=1", "version", "unknown-parameter"),
    ],
)
def test_a_bad_query_is_a_400_problem(api, home_page, query, parameter, kind):
    response = api.get(f"{BUNDLE}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["parameter"] == parameter
    assert problem["type"].endswith(kind)


def test_an_unknown_host_without_a_site_is_a_404(api, db):
    from wagtail.models import Site

    Site.objects.all().delete()

    response = api.get(BUNDLE)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def _built(site, version: str, digests: dict | None):
    from api.kiosk import Bundle

    return Bundle(site, [], version, digests)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_site_deleted_while_its_bundle_is_built_is_not_a_server_error(home_page):
    """The snapshot's foreign key to the site fails when its write commits; a bundle request
    that raced a site's deletion answers what it read instead of a 500."""
    from wagtail.models import Site

    from api.kiosk import previous_digests

    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).delete()  # another process, in between

    previous_digests(_built(site, "v1", {"treatment:1": "x"}), None, timezone.now())

    assert not KioskBundleSnapshot.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_snapshot_write_that_fails_for_a_live_site_is_still_an_error(home_page):
    from django.db import IntegrityError
    from wagtail.models import Site

    from api.kiosk import previous_digests

    site = Site.objects.get(is_default_site=True)
    previous_digests(_built(site, "v1", {"treatment:1": "x"}), None, timezone.now())
    with pytest.raises(IntegrityError):  # items is NOT NULL
        previous_digests(_built(site, "v2", None), None, timezone.now())
    assert list(KioskBundleSnapshot.objects.values_list("version", flat=True)) == ["v1"]
