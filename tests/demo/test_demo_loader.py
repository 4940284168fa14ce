"""The demo loader: a complete, idempotent demo built only from the two source documents."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from content_models.models import (
    Clinic,
    ClinicianProfile,
    ConditionPage,
    Disclaimer,
    RouteOfAdministration,
    TreatmentPage,
)
from demo.loader import DemoLoader, load_demo_data, read_source

pytestmark = pytest.mark.django_db


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip().lower()


def _paragraphs(html: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", html)


@pytest.fixture
def demo():
    DemoLoader().run()
    return TreatmentPage.objects.get(slug=load_demo_data()["treatment"]["slug"])


def _all_references(page: TreatmentPage):
    yield from (block.value for block in page.references)
    for benefit in page.benefits:
        yield from benefit.value["references"]
    for condition in ConditionPage.objects.all():
        yield from (block.value for block in condition.references)


def test_the_live_treatment_has_every_section(demo):
    page = demo.specific
    assert page.live
    assert page.summary and page.what_it_is and page.how_it_works
    assert {route.slug for route in page.routes.all()} == {"intravenous", "oral"}
    assert len(page.benefits) == 2
    assert all(benefit.value["references"] for benefit in page.benefits)
    assert [step.value["title"] for step in page.steps][0] == "Assessment by a pain specialist"
    assert page.session_length and page.initial_sessions and page.maintenance
    assert len(page.common_side_effects) == 4
    assert len(page.serious_risks) == 4
    assert len(page.suitable_for) == 1
    assert len(page.not_suitable_for) == 6
    assert len(page.faqs) == 4
    assert len(page.references) == 4
    assert page.call_to_action
    assert page.clinic.name == "Unika Medical Centre"
    assert page.disclaimer.live
    links = list(page.condition_links.select_related("condition"))
    assert len(links) == 5
    assert all(link.note and link.condition.live for link in links)


def test_the_site_tree_has_home_indexes_and_five_live_conditions(demo):
    home = demo.get_parent().get_parent()

    assert home.get_site().root_page_id == home.pk
    assert [child.slug for child in home.get_children()] == ["treatments", "conditions"]
    assert ConditionPage.objects.live().count() == 5
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_the_history_keeps_the_article_as_written_then_the_reviewed_wording(demo):
    first, live = Revision.page_revisions.filter(object_id=str(demo.pk)).order_by("created_at")

    as_written = first.as_object()
    assert [b.value["headline"] for b in as_written.benefits] == [
        "Rapid Pain Relief",
        "Effective for Treatment-Resistant Pain",
        "Non-Addictive",
        "Neuroplasticity",
        "Minimal Side Effects",
    ]
    assert "does not suppress breathing or cause addiction" in as_written.how_it_works
    assert demo.live_revision_id == live.pk
    reviewed = live.as_object()
    assert "Non-Addictive" not in [b.value["headline"] for b in reviewed.benefits]
    assert "does not suppress breathing" not in reviewed.how_it_works


def test_the_as_written_revision_quotes_the_article_word_for_word():
    article = _normalise(read_source("article"))
    as_written = load_demo_data()["treatment"]["as_written"]

    quoted = [as_written["summary"], as_written["call_to_action"]]
    quoted += _paragraphs(as_written["what_it_is"]) + _paragraphs(as_written["how_it_works"])
    for benefit in as_written["benefits"]:
        quoted += [benefit["headline"], *_paragraphs(benefit["explanation"])]
    for step in as_written["steps"]:
        quoted += _paragraphs(step["description"])
    quoted += [link["note"] for link in as_written["conditions"] if link["note"]]

    missing = [text for text in quoted if _normalise(text) not in article]
    assert missing == []


def test_every_reference_is_one_of_the_reviewers_references(demo):
    notes = _normalise(read_source("notes"))
    references = list(_all_references(demo.specific))

    assert len(references) >= 4
    for reference in references:
        for field in ("title", "authors", "doi", "pmid", "url"):
            if reference[field]:
                assert _normalise(reference[field]) in notes, (field, reference[field])
        assert str(reference["year"]) in notes


def test_every_clinical_fact_in_the_data_file_names_its_source():
    data = load_demo_data()
    treatment = data["treatment"]
    items = [data["clinic"], data["disclaimer"], *data["routes"], *data["conditions"]]
    items += data["references"].values()
    for version in (treatment["as_written"], treatment["reviewed"]):
        for section in (
            "conditions",
            "benefits",
            "steps",
            "common_side_effects",
            "serious_risks",
            "suitable_for",
            "not_suitable_for",
            "faqs",
        ):
            items += version[section]

    unsourced = [
        item for item in items if not re.match(r"^(article|notes)\b", item.get("from", ""))
    ]
    assert unsourced == []


def test_contact_details_are_placeholders_on_example_com_and_the_rest_are_left_empty(demo):
    """The sources give no contact details: the email and booking link are placeholders on
    example.com; the phone, address and opening hours are empty (so patients see nothing in
    their place, never a note about the source), and the data file says why."""
    clinic = Clinic.objects.get()

    assert clinic.email.endswith("@example.com")
    assert urlparse(clinic.booking_url).hostname == "example.com"
    assert (clinic.phone, clinic.address, clinic.opening_hours) == ("", "", "")
    assert "placeholders on example.com" in load_demo_data()["clinic"]["from"]
    emails = get_user_model().objects.values_list("email", flat=True)
    assert all(email.endswith("@example.com") for email in emails)


def test_demo_clinicians_are_plainly_demo_accounts(demo):
    profiles = list(ClinicianProfile.objects.all())

    assert len(profiles) == 2  # the reviewer, and the one who reviews in French too
    for profile in profiles:
        for field in (profile.name, profile.credentials, profile.registration):
            assert "demo" in field.lower()
            assert not re.search(r"\d", field)


def test_loading_twice_changes_nothing(demo):
    def snapshot():
        return {
            "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
            "revisions": Revision.objects.count(),
            "log": PageLogEntry.objects.count(),
            "users": get_user_model().objects.count(),
            "profiles": ClinicianProfile.objects.count(),
            "routes": RouteOfAdministration.objects.count(),
            "clinics": Clinic.objects.count(),
            "disclaimers": Disclaimer.objects.count(),
        }

    before = snapshot()
    DemoLoader().run()

    assert snapshot() == before


def test_the_command_prints_logins_in_dev_and_refuses_production(settings, capsys):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="refused under production settings"):
        call_command("load_demo_content")
    settings.DEBUG, settings.PRODUCTION = True, True
    with pytest.raises(CommandError, match="refused under production settings"):
        call_command("load_demo_content")
    settings.PRODUCTION = False

    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as `make run`
    call_command("load_demo_content")
    output = capsys.readouterr().out
    assert "  reviewer-fr  demo-reviewer-fr-password" in output
    assert "  reviewer     demo-reviewer-password" in output
    assert TreatmentPage.objects.live().count() == 1
    # The replayed workflow's notifications are counted, not printed over the logins.
    assert "Subject:" not in output
    assert int(re.search(r"\((\d+) workflow notification emails sent", output)[1]) > 10


def test_the_demo_site_is_where_the_development_server_serves_it(settings):
    """Links made from the site's root (a list's address in the API) reach the server."""
    settings.FRONTEND_BASE_URL = "http://127.0.0.1:8011"
    DemoLoader().run()

    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8011"


def test_production_refuses_an_active_demo_account_with_its_published_password(settings, demo):
    from django.core import checks

    settings.PRODUCTION = True
    user = get_user_model().objects.get(username="editor")

    def demo_errors() -> list[str]:
        found = checks.run_checks(include_deployment_checks=True, databases=["default"])
        return [message.msg for message in found if message.id == "demo.E001"]

    assert any("'editor'" in message for message in demo_errors())
    user.set_password("a-new-secret-password-for-this-test")
    user.save()
    assert not any("'editor'" in message for message in demo_errors())
    # Without the database the check does not run, though admin and reviewer still qualify.
    without_database = checks.run_checks(include_deployment_checks=True)
    assert all(message.id != "demo.E001" for message in without_database)


def test_the_app_server_refuses_to_start_with_a_demo_account_left_active(settings, demo):
    from django.core.management.base import SystemCheckError

    from cms.startup import refuse_unsafe_configuration

    settings.PRODUCTION = True
    settings.SECRET_KEY = "a-long-random-production-secret-key-" + "y" * 40

    with pytest.raises(SystemCheckError, match="demo.E001"):
        refuse_unsafe_configuration()
    demo_accounts = [user["username"] for user in load_demo_data()["users"]]
    get_user_model().objects.filter(username__in=demo_accounts).update(is_active=False)
    refuse_unsafe_configuration()  # starts
