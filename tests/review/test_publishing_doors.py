"""Every door that can make content live, attacked with each layer alone.

For each door: with both layers off the door really does make unsigned text public (so the
test exercises the door); with layer 1 (guards) alone the door refuses, with a message; with
layer 2 (the serve-time check) alone the door opens but the page answers 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from content_models.models import TreatmentPage
from review.guards import REFUSAL, PublishRefused
from tests.content_models.admin_forms import treatment_form_data
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

UNSIGNED = "UNSIGNED TEXT"


@dataclass
class Context:
    page: TreatmentPage
    admin_client: object
    time_machine: object

    def unsigned_revision(self):
        draft = TreatmentPage.objects.get(pk=self.page.pk)
        draft.summary = f"{UNSIGNED} in the summary."
        return draft.save_revision()

    def form_data(self, **extra):
        data = treatment_form_data(title=f"{UNSIGNED} title", slug=self.page.slug)
        data.update(extra)
        return data


@dataclass
class Door:
    name: str
    open: Callable[[Context], object]
    public_url: Callable[[Context], str] = lambda ctx: ctx.page.url
    message: str = "admin"  # how the refusal reaches the user: "admin", "api" or "exception"
    marker: str = UNSIGNED  # text the door exposes that no sign-off of that object covers


def _edit_publish(ctx):
    return ctx.admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(ctx.page.pk,)),
        ctx.form_data(**{"action-publish": "Publish"}),
        follow=True,
    )


def _admin_api_publish(ctx):
    ctx.unsigned_revision()
    return ctx.admin_client.post(f"/admin/api/main/pages/{ctx.page.pk}/action/publish/", {})


def _bulk_publish(ctx):
    ctx.unsigned_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return ctx.admin_client.post(f"{url}?id={ctx.page.pk}", {}, follow=True)


def _schedule(ctx):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    response = ctx.admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(ctx.page.pk,)),
        ctx.form_data(
            **{"action-publish": "Publish", "go_live_at": go_live.strftime("%Y-%m-%d %H:%M")}
        ),
        follow=True,
    )
    ctx.time_machine.move_to(go_live + datetime.timedelta(hours=1))
    call_command("publish_scheduled")
    return response


def _revert_and_publish(ctx):
    unsigned = ctx.unsigned_revision()
    return ctx.admin_client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=(ctx.page.pk, unsigned.pk)),
        {
            **treatment_form_data(title=ctx.page.title, slug=ctx.page.slug),
            "summary": f"{UNSIGNED} in the summary.",
            "action-publish": "Publish",
        },
        follow=True,
    )


def _copy_keep_live(ctx):
    return ctx.admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(ctx.page.pk,)),
        {
            "new_title": f"{UNSIGNED} copy",
            "new_slug": "the-copy",
            "new_parent_page": str(ctx.page.get_parent().pk),
            "publish_copies": "on",
        },
        follow=True,
    )


def _alias(ctx):
    return ctx.admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(ctx.page.pk,)),
        {
            "new_title": f"{UNSIGNED} alias",
            "new_slug": "the-alias",
            "new_parent_page": str(ctx.page.get_parent().pk),
            "alias": "on",
        },
        follow=True,
    )


def _copy_url(ctx):
    return ctx.page.get_parent().url + "the-copy/"


def _alias_url(ctx):
    return ctx.page.get_parent().url + "the-alias/"


def _revision_publish(ctx):
    ctx.unsigned_revision().publish()


def _page_publish(ctx):
    revision = ctx.unsigned_revision()
    TreatmentPage.objects.get(pk=ctx.page.pk).publish(revision)


def _plain_save(ctx):
    page = TreatmentPage.objects.get(pk=ctx.page.pk)
    page.summary = f"{UNSIGNED} in the summary."
    page.save()


DOORS = [
    Door("edit view Publish button", _edit_publish),
    Door("admin API publish action", _admin_api_publish, message="api"),
    Door("bulk publish", _bulk_publish),
    Door("schedule, then publish_scheduled", _schedule),
    Door("revert and publish", _revert_and_publish),
    Door("copy keeping it live", _copy_keep_live, public_url=_copy_url),
    # An alias serves its original's signed text under another object, which nobody signed.
    Door("alias", _alias, public_url=_alias_url, marker="Signed page"),
    Door("revision.publish()", _revision_publish, message="exception"),
    Door("page.publish()", _page_publish, message="exception"),
    Door("plain save() of a live page", _plain_save, message="exception"),
]


@pytest.fixture
def ctx(treatment_index, admin_client, time_machine):
    time_machine.move_to(timezone.now(), tick=True)
    page = TreatmentPageFactory(parent=treatment_index, title="Signed page", slug="signed-page")
    return Context(page=page, admin_client=admin_client, time_machine=time_machine)


def _layers(settings, *, guard: bool, serve: bool) -> None:
    settings.CLINICAL_GUARD_PUBLISHING = guard
    settings.CLINICAL_SERVE_SIGNED_ONLY = serve


def _open(door: Door, ctx: Context):
    try:
        return door.open(ctx), None
    except PublishRefused as refusal:
        return None, refusal


def _public_text(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("door", DOORS, ids=[door.name for door in DOORS])
def test_with_both_layers_off_the_door_makes_unsigned_text_public(settings, client, ctx, door):
    _layers(settings, guard=False, serve=False)

    _open(door, ctx)

    status, html = _public_text(client, door.public_url(ctx))
    assert status == 200
    assert door.marker in html


@pytest.mark.parametrize("door", DOORS, ids=[door.name for door in DOORS])
def test_the_guard_alone_refuses_the_door_with_a_message(settings, client, ctx, door, caplog):
    _layers(settings, guard=True, serve=False)

    response, refusal = _open(door, ctx)

    status, html = _public_text(client, door.public_url(ctx))
    assert door.marker not in html or door.public_url(ctx) == ctx.page.url
    assert UNSIGNED not in html
    if door.message == "exception":
        assert refusal is not None and REFUSAL in refusal.messages
    elif door.message == "api":
        assert response.status_code == 400
        assert "clinical sign-off" in response.content.decode()
    else:
        assert response.status_code == 200
        assert "no clinical sign-off" in response.content.decode()
    assert "Refused to publish unsigned" in caplog.text
    if door.message == "admin":
        # The admin doors refuse before anything is written, so their audit entry stays; a
        # refusal inside a call (Python API, admin API) is rolled back with the call's
        # transaction, and the warning in the application log is its record.
        assert PageLogEntry.objects.filter(action="clinical_review.refused").exists()


@pytest.mark.parametrize("door", DOORS, ids=[door.name for door in DOORS])
def test_the_serve_time_check_alone_answers_404(settings, client, ctx, door):
    _layers(settings, guard=False, serve=True)

    _open(door, ctx)

    status, html = _public_text(client, door.public_url(ctx))
    assert status == 404
    assert door.marker not in html


def test_a_raw_sql_update_is_caught_at_serve_time(settings, client, ctx):
    _layers(settings, guard=True, serve=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE content_models_treatmentpage SET summary = %s WHERE page_ptr_id = %s",
            [f"{UNSIGNED} via SQL", ctx.page.pk],
        )

    assert client.get(ctx.page.url).status_code == 404

    _layers(settings, guard=True, serve=False)
    assert UNSIGNED in client.get(ctx.page.url).content.decode()  # the control: it was served


def test_the_admin_report_lists_live_pages_that_fail_the_check(admin_client, ctx, treatment_index):
    signed = TreatmentPageFactory(parent=treatment_index, title="Still signed")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE content_models_treatmentpage SET summary = %s WHERE page_ptr_id = %s",
            ["Changed behind our back", ctx.page.pk],
        )
    url = reverse("clinical_review:unsigned_live")

    html = admin_client.get(url).content.decode()
    export = admin_client.get(url, {"export": "csv"})

    assert "Signed page" in html and "Still signed" not in html
    assert export.status_code == 200
    assert "Signed page" in b"".join(export.streaming_content).decode()
    assert signed.live


def test_publish_scheduled_publishes_signed_revisions_skips_unsigned_and_exits_0(
    settings, client, treatment_index, time_machine, caplog
):
    from tests.factories.signing import sign

    go_live = timezone.now() + datetime.timedelta(hours=1)
    signed_page = TreatmentPageFactory(parent=treatment_index, live=False, slug="signed-sched")
    unsigned_page = TreatmentPageFactory(parent=treatment_index, live=False, slug="unsigned-sched")
    for page in (signed_page, unsigned_page):
        page.go_live_at = go_live
    signed_revision = signed_page.save_revision()
    sign(signed_revision)
    signed_revision.publish()
    # The unsigned one was scheduled through a door that was open at the time.
    settings.CLINICAL_GUARD_PUBLISHING = False
    unsigned_page.save_revision().publish()
    settings.CLINICAL_GUARD_PUBLISHING = True

    time_machine.move_to(go_live + datetime.timedelta(minutes=5))
    call_command("publish_scheduled")  # raises nothing: SystemExit would fail the test

    assert client.get("/treatments/signed-sched/").status_code == 200
    assert client.get("/treatments/unsigned-sched/").status_code == 404
    unsigned_page.refresh_from_db()
    assert not unsigned_page.live
    assert unsigned_page.revisions.filter(approved_go_live_at__isnull=False).count() == 0
    assert PageLogEntry.objects.filter(
        page=unsigned_page, action="clinical_review.refused", data__door="publish_scheduled"
    ).exists()


def test_an_item_another_run_of_publish_scheduled_did_is_not_done_twice(
    treatment_index, time_machine
):
    """Two workers can take piled-up timer jobs at once: each item is read again, under a row
    lock, in its own transaction, so the second run finds it done (one audit entry each)."""
    from wagtail.models import Page

    from review.management.commands.publish_scheduled import Command
    from tests.factories.signing import sign

    expire_at = timezone.now() + datetime.timedelta(hours=1)
    expiring = TreatmentPageFactory(parent=treatment_index, slug="expiring")
    TreatmentPage.objects.filter(pk=expiring.pk).update(expire_at=expire_at)
    scheduled = TreatmentPageFactory(parent=treatment_index, live=False, slug="scheduled")
    scheduled.go_live_at = expire_at
    revision = scheduled.save_revision()
    sign(revision)
    revision.publish()
    time_machine.move_to(expire_at + datetime.timedelta(minutes=5))
    # What a second run read before the first one finished.
    seen_expiring, seen_revision = Page.objects.get(pk=expiring.pk), revision

    call_command("publish_scheduled")
    second = Command()
    second._door("expiry", lambda: second._expire(seen_expiring))
    second._door("go-live", lambda: second._go_live(seen_revision))

    for page, action in ((expiring, "unpublish"), (scheduled, "publish")):
        entries = PageLogEntry.objects.filter(page=page, action=f"wagtail.{action}.scheduled")
        assert entries.count() == 1, action
