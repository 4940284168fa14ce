"""Seed a database for the benchmark: a site with N signed, live conditions and M signed, live
treatments, each condition linked to two treatments.

The site's home, its two indexes and the disclaimer are signed and published through the real
path (a revision, ``review.signoff.sign_revision``, ``revision.publish()``), as the review task
would. Signing each of a thousand pages that way costs ~130 queries a page, so the content
pages are created as drafts and then given the records the review task writes — one
``ClinicalSignoff`` of each page's recorded digest, with the signed content and the reviewer's
snapshot — and made live in bulk, as ``tests/api/builders.signed_in_bulk`` does. Every seeded
page is then servable by ``signing.signoffs``: its digest, recomputed, carries a sign-off.

The text is the demo content's reviewed wording under synthetic titles (see ``bench.content``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import signal_handlers as search_signals
from wagtail.models import Page, Site

from claims.readability import record_of as readability_record_of
from content_models.models import (
    Clinic,
    ClinicianProfile,
    ConditionIndexPage,
    ConditionPage,
    ConditionSynonym,
    Disclaimer,
    HomePage,
    RouteOfAdministration,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)
from delivery.sync import rebuild
from demo.loader import _reference_value, _stream
from review.models import ATTESTATION, ClinicalSignoff
from review.signoff import ValidatedSignoff, sign_revision
from signing.content import base_content_type
from signing.digest import canonical_content, digest_of_content
from signing.signoffs import signed_only

from . import content

REVIEWER_USERNAME = "bench-reviewer"
TREATMENTS_PER_CONDITION = 2
# The relations a page's digest reads, fetched up front when signing in bulk.
_DIGESTED = {
    ConditionPage: ("synonyms", "codes"),
    TreatmentPage: ("routes", "condition_links__condition"),
}


@dataclass
class Seeded:
    site: Site
    conditions: list[ConditionPage]
    treatments: list[TreatmentPage]


def treatments_of_condition(index: int, treatments: int) -> tuple[int, ...]:
    """The treatments (by number) linked to condition ``index``: two neighbours, so each
    treatment ends up with about ``2 * conditions / treatments`` conditions."""
    if treatments < TREATMENTS_PER_CONDITION:
        raise ValueError(f"Seeding needs at least {TREATMENTS_PER_CONDITION} treatments.")
    return tuple((index + step) % treatments for step in range(TREATMENTS_PER_CONDITION))


@transaction.atomic
def seed(
    conditions: int = 1000,
    treatments: int = 200,
    progress: Callable[[str], None] | None = None,
) -> Seeded:
    """Seed an empty site (freshly migrated database) and return what was made."""
    say = progress or (lambda message: None)
    signer = reviewer()
    home, treatment_index, condition_index, disclaimer = _site(signer)
    routes = _routes()
    clinic = _clinic()

    with _search_index_paused(ConditionPage, TreatmentPage):
        say(f"creating {conditions} conditions")
        condition_pages = [_condition(condition_index, number) for number in range(conditions)]
        linked: dict[int, list[ConditionPage]] = {number: [] for number in range(treatments)}
        for number, page in enumerate(condition_pages):
            for treatment in treatments_of_condition(number, treatments):
                linked[treatment].append(page)
        say(f"creating {treatments} treatments")
        treatment_pages = [
            _treatment(treatment_index, number, linked[number], routes, clinic, disclaimer)
            for number in range(treatments)
        ]
    say("signing and publishing in bulk")
    _sign_and_publish_in_bulk(ConditionPage, condition_pages, signer)
    _sign_and_publish_in_bulk(TreatmentPage, treatment_pages, signer)
    # Published in bulk, so no signal rendered their documents: render them as an import does.
    rebuild(_pks([*condition_pages, *treatment_pages]))
    site = Site.objects.get(is_default_site=True)
    return Seeded(
        site=site,
        conditions=list(ConditionPage.objects.filter(pk__in=_pks(condition_pages)).order_by("pk")),
        treatments=list(TreatmentPage.objects.filter(pk__in=_pks(treatment_pages)).order_by("pk")),
    )


@contextmanager
def _search_index_paused(*models):
    """Leave the seeded pages out of the search index while they are made (a third of the time
    it takes): search is not measured. ``manage.py update_index`` would add them."""
    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)


# The reviewer and the site -----------------------------------------------------------------


def reviewer():
    user, created = get_user_model().objects.get_or_create(username=REVIEWER_USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name="Medical reviewers"))
    ClinicianProfile.objects.get_or_create(
        user=user,
        defaults={
            "name": "Benchmark reviewer (synthetic data)",
            "credentials": "Synthetic benchmark account: no credentials",
            "registration": "Synthetic benchmark account: not registered",
        },
    )
    return user


def _sign_and_publish(obj, reviewer) -> None:
    """A revision, its sign-off and its publication: the path the review task takes."""
    revision = obj.save_revision()
    sign_revision(
        revision,
        reviewer,
        ValidatedSignoff(
            task_state_id=0,
            user_id=reviewer.pk,
            review_kind="full",
            next_review_due=timezone.localdate() + datetime.timedelta(days=365),
        ),
    )
    revision.publish()


def _site(reviewer):
    data = content.demo()
    root = Page.get_first_root_node()
    home = HomePage(title="Benchmark site (synthetic data)", slug="bench-home", live=False)
    home.intro = data["home"]["intro"]
    root.add_child(instance=home)
    # The default site moves to the new home before Wagtail's bare "Welcome" page goes (deleting
    # a site's root page deletes the site).
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title},
    )
    for welcome in root.get_children().filter(content_type__model="page", numchild=0):
        welcome.delete()
    _sign_and_publish(home, reviewer)
    indexes = []
    for model, spec in (
        (TreatmentIndexPage, data["treatment_index"]),
        (ConditionIndexPage, data["condition_index"]),
    ):
        index = model(title=spec["title"], slug=spec["slug"], live=False)
        home.add_child(instance=index)
        _sign_and_publish(index, reviewer)
        indexes.append(index)
    spec = data["disclaimer"]
    disclaimer = Disclaimer(title=spec["title"], text=spec["text"], live=False)
    disclaimer.save()
    _sign_and_publish(disclaimer, reviewer)
    return home, indexes[0], indexes[1], Disclaimer.objects.get(pk=disclaimer.pk)


def _routes() -> list[RouteOfAdministration]:
    return [
        RouteOfAdministration.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "description": spec["description"]}
        )[0]
        for spec in content.demo()["routes"]
    ]


def _clinic() -> Clinic:
    spec = {key: value for key, value in content.demo()["clinic"].items() if key != "from"}
    return Clinic.objects.get_or_create(name=spec.pop("name"), defaults=spec)[0]


# Content pages -----------------------------------------------------------------------------


def _references(keys: list[str]) -> list[dict]:
    references = content.demo()["references"]
    return [{"type": "reference", "value": _reference_value(references[key])} for key in keys]


def _condition(index: ConditionIndexPage, number: int) -> ConditionPage:
    """Condition ``number``: a copy of one of the demo conditions, its description lengthened
    with reviewed sentences."""
    templates = content.demo()["conditions"]
    template = templates[number % len(templates)]
    page = ConditionPage(
        title=f"Condition {number:04d}",
        slug=f"condition-{number:04d}",
        summary=template["summary"],
        description=template["description"] + content.paragraphs(number),
        symptoms=_stream("symptom", template["symptoms"]),
        references=_references(template.get("references", [])),
        live=False,
    )
    page.synonyms = [
        ConditionSynonym(name=name, sort_order=order)
        for order, name in enumerate(template["synonyms"])
    ]
    index.add_child(instance=page)
    return page


def _treatment(
    index: TreatmentIndexPage,
    number: int,
    conditions: list[ConditionPage],
    routes: list[RouteOfAdministration],
    clinic: Clinic,
    disclaimer: Disclaimer,
) -> TreatmentPage:
    """Treatment ``number``: the demo treatment's reviewed wording, linked to ``conditions``
    with the demo's notes on them."""
    spec = content.reviewed_treatment()
    notes = [link["note"] for link in spec["conditions"]]
    page = TreatmentPage(
        title=f"Treatment {number:04d}",
        slug=f"treatment-{number:04d}",
        clinic=clinic,
        disclaimer=disclaimer,
        live=False,
        **{
            name: spec[name]
            for name in (
                "summary",
                "what_it_is",
                "how_it_works",
                "session_length",
                "initial_sessions",
                "maintenance",
                "call_to_action",
            )
        },
    )
    page.benefits = [
        {
            "type": "benefit",
            "value": {
                "headline": benefit["headline"],
                "explanation": benefit["explanation"],
                "references": [
                    _reference_value(content.demo()["references"][key])
                    for key in benefit["references"]
                ],
            },
        }
        for benefit in spec["benefits"]
    ]
    for name, block in (
        ("steps", "step"),
        ("common_side_effects", "risk"),
        ("serious_risks", "risk"),
        ("suitable_for", "criterion"),
        ("not_suitable_for", "criterion"),
        ("faqs", "faq"),
    ):
        setattr(page, name, _stream(block, spec[name]))
    page.references = _references(spec["references"])
    index.add_child(instance=page)
    # Relations in bulk: saved one by one, each row would recompute the page's digest.
    through = TreatmentPage.routes.through
    through.objects.bulk_create(
        through(treatmentpage=page, routeofadministration=route) for route in routes
    )
    TreatmentCondition.objects.bulk_create(
        TreatmentCondition(
            treatment=page, condition=condition, note=notes[order % len(notes)], sort_order=order
        )
        for order, condition in enumerate(conditions)
    )
    return page


def _sign_and_publish_in_bulk(model, pages: list[Page], reviewer) -> None:
    """Sign-offs of the pages' digests (the records the review task writes), then live in one
    statement; refuses to finish unless every page is then servable."""
    if not pages:
        return
    profile = reviewer.clinician_profile
    now = timezone.now()
    fresh = model.objects.filter(pk__in=_pks(pages)).prefetch_related(*_DIGESTED[model])
    signoffs = []
    for page in fresh:
        signed = canonical_content(page)
        digest = digest_of_content(signed)
        if digest != page.content_digest:
            # Rows written in bulk (a treatment's links) left it cleared: record it, as
            # ``signing.models.refresh_recorded_digest`` would.
            model.objects.filter(pk=page.pk).update(content_digest=digest)
        signoffs.append(
            ClinicalSignoff(
                base_content_type=base_content_type(model),
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(page.pk),
                object_title=page.title,
                digest=digest,
                content=signed,
                reviewer=reviewer,
                reviewer_name=profile.name,
                reviewer_credentials=profile.credentials,
                reviewer_registration=profile.registration,
                signed_at=now,
                review_kind="full",
                last_full_review_at=now,
                next_review_due=now.date() + datetime.timedelta(days=365),
                attestation=ATTESTATION,
                readability=readability_record_of(page),
            )
        )
    ClinicalSignoff.objects.bulk_create(signoffs, batch_size=500)
    model.objects.filter(pk__in=_pks(pages)).update(
        live=True, first_published_at=now, last_published_at=now, has_unpublished_changes=False
    )
    servable = signed_only(model.objects.live().filter(pk__in=_pks(pages))).count()
    if servable != len(pages):
        raise RuntimeError(f"Only {servable} of {len(pages)} {model.__name__}s are servable.")


def _pks(pages: list[Page]) -> list[int]:
    return [page.pk for page in pages]
