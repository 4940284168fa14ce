"""Webhooks: a change to public content is told to each subscribed receiver, signed the
Standard Webhooks way, from an outbox written in the change's own transaction; a receiver that
is down gets it later, with exponential backoff; an admin sees failures and retries."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from standardwebhooks import Webhook as Verifier

from outbox.models import Delivery, DeliveryStatus, Event, EventKind, Webhook
from outbox.tasks import backoff, deliver_due_now
from tests.factories import TreatmentPageFactory, UserFactory
from tests.factories.signing import sign_and_publish

pytestmark = pytest.mark.django_db


def _verified(receiver, webhook) -> list[dict]:
    """The deliveries the receiver got, each checked with the standardwebhooks package as a
    receiver would (it raises on a bad signature)."""
    verifier = Verifier(webhook.secret)
    return [verifier.verify(body, headers) for body, headers in receiver.received]


def test_a_page_going_live_and_being_withdrawn_are_posted_signed(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = TreatmentPageFactory(parent=treatment_index, slug="told")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    events = _verified(receiver, webhook)
    kinds = [(event["type"], event["data"]["path"]) for event in events]
    assert ("page.published", "/treatments/told/") in kinds
    assert kinds[-1] == ("page.withdrawn", "/treatments/told/")
    withdrawn = events[-1]["data"]
    assert withdrawn["id"] == page.pk
    assert withdrawn["type"] == "treatment"
    assert withdrawn["locale"] == "en"
    assert withdrawn["url"] == "http://localhost/treatments/told/"
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}


def test_a_signature_made_with_another_secret_does_not_verify(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TreatmentPageFactory(parent=treatment_index)
    body, headers = receiver.received[0]
    other = Webhook(secret="whsec_" + "A" * 43 + "=")
    with pytest.raises(Exception, match="signature"):
        Verifier(other.secret).verify(body, headers)
    with pytest.raises(Exception, match="signature"):
        Verifier(webhook.secret).verify(body.replace(b"treatment", b"condition"), headers)


def test_only_the_events_a_webhook_asked_for_are_sent_and_inactive_ones_get_none(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks
):
    webhook.events = [EventKind.WITHDRAWN]
    webhook.save()
    Webhook.objects.create(name="Off", url=receiver.url, events=webhook.events, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        page = TreatmentPageFactory(parent=treatment_index)
    assert receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert {event["type"] for event in _verified(receiver, webhook)} == {"page.withdrawn"}
    assert set(Delivery.objects.values_list("event__kind", flat=True)) == {"page.withdrawn"}


def test_a_change_that_rolls_back_leaves_nothing_in_the_outbox(treatment_index, webhook):
    page = TreatmentPageFactory(parent=treatment_index)
    before = (Event.objects.count(), Delivery.objects.count())
    with pytest.raises(RuntimeError), transaction.atomic():
        page.unpublish()
        assert Event.objects.filter(kind=EventKind.WITHDRAWN).exists()
        raise RuntimeError("the change fails after the withdrawal")
    assert (Event.objects.count(), Delivery.objects.count()) == before


def test_a_new_signed_revision_is_a_change_event_and_an_unchanged_sync_is_none(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks
):
    from delivery.sync import sync

    page = TreatmentPageFactory(parent=treatment_index)
    with django_capture_on_commit_callbacks(execute=True):
        sync([page])  # nothing changed: nothing to tell
    assert receiver.received == []
    page.summary = "A newly signed summary."
    with django_capture_on_commit_callbacks(execute=True):
        sign_and_publish(page)
    kinds = [(event["type"], event["data"]["id"]) for event in _verified(receiver, webhook)]
    assert ("page.changed", page.pk) in kinds
    assert ("page.published", page.pk) not in kinds


def test_a_receiver_that_is_down_gets_the_event_later_with_exponential_backoff(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks, settings
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 10
    receiver.failing = True
    with django_capture_on_commit_callbacks(execute=True):
        page = TreatmentPageFactory(parent=treatment_index, slug="later")
    delivery = Delivery.objects.get(event__kind=EventKind.PUBLISHED, event__page_id=page.pk)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert "HTTP 503" in delivery.last_error
    first_wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert first_wait == timedelta(seconds=10)

    assert deliver_due_now() == {}  # not due yet: nothing is tried
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        assert deliver_due_now() == {"failed": 1}
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=20)

    receiver.failing = False
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        assert deliver_due_now() == {"delivered": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.last_error == ""
    assert [event["data"]["path"] for event in _verified(receiver, webhook)] == [
        "/treatments/later/"
    ]


def test_backoff_doubles_and_is_capped(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 10
    settings.OUTBOX_RETRY_MAX_SECONDS = 60
    assert [backoff(n).total_seconds() for n in range(1, 6)] == [10, 20, 40, 60, 60]


def test_after_the_last_attempt_it_fails_and_an_admin_retries_it(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks, settings, client
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    webhook.url = "http://127.0.0.1:9/nothing-listens"
    webhook.save()
    with django_capture_on_commit_callbacks(execute=True):
        TreatmentPageFactory(parent=treatment_index)
    delivery = Delivery.objects.get(event__kind=EventKind.PUBLISHED)
    assert delivery.status == DeliveryStatus.FAILED
    assert "ConnectionError" in delivery.last_error

    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    report = client.get(reverse("outbox:deliveries"), {"status": "failed"})
    assert report.status_code == 200
    assert "Static site rebuild" in report.content.decode()
    assert "ConnectionError" in report.content.decode()

    webhook.url = receiver.url
    webhook.save()
    settings.OUTBOX_MAX_ATTEMPTS = 5
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox:retry", args=(delivery.pk,)))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 2
    assert [event["type"] for event in _verified(receiver, webhook)] == ["page.published"]


def test_editors_cannot_see_the_deliveries_or_retry(client, treatment_index, webhook):
    TreatmentPageFactory(parent=treatment_index)
    delivery = Delivery.objects.filter(webhook=webhook).first()
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(reverse("outbox:deliveries")).status_code in (302, 403)
    assert client.post(reverse("outbox:retry", args=(delivery.pk,))).status_code in (302, 403)
    assert Delivery.objects.get(pk=delivery.pk).attempts == 0


def test_an_admin_adds_a_webhook_with_a_generated_secret(client):
    client.force_login(UserFactory(is_superuser=True))
    add = reverse("webhooks:add")
    form = client.get(add)
    assert form.status_code == 200
    secret = form.context["form"].initial.get("secret") or form.context["form"]["secret"].value()
    assert secret.startswith("whsec_")
    response = client.post(
        add,
        {
            "name": "Next.js revalidate",
            "url": "https://frontend.example/api/revalidate",
            "events": ["page.withdrawn", "page.changed"],
            "secret": secret,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    hook = Webhook.objects.get(name="Next.js revalidate")
    assert hook.events == ["page.withdrawn", "page.changed"]
    assert Verifier(hook.secret)  # a secret the receiver's library accepts

    missing = client.post(add, {"name": "No events", "url": "https://x.example/", "secret": secret})
    assert missing.status_code == 200
    assert "events" in missing.context["form"].errors


def test_the_event_body_is_json_with_the_standard_webhooks_shape(
    treatment_index, webhook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TreatmentPageFactory(parent=treatment_index, slug="shape")
    body, headers = receiver.received[0]
    payload = json.loads(body)
    assert set(payload) == {"type", "timestamp", "data"}
    assert headers["webhook-id"].startswith("msg_")
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 60
    assert headers["content-type"] == "application/json"


@pytest.mark.parametrize("secret", ["whsec_a", "whsec_é"])
def test_a_secret_the_signer_cannot_use_is_a_form_error(client, secret):
    client.force_login(UserFactory(is_superuser=True))
    data = {"name": "Typed", "url": "https://x.example/", "events": ["page.withdrawn"]}

    response = client.post(reverse("webhooks:add"), {**data, "secret": secret})

    assert response.status_code == 200
    assert "Standard Webhooks secret" in str(response.context["form"].errors["secret"])
    assert not Webhook.objects.filter(name="Typed").exists()


def test_a_send_that_raises_is_a_failed_attempt_and_the_sweep_goes_on(
    treatment_index, webhook, receiver, settings
):
    """A secret written outside the form (a shell, a data fix) makes signing raise: that
    delivery fails and waits, and the sweep still sends the others."""
    broken = Webhook.objects.create(
        name="Hand-made", url=receiver.url, events=["page.published"], secret="whsec_a"
    )
    TreatmentPageFactory(parent=treatment_index, slug="swept")  # no worker: both wait
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 2

    assert deliver_due_now() == {"failed": 1, "delivered": 1}

    failed = Delivery.objects.get(webhook=broken)
    assert failed.status == DeliveryStatus.PENDING and failed.attempts == 1
    assert "Error" in failed.last_error and failed.next_attempt_at > failed.last_attempt_at
    assert Delivery.objects.get(webhook=webhook).status == DeliveryStatus.DELIVERED
