"""Signed documents: written in the transaction of the change that makes content public, removed
in the transaction of the one that withdraws it, re-rendered with what embeds them, and served
only while everything that made them public still holds (fail closed, at read time)."""

from __future__ import annotations

import datetime
import io
import logging

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail_factories import ImageFactory

from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage
from delivery.models import Document
from tests.api.builders import make_private
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)
from tests.factories.signing import sign, sign_and_publish

pytestmark = pytest.mark.django_db

DETAIL = "/api/v1/treatments/{}/"
CONDITION = "/api/v1/conditions/{}/"


@pytest.fixture
def linked(treatment_index, condition_index):
    condition = ConditionPageFactory(parent=condition_index, title="Linked pain", slug="linked")
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        title="Linked therapy",
        slug="linked-therapy",
        clinic=ClinicFactory(name="First clinic", phone="0100 111111"),
        condition_links=[TreatmentCondition(condition=condition, note="Some evidence.")],
    )
    return {"treatment": treatment, "condition": condition}


def edit(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return sign_and_publish(page)


# Same transaction ------------------------------------------------------------------------------


def test_going_live_writes_the_document_before_the_commit(treatment_index, client):
    with transaction.atomic():
        page = TreatmentPageFactory(parent=treatment_index, slug="in-one-go")
        # Inside the change's own transaction: nothing waits for a commit.
        assert Document.objects.filter(page=page, kind="treatment").exists()
        assert client.get(DETAIL.format("in-one-go")).status_code == 200


def test_a_render_error_rolls_back_the_change_that_needed_it(treatment_index, monkeypatch):
    page = TreatmentPageFactory(parent=treatment_index, slug="failing", live=False)
    revision = page.save_revision()
    sign(revision)

    def broken(*args, **kwargs):
        raise RuntimeError("the renderer failed")

    monkeypatch.setattr("delivery.rendering.render", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        revision.publish()

    assert not TreatmentPage.objects.get(pk=page.pk).live
    assert not Document.objects.filter(page=page).exists()


def test_an_admin_view_that_fails_commits_none_of_its_change(linked, admin_user, monkeypatch):
    """Django answers a view's exception with a 500 before it leaves the view: the admin's
    transaction must still roll back, or the page would be withdrawn without its events."""
    from django.test import Client

    def broken(*args, **kwargs):
        raise RuntimeError("the renderer failed")

    monkeypatch.setattr("delivery.rendering.render", broken)  # re-rendering the condition
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    treatment = linked["treatment"]

    response = client.post(f"/admin/pages/{treatment.pk}/unpublish/")

    assert response.status_code == 500
    assert TreatmentPage.objects.get(pk=treatment.pk).live
    assert Document.objects.filter(page=treatment).exists()


def test_publish_scheduled_logs_a_failed_item_and_goes_on(treatment_index, monkeypatch, caplog):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    pages = {}
    for slug in ("fails-to-render", "goes-live"):
        page = TreatmentPageFactory(parent=treatment_index, slug=slug, live=False)
        page.go_live_at = go_live
        revision = page.save_revision()
        sign(revision)
        revision.publish()  # scheduled: it has a go-live date
        pages[slug] = page
    from delivery import rendering

    original = rendering.render

    def render_unless_failing(page, ctx):
        if page.slug == "fails-to-render":
            raise RuntimeError("the renderer failed")
        return original(page, ctx)

    monkeypatch.setattr("delivery.rendering.render", render_unless_failing)
    stderr = io.StringIO()
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stderr=stderr)

    assert TreatmentPage.objects.get(pk=pages["goes-live"].pk).live
    assert not TreatmentPage.objects.get(pk=pages["fails-to-render"].pk).live
    assert "going on with the others" in stderr.getvalue()
    assert "the renderer failed" in caplog.text


# Fail closed at read time ------------------------------------------------------------------


def test_a_document_changed_behind_the_renderers_back_is_not_served(linked, client, caplog):
    path = DETAIL.format("linked-therapy")
    assert client.get(path).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE delivery_document SET detail = replace(detail, 'Linked therapy', 'Edited') "
            "WHERE page_id = %s",
            [linked["treatment"].pk],
        )

    with caplog.at_level(logging.ERROR, logger="delivery.serving"):
        assert client.get(path).status_code == 404
    assert "fails its detail seal" in caplog.text
    # The list item was not touched: it still verifies.
    assert client.get("/api/v1/treatments/").json()["count"] == 1


def test_a_detail_with_text_beyond_ascii_is_served_whole_with_its_review(linked, client):
    edit(linked["treatment"], title="Thérapie – “liée”", summary="Œdème ≥ 2 cm; 痛み.")

    detail = client.get(DETAIL.format("linked-therapy"))

    assert detail.status_code == 200
    assert detail["Content-Type"] == "application/json"
    body = detail.json()
    assert (body["title"], body["summary"]) == ("Thérapie – “liée”", "Œdème ≥ 2 cm; 痛み.")
    assert body["review"]["status"] == "current"
    assert int(detail["Content-Length"]) == len(detail.content)


def test_seals_made_with_an_old_key_verify_while_it_is_a_fallback(linked, client, settings):
    path = DETAIL.format("linked-therapy")
    old = settings.SECRET_KEY

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-rotated-key", [old]
    assert client.get(path).status_code == 200

    settings.SECRET_KEY_FALLBACKS = []
    assert client.get(path).status_code == 404
    call_command("rebuild_documents", stdout=io.StringIO())  # re-sealed with the new key
    assert client.get(path).status_code == 200


def test_an_expired_page_is_not_served_even_before_publish_scheduled_runs(linked, client):
    TreatmentPage.objects.filter(pk=linked["treatment"].pk).update(
        expire_at=timezone.now() + datetime.timedelta(hours=1)
    )
    path = DETAIL.format("linked-therapy")
    treatment = linked["treatment"]
    web, index = treatment.url, treatment.get_parent().url
    condition = linked["condition"].url
    link = f'href="{web}"'
    assert client.get(path).status_code == 200
    assert client.get(web).status_code == 200
    assert link in client.get(index).content.decode()
    assert link in client.get(condition).content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        # Gone everywhere at once: the API, its web page, and the web pages that list it.
        assert client.get(path).status_code == 404
        assert client.get(web).status_code == 404
        assert link not in client.get(index).content.decode()
        assert link not in client.get(condition).content.decode()
        call_command("publish_scheduled", stdout=io.StringIO())
    assert not Document.objects.filter(page=linked["treatment"]).exists()


def test_a_restricted_section_hides_its_pages_until_the_restriction_goes(linked, client):
    restriction = make_private(linked["treatment"].get_parent())

    assert client.get(DETAIL.format("linked-therapy")).status_code == 404
    condition = client.get(CONDITION.format("linked")).json()
    assert condition["treatments"] == []

    restriction.delete()
    assert client.get(DETAIL.format("linked-therapy")).status_code == 200
    assert [t["slug"] for t in client.get(CONDITION.format("linked")).json()["treatments"]] == [
        "linked-therapy"
    ]


# Dependents ------------------------------------------------------------------------------------


def test_a_renamed_condition_is_renamed_where_it_is_embedded(linked, client):
    edit(linked["condition"], title="Renamed pain")

    detail = client.get(DETAIL.format("linked-therapy")).json()
    assert [c["title"] for c in detail["conditions"]] == ["Renamed pain"]
    bundle = client.get("/api/v1/kiosk/bundle/").json()
    assert [c["title"] for c in bundle["treatments"][0]["conditions"]] == ["Renamed pain"]


def test_a_deleted_condition_changes_what_its_treatments_say_so_they_need_a_new_review(
    linked, client
):
    ConditionPage.objects.get(pk=linked["condition"].pk).delete()

    # The treatment's own links went with it: not the content that was signed.
    assert client.get(DETAIL.format("linked-therapy")).status_code == 404
    assert not Document.objects.filter(page=linked["treatment"]).exists()


def test_an_unpublished_condition_leaves_the_treatments_that_embedded_it(linked, client):
    ConditionPage.objects.get(pk=linked["condition"].pk).unpublish()

    detail = client.get(DETAIL.format("linked-therapy")).json()
    assert detail["conditions"] == []
    listed = client.get("/api/v1/treatments/").json()["results"][0]
    assert listed["conditions"] == []
    assert client.get("/api/v1/treatments/", {"condition": "linked"}).status_code == 400


def test_a_treatment_going_live_is_listed_by_its_condition(linked, treatment_index, client):
    TreatmentPageFactory(
        parent=treatment_index,
        title="Another therapy",
        slug="another-therapy",
        condition_links=[TreatmentCondition(condition=linked["condition"])],
    )

    treatments = client.get(CONDITION.format("linked")).json()["treatments"]
    assert [t["slug"] for t in treatments] == ["another-therapy", "linked-therapy"]


def test_editing_the_clinic_reaches_every_item_that_shows_it(linked, client):
    clinic = linked["treatment"].clinic
    clinic.phone = "0100 222222"
    clinic.save()

    assert client.get(DETAIL.format("linked-therapy")).json()["clinic"]["phone"] == "0100 222222"
    bundle = client.get("/api/v1/kiosk/bundle/").json()
    # A condition shows the contact details of its first treatment that has some.
    assert bundle["conditions"][0]["clinic"]["phone"] == "0100 222222"


def test_a_replaced_image_file_withdraws_the_pages_that_show_it_until_signed_again(
    treatment_index, client
):
    image = ImageFactory(file__width=80, file__height=60)
    page = TreatmentPageFactory(
        parent=treatment_index, slug="pictured", image=image, image_alt_text="A picture."
    )
    assert client.get(DETAIL.format("pictured")).status_code == 200

    # What the image editor does when a new file is uploaded in its place.
    image = Image.objects.get(pk=image.pk)
    before = image.file_hash
    image.file = ImageFactory.build(file__width=90, file__height=60, file__color="red").file
    image._set_image_file_metadata()
    image.save()
    assert image.file_hash != before

    assert client.get(DETAIL.format("pictured")).status_code == 404
    sign_and_publish(TreatmentPage.objects.get(pk=page.pk))
    assert client.get(DETAIL.format("pictured")).status_code == 200


def test_a_move_changes_the_paths_and_the_links_to_the_page(linked, client):
    other = TreatmentIndexPageFactory(
        parent=linked["treatment"].get_parent().get_parent(), slug="elsewhere"
    )
    TreatmentPage.objects.get(pk=linked["treatment"].pk).move(other, pos="last-child")

    new = client.get("/api/v1/pages/", {"path": "/elsewhere/linked-therapy/"})
    assert new.status_code == 200
    assert new.json()["url"].endswith("/elsewhere/linked-therapy/")
    # The old path is a redirect now (Wagtail made it): it answers the page at its new place.
    old = client.get("/api/v1/pages/", {"path": "/treatments/linked-therapy/"})
    assert old.json() == new.json()
    assert Document.objects.get(page=linked["treatment"]).path == "/elsewhere/linked-therapy/"
    embedded = client.get(CONDITION.format("linked")).json()["treatments"][0]
    assert embedded["url"].endswith("/elsewhere/linked-therapy/")


# Rendering everything again --------------------------------------------------------------------


def test_stale_documents_are_reported_and_rebuilt(linked, client, monkeypatch):
    assert not [m for m in run_checks() if m.id == "delivery.W001"]
    monkeypatch.setattr("delivery.rendering.RENDERER_VERSION", 999)
    monkeypatch.setattr("delivery.stale.RENDERER_VERSION", 999)

    [warning] = [m for m in run_checks() if m.id == "delivery.W001"]
    assert "rebuild_documents --stale" in warning.hint

    out = io.StringIO()
    call_command("rebuild_documents", "--stale", stdout=out)
    assert "] " in out.getvalue() and "/" in out.getvalue()  # the progress bar
    assert not [m for m in run_checks() if m.id == "delivery.W001"]
    assert set(Document.objects.values_list("renderer_version", flat=True)) == {999}


def test_documents_of_a_digest_their_page_no_longer_records_are_stale(linked, client):
    path = DETAIL.format("linked-therapy")
    # As a migration that changed how content is hashed leaves them: the page records its new
    # digest (its sign-off carried over to it), its document still the old one.
    Document.objects.filter(page=linked["treatment"]).update(digest="0" * 64)
    assert client.get(path).status_code == 404  # fails closed meanwhile
    assert [m for m in run_checks() if m.id == "delivery.W001"]

    call_command("rebuild_documents", "--stale", stdout=io.StringIO())
    assert client.get(path).status_code == 200
    assert not [m for m in run_checks() if m.id == "delivery.W001"]


def test_a_row_written_outside_the_app_loses_its_document_when_rebuilt(linked, client):
    path = DETAIL.format("linked-therapy")
    # What the database's guard leaves on a row changed by raw SQL: no recorded digest.
    TreatmentPage.objects.filter(pk=linked["treatment"].pk).update(content_digest="")
    assert client.get(path).status_code == 404

    call_command("rebuild_documents", "--stale", stdout=io.StringIO())
    assert not Document.objects.filter(page=linked["treatment"]).exists()
    assert not [m for m in run_checks() if m.id == "delivery.W001"]  # nothing left to rebuild
    sign_and_publish(TreatmentPage.objects.get(pk=linked["treatment"].pk))
    assert client.get(path).status_code == 200


def test_rebuilding_changes_nothing_that_is_current(linked, client):
    before = {d.pk: (d.etag, d.detail) for d in Document.objects.all()}

    call_command("rebuild_documents", stdout=io.StringIO())
    call_command("rebuild_documents", stdout=io.StringIO())

    assert {d.pk: (d.etag, d.detail) for d in Document.objects.all()} == before


def test_documents_are_never_read_for_a_preview(linked, admin_client):
    page = TreatmentPage.objects.get(pk=linked["treatment"].pk)
    page.summary = "A draft summary."

    web = page.make_preview_request(preview_mode="").content.decode()
    kiosk = page.make_preview_request(preview_mode="kiosk").content.decode()

    assert "Draft — not signed off" in web
    assert "Last reviewed" not in web
    assert "A draft summary." in web and "A draft summary." in kiosk
    assert 'id="kiosk-preview-item"' in kiosk
