"""The Wagtail editor, driven through the test client as an editor would use it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from content_models.models import (
    ConditionIndexPage,
    ConditionPage,
    HomePage,
    RouteOfAdministration,
    TreatmentIndexPage,
    TreatmentPage,
)
from content_models.models.treatments import RISKS_REQUIRED_MESSAGE
from tests.factories import (
    ConditionPageFactory,
    DisclaimerFactory,
    RouteOfAdministrationFactory,
)
from tests.workflow import approval_data, logged_in, make_reviewer, review_url

from .admin_forms import (
    condition_form_data,
    risk,
    simple_page_form_data,
    treatment_form_data,
)

pytestmark = pytest.mark.django_db


def _add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _form_errors(response) -> dict:
    form = response.context["form"]
    return {"form": form.errors, "formsets": {n: f.errors for n, f in form.formsets.items()}}


@pytest.fixture
def condition(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Back pain")


@pytest.fixture
def route(db):
    return RouteOfAdministrationFactory(name="Physical therapy", slug="physical-therapy")


def test_an_editor_creates_a_treatment_with_every_structured_section(
    editor_client, treatment_index, condition, route
):
    url = _add_url(TreatmentPage, treatment_index)
    assert editor_client.get(url).status_code == 200

    data = treatment_form_data(
        title="Exercise therapy",
        slug="exercise-therapy",
        condition_ids=[condition.pk],
        route_ids=[route.pk],
    )
    response = editor_client.post(url, data)

    assert response.status_code == 302, _form_errors(response)
    page = TreatmentPage.objects.get(slug="exercise-therapy")
    draft = page.get_latest_revision_as_object()
    assert not page.live
    assert [b.value["headline"] for b in draft.benefits] == ["Less stiffness"]
    assert draft.benefits[0].value["references"][0]["title"] == "A trial"
    assert [s.value["title"] for s in draft.steps] == ["First visit", "Treatment sessions"]
    assert draft.common_side_effects[0].value["name"].startswith("Soreness")
    assert [link.condition_id for link in draft.condition_links.all()] == [condition.pk]
    assert list(draft.routes.all()) == [route]
    assert draft.faqs[0].value["question"] == "Is it painful?"


def test_a_draft_may_be_saved_without_risks_but_not_submitted_for_review(
    editor_client, treatment_index
):
    url = _add_url(TreatmentPage, treatment_index)

    saved = editor_client.post(url, treatment_form_data(title="Draft", slug="draft", risks=False))
    assert saved.status_code == 302
    assert TreatmentPage.objects.filter(slug="draft").exists()

    submitted = editor_client.post(
        url,
        {
            **treatment_form_data(title="To review", slug="to-review", risks=False),
            "action-submit": "Submit",
        },
    )
    assert submitted.status_code == 200
    assert RISKS_REQUIRED_MESSAGE in submitted.context["form"].errors["common_side_effects"]
    assert RISKS_REQUIRED_MESSAGE in submitted.content.decode()
    assert not TreatmentPage.objects.filter(slug="to-review").exists()


def test_a_risk_with_an_error_of_its_own_is_not_called_missing(editor_client, treatment_index):
    """ "About 1 in 10" without a frequency band: that error, not "add at least one risk"."""
    submitted = editor_client.post(
        _add_url(TreatmentPage, treatment_index),
        {
            **treatment_form_data(
                title="Counted", slug="counted", common_risks=[risk("Nausea", one_in=10)]
            ),
            "action-submit": "Submit",
        },
    )

    assert submitted.status_code == 200
    errors = submitted.context["form"].errors
    assert "common_side_effects" in errors
    assert RISKS_REQUIRED_MESSAGE not in str(errors["common_side_effects"])
    assert "serious_risks" not in errors
    assert RISKS_REQUIRED_MESSAGE not in submitted.content.decode()


def test_a_treatment_without_risks_cannot_be_published(admin_client, treatment_index):
    response = admin_client.post(
        _add_url(TreatmentPage, treatment_index),
        {
            **treatment_form_data(title="No risks", slug="no-risks", risks=False),
            "action-publish": "Publish",
        },
    )

    assert response.status_code == 200
    assert RISKS_REQUIRED_MESSAGE in response.context["form"].errors["serious_risks"]
    assert not TreatmentPage.objects.filter(slug="no-risks").exists()


def test_a_malformed_doi_is_shown_in_the_form_and_nothing_is_saved(editor_client, treatment_index):
    response = editor_client.post(
        _add_url(TreatmentPage, treatment_index),
        treatment_form_data(title="Bad", slug="bad", reference_fields={"doi": "not-a-doi"}),
    )

    assert response.status_code == 200
    assert "benefits" in response.context["form"].errors
    assert not TreatmentPage.objects.filter(slug="bad").exists()


def test_an_editor_creates_a_condition_with_codes_and_other_names(editor_client, condition_index):
    response = editor_client.post(
        _add_url(ConditionPage, condition_index),
        condition_form_data(title="Sciatica", slug="sciatica"),
    )

    assert response.status_code == 302, _form_errors(response)
    page = ConditionPage.objects.get(slug="sciatica").get_latest_revision_as_object()
    assert [str(code) for code in page.codes.all()] == ["ICD-10:G90.5"]
    assert [synonym.name for synonym in page.synonyms.all()] == ["Another name"]
    assert page.symptoms[0].value["name"] == "Aching"


def test_a_malformed_code_is_shown_in_the_condition_form(editor_client, condition_index):
    response = editor_client.post(
        _add_url(ConditionPage, condition_index),
        condition_form_data(title="Sciatica", slug="sciatica", code="not a code"),
    )

    assert response.status_code == 200
    assert "ICD-10 code is" in response.content.decode()
    assert not ConditionPage.objects.filter(slug="sciatica").exists()


@pytest.mark.parametrize(
    ("model", "parent_fixture"),
    [(TreatmentIndexPage, "home_page"), (ConditionIndexPage, "home_page"), (HomePage, None)],
)
def test_an_editor_creates_structure_pages(
    request, editor_client, home_page, model, parent_fixture
):
    if parent_fixture is None:
        home_page.delete()  # a site may have one home page per tree root
        parent = Page.get_first_root_node()
    else:
        parent = request.getfixturevalue(parent_fixture)

    response = editor_client.post(
        _add_url(model, parent), simple_page_form_data(title="New", slug="new")
    )

    assert response.status_code == 302, _form_errors(response)
    assert model.objects.child_of(parent).filter(slug="new").exists()


def test_an_editor_edits_a_treatment(editor_client, treatment_index, condition, route):
    editor_client.post(
        _add_url(TreatmentPage, treatment_index),
        treatment_form_data(title="Exercise", slug="exercise", condition_ids=[condition.pk]),
    )
    page = TreatmentPage.objects.get(slug="exercise")
    assert editor_client.get(_edit_url(page)).status_code == 200

    link = page.condition_links.get()
    data = treatment_form_data(
        title="Exercise therapy",
        slug="exercise",
        condition_ids=[condition.pk],
        route_ids=[route.pk],
    )
    data.update(
        {
            "condition_links-INITIAL_FORMS": "1",
            "condition_links-0-id": str(link.pk),
            "condition_links-0-note": "Moderate evidence.",
        }
    )
    response = editor_client.post(_edit_url(page), data)

    assert response.status_code == 302, _form_errors(response)
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Exercise therapy"
    assert [link.note for link in latest.condition_links.all()] == ["Moderate evidence."]
    assert list(latest.routes.all()) == [route]
    assert page.revisions.count() == 2


def test_an_editor_edits_a_condition(editor_client, condition):
    assert editor_client.get(_edit_url(condition)).status_code == 200

    response = editor_client.post(
        _edit_url(condition), condition_form_data(title="Lower back pain", slug=condition.slug)
    )

    assert response.status_code == 302, _form_errors(response)
    condition.refresh_from_db()
    assert condition.get_latest_revision_as_object().title == "Lower back pain"


@pytest.mark.parametrize("fixture", ["home_page", "treatment_index", "condition_index"])
def test_an_editor_edits_structure_pages(request, editor_client, fixture):
    page = request.getfixturevalue(fixture)
    assert editor_client.get(_edit_url(page)).status_code == 200

    response = editor_client.post(
        _edit_url(page), simple_page_form_data(title="Renamed", slug=page.slug)
    )

    assert response.status_code == 302, _form_errors(response)
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Renamed"


def test_a_second_different_treatment_needs_no_code_change(
    client, admin_client, editor_client, treatment_index, condition
):
    """An admin extends the route vocabulary; an editor writes a different treatment with it;
    once published it is served like the first."""
    response = admin_client.post(
        reverse("wagtailsnippets_content_models_routeofadministration:add"),
        {
            "name": "Topical",
            "slug": "topical",
            "kind": "medicine",
            "description": "Applied to the skin.",
        },
    )
    assert response.status_code == 302
    topical = RouteOfAdministration.objects.get(slug="topical")

    editor_client.post(
        _add_url(TreatmentPage, treatment_index),
        {
            **treatment_form_data(
                title="Capsaicin cream",
                slug="capsaicin-cream",
                condition_ids=[condition.pk],
                route_ids=[topical.pk],
            ),
            "action-submit": "Submit",
        },
    )
    page = TreatmentPage.objects.get(slug="capsaicin-cream")
    reviewer = make_reviewer("reviewer")
    assert logged_in(reviewer).post(review_url(page), approval_data(reviewer)).status_code == 302

    public = client.get("/treatments/capsaicin-cream/")
    assert public.status_code == 200
    html = public.content.decode()
    assert "Capsaicin cream" in html and "Back pain" in html
    assert (
        '<strong>Topical</strong> <span class="way-given__kind">(how a medicine is given)' in html
    )


AUTOSAVING_FORM = re.compile(r'<form[^>]*data-controller="[^"]*\bw-autosave\b', re.S)


def test_creating_a_treatment_saves_nothing_until_the_editor_asks(editor_client, treatment_index):
    """No autosave on the create form (it left stray drafts that took the slug); editing keeps
    it."""
    create = editor_client.get(_add_url(TreatmentPage, treatment_index)).content.decode()
    assert not re.search(AUTOSAVING_FORM, create)
    assert 'id="w-autosave-indicator"' not in create  # no "Saved" marker beside a refusal

    editor_client.post(
        _add_url(TreatmentPage, treatment_index), treatment_form_data(title="Yoga", slug="yoga")
    )
    edit = editor_client.get(_edit_url(TreatmentPage.objects.get(slug="yoga"))).content.decode()
    assert re.search(AUTOSAVING_FORM, edit)


@pytest.mark.parametrize(
    "model", ["clinic", "disclaimer", "clinicianprofile", "routeofadministration"]
)
def test_creating_a_snippet_saves_nothing_until_the_editor_asks(admin_client, model):
    """Autosave created a clinic (which has no drafts) half-typed and choosable at once, and a
    disclaimer draft whose title refused the next attempt."""
    create = admin_client.get(reverse(f"wagtailsnippets_content_models_{model}:add"))

    assert create.status_code == 200
    assert not re.search(AUTOSAVING_FORM, create.content.decode())


def test_editing_a_disclaimer_keeps_autosave(admin_client):
    disclaimer = DisclaimerFactory()
    url = reverse("wagtailsnippets_content_models_disclaimer:edit", args=(disclaimer.pk,))

    assert re.search(AUTOSAVING_FORM, admin_client.get(url).content.decode())


def test_an_empty_risks_section_says_a_risk_is_required(editor_client, treatment_index):
    from content_models.models.treatments import RISKS_HELP

    html = editor_client.get(_add_url(TreatmentPage, treatment_index)).content.decode()

    assert html.count(RISKS_HELP) == 2  # under common side effects and under serious risks
