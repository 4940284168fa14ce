"""A property: whatever happens to the content, in any order, what the API serves (details,
lists, the kiosk bundle) equals a fresh render of the signed content as it is then.

Hypothesis runs random sequences of changes (edits signed and published, unpublishing and
republishing, editing the clinic, restricting and opening the treatments' section, expiry, moves
and deletion) over two treatments and two conditions linked to each other, each example in a
transaction rolled back at its end. After every step the answers are read, then every document
is thrown away and rendered from scratch inside a savepoint, the answers are read again, and the
two must be the same: the documents kept up to date change by change are what a rebuild gives.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, PageViewRestriction

from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage
from delivery.models import Document
from tests.api.builders import make_private
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)
from tests.factories.signing import sign_and_publish

ACTIONS = [
    "edit_treatment",
    "edit_condition",
    "unpublish",
    "republish",
    "edit_clinic",
    "restrict_section",
    "open_section",
    "expire",
    "move",
    "delete_condition",
]
_numbers = itertools.count()


class World:
    def __init__(self, treatment_index, condition_index):
        self.treatment_index = treatment_index
        self.elsewhere = TreatmentIndexPageFactory(
            parent=treatment_index.get_parent(), slug=f"elsewhere-{next(_numbers)}"
        )
        self.clinic = ClinicFactory(name=f"Clinic {next(_numbers)}")
        self.conditions = [
            ConditionPageFactory(parent=condition_index, title=f"Condition {n}", slug=f"c-{n}")
            for n in range(2)
        ]
        self.treatments = [
            TreatmentPageFactory(
                parent=treatment_index,
                title=f"Treatment {n}",
                slug=f"t-{n}",
                clinic=self.clinic,
                condition_links=[
                    TreatmentCondition(condition=condition, note=f"Note {n}.", sort_order=order)
                    for order, condition in enumerate(self.conditions[n:])
                ],
            )
            for n in range(2)
        ]

    def page(self, pages, index: int):
        page = pages[index % len(pages)]
        return type(page).objects.filter(pk=page.pk).first()

    def run(self, action: str, index: int) -> None:
        getattr(self, action)(index)

    def edit_treatment(self, index):
        if page := self.page(self.treatments, index):
            page.summary = f"Summary {next(_numbers)}."
            sign_and_publish(page)

    def edit_condition(self, index):
        if page := self.page(self.conditions, index):
            page.title = f"Condition renamed {next(_numbers)}"
            sign_and_publish(page)

    def unpublish(self, index):
        page = self.page([*self.treatments, *self.conditions], index)
        if page is not None and page.live:
            page.unpublish()

    def republish(self, index):
        page = self.page([*self.treatments, *self.conditions], index)
        if page is not None:
            sign_and_publish(page)

    def edit_clinic(self, index):
        self.clinic.phone = f"0100 {next(_numbers):06}"
        self.clinic.save()

    def restrict_section(self, index):
        if not PageViewRestriction.objects.filter(page=self.treatment_index).exists():
            make_private(self.treatment_index)

    def open_section(self, index):
        for restriction in PageViewRestriction.objects.all():
            restriction.delete()

    def expire(self, index):
        """The page's expiry passes and the scheduler runs (every minute in production: until
        it does, the page's own document is not served, but others may still name it)."""
        page = self.page(self.treatments, index)
        if page is not None and page.live:
            page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
            page.save()
            call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())

    def move(self, index):
        page = self.page(self.treatments, index)
        if page is not None:
            target = self.elsewhere if page.get_parent().pk != self.elsewhere.pk else None
            page.move(target or self.treatment_index, pos="last-child")

    def delete_condition(self, index):
        if page := self.page(self.conditions, index):
            page.delete()


def answers(client: Client) -> dict:
    """Everything the API serves of the world, minus when it was generated."""
    found = {}
    paths = [f"/api/v1/treatments/t-{n}/" for n in range(2)]
    paths += [f"/api/v1/conditions/c-{n}/" for n in range(2)]
    paths += ["/api/v1/treatments/", "/api/v1/conditions/", "/api/v1/kiosk/bundle/"]
    for path in paths:
        response = client.get(path)
        body = response.json()
        if path.endswith("bundle/") and response.status_code == 200:
            body = {k: v for k, v in body.items() if k not in ("generated_at", "expires_at")}
            for name in ("treatments", "conditions"):
                body[name] = [
                    {k: v for k, v in item.items() if k != "expires_at"} for item in body[name]
                ]
        found[path] = (response.status_code, body)
    return found


def freshly_rendered(client: Client) -> dict:
    """The answers after every document is thrown away and rendered from scratch."""
    with transaction.atomic():
        Document.objects.all().delete()
        call_command("rebuild_documents", stdout=io.StringIO())
        found = answers(client)
        transaction.set_rollback(True)
    return found


@pytest.fixture
def unthrottled(settings):
    """The property reads the API hundreds of times a minute."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"},
    }


steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(min_value=0, max_value=3)),
    min_size=1,
    max_size=6,
)


@pytest.mark.django_db
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_what_is_served_is_always_a_fresh_render_of_the_signed_content(
    treatment_index, condition_index, unthrottled, steps
):
    with transaction.atomic():
        world = World(treatment_index, condition_index)
        client = Client()
        for action, index in steps:
            world.run(action, index)
            served = answers(client)
            assert served == freshly_rendered(client), (action, json.dumps(served)[:2000])
            for _, body in served.values():
                assert "UNSIGNED" not in json.dumps(body)
        transaction.set_rollback(True)


def test_the_property_saw_content_both_ways(treatment_index, condition_index, db):
    """The world starts public (so the property compares real answers, not just 404s)."""
    world = World(treatment_index, condition_index)
    client = Client()
    served = answers(client)
    assert all(status == 200 for status, _ in served.values())
    assert len(served["/api/v1/kiosk/bundle/"][1]["treatments"]) == 2
    assert ConditionPage.objects.live().count() == 2 and TreatmentPage.objects.live().count() == 2
    assert Page.objects.filter(pk=world.elsewhere.pk).exists()
