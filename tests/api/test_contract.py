"""The shape of every endpoint, checked field by field and against the published schema."""

from __future__ import annotations

import datetime
import io
import json

import factory
import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from content_models.models import TreatmentCondition
from delivery.stale import stale_documents
from delivery.sync import sync
from tests.factories import ConditionPageFactory, TreatmentPageFactory

from .builders import NO_FREQUENCY, signed_in_bulk

pytestmark = pytest.mark.django_db

TREATMENTS = "/api/v1/treatments/"
TREATMENT = "/api/v1/treatments/{slug}/"
CONDITIONS = "/api/v1/conditions/"
CONDITION = "/api/v1/conditions/{slug}/"
SEARCH = "/api/v1/search/"
PAGES = "/api/v1/pages/"
SITE = "http://localhost"  # the default site's root URL (fixtures: hostname localhost)


def get(api, openapi, template: str, url: str | None = None, **params):
    response = api.get(url or template, params)
    openapi.validate(template, response)
    return response


# Lists -------------------------------------------------------------------------------------


def test_treatment_list_items_embed_their_signed_conditions(api, openapi, clinical):
    body = get(api, openapi, TREATMENTS).json()

    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None
    [item] = body["results"]
    treatment, condition = clinical["treatment"], clinical["condition"]
    assert item == {
        "type": "treatment",
        "id": treatment.pk,
        "slug": "nerve-block",
        "title": "Nerve block",
        "url": f"{SITE}/treatments/nerve-block/",
        "summary": "An injection near a nerve.",
        "last_updated": item["last_updated"],
        "review": {
            "status": "current",
            "last_reviewed": datetime.date.today().isoformat(),
            "next_review_due": item["review"]["next_review_due"],
            "translation_status": None,
        },
        "conditions": [
            {
                "id": condition.pk,
                "slug": "complex-regional-pain-syndrome",
                "title": "Complex regional pain syndrome",
                "url": f"{SITE}/conditions/complex-regional-pain-syndrome/",
            }
        ],
        "locale": "en",
        "translations": [],
    }
    assert datetime.datetime.fromisoformat(item["last_updated"]) == treatment.last_published_at


def test_condition_list_items_embed_their_signed_treatments(api, openapi, clinical):
    body = get(api, openapi, CONDITIONS).json()

    # The draft condition is not listed; the signed one lists the treatment that names it.
    assert [item["slug"] for item in body["results"]] == ["complex-regional-pain-syndrome"]
    assert body["results"][0]["type"] == "condition"
    assert body["results"][0]["treatments"] == [
        {
            "id": clinical["treatment"].pk,
            "slug": "nerve-block",
            "title": "Nerve block",
            "url": f"{SITE}/treatments/nerve-block/",
        }
    ]


def test_embedded_links_keep_their_order_lists_and_details_alike(
    api, treatment_index, condition_index
):
    """A treatment lists its conditions in the editor's order; a condition lists its treatments
    by title (then id), whatever order they were made or linked in."""
    later, earlier = (
        ConditionPageFactory(parent=condition_index, title=title, slug=slug)
        for title, slug in (("Zoster pain", "zoster-pain"), ("Arm pain", "arm-pain"))
    )
    for title, slug in (("Zinc therapy", "zinc-therapy"), ("Acupuncture", "acupuncture")):
        TreatmentPageFactory(
            parent=treatment_index,
            title=title,
            slug=slug,
            condition_links=[
                TreatmentCondition(condition=later, note=f"{title} first."),
                TreatmentCondition(condition=earlier, note=f"{title} second."),
            ],
        )

    def slugs(items):
        return [item["slug"] for item in items]

    treatments = api.get("/api/v1/treatments/").json()["results"]
    conditions = api.get("/api/v1/conditions/").json()["results"]
    assert [slugs(item["conditions"]) for item in treatments] == [["zoster-pain", "arm-pain"]] * 2
    assert [slugs(item["treatments"]) for item in conditions] == [
        ["acupuncture", "zinc-therapy"]
    ] * 2
    detail = api.get("/api/v1/conditions/zoster-pain/").json()
    assert slugs(detail["treatments"]) == ["acupuncture", "zinc-therapy"]
    assert [item["note"] for item in detail["treatments"]] == [
        "Acupuncture first.",
        "Zinc therapy first.",
    ]
    detail = api.get("/api/v1/treatments/zinc-therapy/").json()
    assert slugs(detail["conditions"]) == ["zoster-pain", "arm-pain"]


@pytest.fixture
def five_conditions(condition_index):
    """Five signed conditions, published one day apart in reverse title order."""
    pages = signed_in_bulk(
        ConditionPageFactory, condition_index, 5, title=factory.Sequence(lambda n: f"Item {n:03}")
    )
    start = timezone.now() - datetime.timedelta(days=10)
    for days, page in enumerate(reversed(pages)):
        type(page).objects.filter(pk=page.pk).update(
            last_published_at=start + datetime.timedelta(days=days)
        )
    sync(pages)  # a raw write renders its documents again, as an import script must
    return pages


def test_pages_of_results_link_to_each_other(api, openapi, five_conditions):
    first = get(api, openapi, CONDITIONS, page_size=2).json()
    second = api.get(first["next"]).json()
    last = api.get(second["next"]).json()

    assert first["count"] == second["count"] == last["count"] == 5
    assert first["previous"] is None
    assert second["previous"].endswith("/api/v1/conditions/?page_size=2")
    assert last["next"] is None
    titles = [item["title"] for page in (first, second, last) for item in page["results"]]
    assert titles == sorted(titles)
    assert len(set(titles)) == 5


def test_lists_order_by_title_or_last_update(api, openapi, five_conditions):
    for ordering, key, reverse in [
        ("title", "title", False),
        ("-title", "title", True),
        ("last_updated", "last_updated", False),
        ("-last_updated", "last_updated", True),
    ]:
        results = get(api, openapi, CONDITIONS, ordering=ordering).json()["results"]

        values = [item[key] for item in results]
        assert values == sorted(values, reverse=reverse), ordering
        assert len(set(values)) == 5
    by_title = [item["id"] for item in get(api, openapi, CONDITIONS).json()["results"]]
    by_update = [
        item["id"]
        for item in get(api, openapi, CONDITIONS, ordering="last_updated").json()["results"]
    ]
    assert by_title == list(reversed(by_update))  # the fixture published them that way


def test_treatments_filter_by_condition_and_route(api, openapi, clinical, treatment_index):
    TreatmentPageFactory(parent=treatment_index, title="Unrelated", slug="unrelated")

    by_condition = get(api, openapi, TREATMENTS, condition="complex-regional-pain-syndrome")
    by_route = get(api, openapi, TREATMENTS, route="injection")
    everything = get(api, openapi, TREATMENTS)

    assert [item["slug"] for item in by_condition.json()["results"]] == ["nerve-block"]
    assert [item["slug"] for item in by_route.json()["results"]] == ["nerve-block"]
    assert everything.json()["count"] == 2


def test_conditions_filter_by_treatment(api, openapi, clinical, condition_index):
    ConditionPageFactory(parent=condition_index, title="Unrelated", slug="unrelated")

    body = get(api, openapi, CONDITIONS, treatment="nerve-block").json()

    assert [item["slug"] for item in body["results"]] == ["complex-regional-pain-syndrome"]


def test_review_status_follows_the_calendar_and_filters_lists(
    api, openapi, five_conditions, time_machine
):
    due = datetime.date.fromisoformat(
        api.get(CONDITIONS).json()["results"][0]["review"]["next_review_due"]
    )

    def statuses(**params):
        results = get(api, openapi, CONDITIONS, **params).json()["results"]
        return {item["review"]["status"] for item in results}, len(results)

    assert statuses() == ({"current"}, 5)
    assert statuses(review_status="current") == ({"current"}, 5)
    assert statuses(review_status="overdue") == (set(), 0)

    time_machine.move_to(due - datetime.timedelta(days=10))
    assert statuses() == ({"due_soon"}, 5)
    assert statuses(review_status="due_soon") == ({"due_soon"}, 5)
    assert statuses(review_status="current") == (set(), 0)

    time_machine.move_to(due + datetime.timedelta(days=1))
    assert statuses(review_status="overdue") == ({"overdue"}, 5)


# Details -----------------------------------------------------------------------------------


def test_treatment_detail_structures_every_section(api, openapi, clinical):
    treatment, condition = clinical["treatment"], clinical["condition"]
    path = TREATMENT.format(slug="nerve-block")

    data = get(api, openapi, TREATMENT, path).json()

    assert data["type"] == "treatment"
    assert data["id"] == treatment.pk
    assert data["routes"] == [
        {
            "slug": "injection",
            "name": "Injection",
            "kind": "procedure",
            "kind_label": "Procedure",
            "description": "",
        }
    ]
    assert data["conditions"] == [
        {
            "id": condition.pk,
            "slug": "complex-regional-pain-syndrome",
            "title": "Complex regional pain syndrome",
            "url": f"{SITE}/conditions/complex-regional-pain-syndrome/",
            "summary": "A chronic pain condition often affecting a limb.",
            "regulatory_status": "licensed",
            "regulatory_status_label": "Licensed for this use",
            "guideline_stance": "may_be_considered",
            "guideline_stance_label": "May be considered",
            "guideline": "Test guideline TG1, 2024",
            "guideline_url": "https://guidelines.example/tg1",
            "note": "Moderate evidence.",
        }
    ]
    [benefit] = data["benefits"]
    assert benefit["headline"] == "Short-term relief"
    assert benefit["explanation"] == {
        "html": "<p>It may help some people.</p>",
        "text": "It may help some people.",
    }
    [reference] = benefit["references"]
    assert reference["title"] == "A trial of nerve blocks"
    assert reference["doi_url"] == "https://doi.org/10.1000/nerve.1"
    assert reference["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/31082965/"
    assert reference["best_url"] == "https://doi.org/10.1000/nerve.1"
    assert reference["evidence_level"] == "systematic_review"
    assert reference["evidence_level_label"] == "Systematic review or meta-analysis"
    assert reference["year"] == 2020
    assert [step["title"] for step in data["steps"]] == ["Assessment", "The injection"]
    assert data["steps"][1]["typical_duration"] == "about 20 minutes"
    assert data["steps"][1]["timing_text"] == "Takes about 20 minutes."
    assert data["course"] == {
        "session_length": "about an hour",
        "initial_sessions": "one",
        "maintenance": "none",
    }
    assert [risk["name"] for risk in data["risks"]["common"]] == ["Bruising"]
    assert data["risks"]["serious"] == [
        {"name": "Nerve damage", "description": "Rare.", **NO_FREQUENCY}
    ]
    assert data["eligibility"] == {
        "suitable_for": [{"criterion": "Adults with nerve pain", "detail": ""}],
        "not_suitable_for": [{"criterion": "People on blood thinners", "detail": "Bleeding risk."}],
    }
    assert data["faqs"][0]["question"] == "Does it hurt?"
    assert data["faqs"][0]["answer"]["text"] == "An answer."
    assert data["references"][0]["best_url"] == "https://example.org/guideline"
    assert data["call_to_action"] == "Ask us about nerve blocks"
    assert data["clinic"]["name"] == "Test Clinic"
    assert data["clinic"]["phone"] == "0100 000000"
    assert data["disclaimer"] == {
        "text": {
            "html": "<p>General information, not medical advice.</p>",
            "text": "General information, not medical advice.",
        },
        "locale": "en",
    }
    review = data["review"]
    assert review["status"] == "current"
    assert review["last_reviewed"] == datetime.date.today().isoformat()
    assert review["reviewed_by"] == {"name": "Dr Factory", "credentials": "MB BS"}
    readability = review["readability"]
    assert 0 < readability["reading_age"] == pytest.approx(readability["grade"] + 5)
    assert readability["flesch_reading_ease"] <= 121


def _set_recorded_readability(signoff, value) -> None:
    """Sign-offs are append-only, in the ORM and in the database: to stand for a record made
    before readability was kept, the test (as the database superuser) skips triggers for one
    UPDATE in its transaction, and renders the documents again, as ``rebuild_documents`` does."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE review_clinicalsignoff SET readability = %s WHERE id = %s",
            [None if value is None else json.dumps(value), signoff.pk],
        )
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    call_command("rebuild_documents", stdout=io.StringIO())


def test_a_signoff_records_readability_and_the_detail_serves_that_record(api, openapi, clinical):
    from claims.readability import record_of
    from content_models.models import TreatmentPage
    from review.models import ClinicalSignoff

    treatment = TreatmentPage.objects.get(pk=clinical["treatment"].pk)
    signoff = ClinicalSignoff.objects.filter(object_id=str(treatment.pk)).first()
    assert signoff.readability == record_of(treatment)
    assert signoff.readability["words"] > 0
    url = TREATMENT.format(slug="nerve-block")
    served = get(api, openapi, TREATMENT, url).json()["review"]["readability"]
    assert served == {name: signoff.readability[name] for name in served}

    # Served from the record, not scored again: a record the text would not give shows.
    _set_recorded_readability(
        signoff, {"words": 9, "flesch_reading_ease": 1.5, "grade": 20.0, "reading_age": 25.0}
    )
    served = get(api, openapi, TREATMENT, url).json()["review"]["readability"]
    assert served == {"flesch_reading_ease": 1.5, "grade": 20.0, "reading_age": 25.0}

    # A sign-off recorded before readability was kept: scored when served.
    _set_recorded_readability(signoff, None)
    served = get(api, openapi, TREATMENT, url).json()["review"]["readability"]
    fresh = record_of(treatment)
    assert served == {name: fresh[name] for name in served}

    # Recorded content with no text to score: null, as before.
    _set_recorded_readability(
        signoff, {"words": 0, "flesch_reading_ease": 100.0, "grade": 0.0, "reading_age": 5.0}
    )
    assert get(api, openapi, TREATMENT, url).json()["review"]["readability"] is None


def test_rich_text_is_sanitised_with_links_resolved_and_has_plain_text(api, openapi, clinical):
    data = get(api, openapi, TREATMENT, TREATMENT.format(slug="nerve-block")).json()

    what_it_is = data["what_it_is"]
    assert what_it_is["html"] == (
        f'<p>An injection for <a href="{SITE}/conditions/complex-regional-pain-syndrome/">CRPS'
        '</a> and other pain; see <a href="https://www.nhs.uk/">the NHS</a>.</p>'
        "<p>Safe <b>text</b>.</p>"
    )
    assert what_it_is["text"] == "An injection for CRPS and other pain; see the NHS.\nSafe text."
    assert data["how_it_works"] == {
        "html": "<h3>In the nerve</h3><ul><li>Local anaesthetic</li><li>Steroid</li></ul>",
        "text": "In the nerve\nLocal anaesthetic\nSteroid",
    }


def test_links_follow_the_frontend_base_url(api, openapi, clinical, settings):
    settings.FRONTEND_BASE_URL = "https://clinic.example/"
    # Documents keep the URL settings they were rendered with: stale until rendered again.
    assert stale_documents().exists()
    call_command("rebuild_documents", "--stale", stdout=io.StringIO())
    assert not stale_documents().exists()

    data = get(api, openapi, TREATMENT, TREATMENT.format(slug="nerve-block")).json()

    assert data["url"] == "https://clinic.example/treatments/nerve-block/"
    assert data["conditions"][0]["url"] == (
        "https://clinic.example/conditions/complex-regional-pain-syndrome/"
    )
    assert 'href="https://clinic.example/conditions/complex-regional' in data["what_it_is"]["html"]
    assert data["jsonld"]["url"] == "https://clinic.example/treatments/nerve-block/"


def test_images_are_renditions_with_size_and_alt_text(api, openapi, clinical):
    image = get(api, openapi, TREATMENT, TREATMENT.format(slug="nerve-block")).json()["image"]

    original = clinical["image"].file.url
    assert image["alt"] == "A treatment room with a reclining chair."
    assert (image["width"], image["height"]) == (800, 600)
    assert image["url"].startswith(f"{SITE}/")  # the site's root URL, never the request's
    assert "width-800" in image["url"]
    assert [(size["width"], size["height"]) for size in image["srcset"]] == [
        (400, 300),
        (800, 600),
        (1200, 900),  # width-1600 never enlarges the 1200-pixel original
    ]
    assert all(not size["url"].endswith(original) for size in [image, *image["srcset"]])


def test_condition_detail_has_codes_synonyms_symptoms_and_treatments(api, openapi, clinical):
    data = get(api, openapi, CONDITION, CONDITION.format(slug="complex-regional-pain-syndrome"))
    data = data.json()

    assert data["type"] == "condition"
    assert data["description"]["text"] == "Pain that lasts after an injury has healed."
    assert data["symptoms"] == [{"name": "Burning pain", "description": "Often in a hand or foot."}]
    assert data["synonyms"] == ["CRPS"]
    assert data["codes"] == [
        {"system": "ICD-10", "code": "G90.5"},
        {"system": "SNOMED-CT", "code": "128200000"},
    ]
    assert data["treatments"] == [
        {
            "id": clinical["treatment"].pk,
            "slug": "nerve-block",
            "title": "Nerve block",
            "url": f"{SITE}/treatments/nerve-block/",
            "summary": "An injection near a nerve.",
            "regulatory_status": "licensed",
            "regulatory_status_label": "Licensed for this use",
            "guideline_stance": "may_be_considered",
            "guideline_stance_label": "May be considered",
            "guideline": "Test guideline TG1, 2024",
            "guideline_url": "https://guidelines.example/tg1",
            "note": "Moderate evidence.",
        }
    ]
    assert data["image"] is None
    assert data["review"]["reviewed_by"]["name"] == "Dr Factory"


def test_conditions_are_found_by_medical_code(api, openapi, clinical):
    for code in ["ICD-10:G90.5", "ICD-10:g90.5", "SNOMED-CT:128200000"]:
        body = get(api, openapi, CONDITIONS, code=code).json()

        assert [item["slug"] for item in body["results"]] == ["complex-regional-pain-syndrome"]
    # A well-formed code nobody uses finds nothing.
    body = get(api, openapi, CONDITIONS, code="ICD-11:8D8A.0").json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


# Search ------------------------------------------------------------------------------------


def test_search_ranks_hits_of_both_types_and_filters_by_type(api, openapi, demo):
    ketamine = get(api, openapi, SEARCH, q="ketamine").json()
    crps = get(api, openapi, SEARCH, q="CRPS").json()
    conditions = get(api, openapi, SEARCH, q="pain", type="condition").json()
    treatments = get(api, openapi, SEARCH, q="pain", type="treatment").json()
    nothing = get(api, openapi, SEARCH, q="zebrafish").json()

    assert ketamine["results"][0]["type"] == "treatment"
    assert ketamine["results"][0]["slug"] == "ketamine-therapy-for-chronic-pain"
    assert ketamine["results"][0]["conditions"]  # the list item of its type, links and all
    # Conditions are found by their other names.
    assert [(hit["type"], hit["slug"]) for hit in crps["results"]] == [
        ("condition", "complex-regional-pain-syndrome")
    ]
    assert conditions["count"] >= 3
    assert {hit["type"] for hit in conditions["results"]} == {"condition"}
    assert [hit["slug"] for hit in treatments["results"]] == ["ketamine-therapy-for-chronic-pain"]
    assert nothing == {"count": 0, "next": None, "previous": None, "results": []}
    # Any text is searched as words; quotes and operators are not syntax.
    for query in ["'", '"ketamine', "ketamine & | ! ( ) :*", "кетамин", "🙂", "a" * 200, "- -"]:
        assert get(api, openapi, SEARCH, q=query).status_code == 200, query
    assert get(api, openapi, SEARCH, q='"ketamine').json()["count"] == 1


# Path lookup -------------------------------------------------------------------------------


def test_path_lookup_answers_what_the_detail_endpoint_answers(api, openapi, clinical):
    by_path = get(api, openapi, PAGES, path="/treatments/nerve-block/").json()
    without_slash = get(api, openapi, PAGES, path="/treatments/nerve-block").json()
    detail = api.get(TREATMENT.format(slug="nerve-block")).json()
    home = get(api, openapi, PAGES, path="/").json()
    treatments = get(api, openapi, PAGES, path="/treatments/").json()

    assert by_path == without_slash == detail
    assert home["type"] == "home"
    assert home["url"] == f"{SITE}/"
    assert [(section["type"], section["url"]) for section in home["sections"]] == [
        ("treatment_index", f"{SITE}/treatments/"),
        ("condition_index", f"{SITE}/conditions/"),
    ]
    assert treatments["type"] == "treatment_index"
    assert treatments["listing"] == f"{SITE}/api/v1/treatments/"  # the site root, not the host


def test_path_lookup_follows_redirects_and_answers_404_otherwise(api, openapi, clinical):
    Redirect.objects.create(old_path="/nerve", redirect_page=clinical["treatment"])
    Redirect.objects.create(
        old_path="/crps", redirect_link="/conditions/complex-regional-pain-syndrome/"
    )
    Redirect.objects.create(old_path="/away", redirect_link="https://elsewhere.example/page/")

    page = get(api, openapi, PAGES, path="/nerve/").json()
    link = get(api, openapi, PAGES, path="/crps").json()
    away = get(api, openapi, PAGES, path="/away")
    nothing = get(api, openapi, PAGES, path="/treatments/no-such-thing/")

    assert (page["type"], page["url"]) == ("treatment", f"{SITE}/treatments/nerve-block/")
    assert (link["type"], link["slug"]) == ("condition", "complex-regional-pain-syndrome")
    assert away.status_code == nothing.status_code == 404


# Schema and docs ---------------------------------------------------------------------------


def test_schema_is_served_as_yaml_and_json(api):
    yaml = api.get("/api/v1/schema/")
    json = api.get("/api/v1/schema/", {"format": "json"})

    assert yaml.status_code == json.status_code == 200
    assert yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert json.json()["openapi"].startswith("3.")
    assert json.json()["info"]["title"] == "Clinical Content API"


def test_docs_are_served_from_the_project_not_a_cdn(api):
    response = api.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "/api/v1/schema/" in html
    for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs"):
        assert cdn not in html


def test_cors_allows_only_listed_origins(api, home_page, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://kiosk.example"]

    allowed = api.get(TREATMENTS, HTTP_ORIGIN="https://kiosk.example")
    other = api.get(TREATMENTS, HTTP_ORIGIN="https://evil.example")

    assert allowed["Access-Control-Allow-Origin"] == "https://kiosk.example"
    assert "Access-Control-Allow-Origin" not in other


def test_page_links_are_on_the_sites_root_url_whatever_host_was_asked(
    settings, openapi, five_conditions
):
    """Two names for one site give one body (its ETag does not vary by host)."""
    from django.test import Client
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "alias.example"]
    root = Site.objects.get(is_default_site=True).root_url
    bodies = [
        Client(HTTP_HOST=host).get(CONDITIONS, {"page_size": 2, "page": 2}).json()
        for host in ("alias.example", "testserver")
    ]

    assert bodies[0] == bodies[1]
    assert bodies[0]["next"] == f"{root}{CONDITIONS}?page=3&page_size=2"
    assert bodies[0]["previous"] == f"{root}{CONDITIONS}?page_size=2"
