"""Build the demo site from ``ketamine.json``: users, snippets, the page tree and the treatment.

Idempotent: everything is looked up by a natural key first, so a second run changes nothing.
The data file names the source of every clinical fact; nothing here adds one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from accounts import otp
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

DATA_FILE = "ketamine.json"
ROLE_GROUPS = {
    "editor": "Editors",
    "reviewer": "Medical reviewers",
    "reviewer_fr": "Medical reviewers",
}


def load_demo_data() -> dict[str, Any]:
    text = resources.files("demo").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def read_source(name: str) -> str:
    """The text of one of the two source documents kept beside the data file."""
    path = load_demo_data()["sources"][name]
    return resources.files("demo").joinpath(path).read_text(encoding="utf-8")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    users: list[dict[str, str]] = field(default_factory=list)

    def note(self, what: str) -> None:
        self.created.append(what)


def _strip_provenance(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key != "from"}


def _stream(block_type: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": block_type, "value": _strip_provenance(item)} for item in items]


def _risks(items: list[dict[str, Any]], references: dict[str, Any]) -> list[dict[str, Any]]:
    """Risks, the source of a frequency figure named by its reference key."""
    return [
        {
            "type": "risk",
            "value": {
                **_strip_provenance(item),
                "frequency_source": [
                    _reference_value(references[key]) for key in item.get("frequency_source", [])
                ],
            },
        }
        for item in items
    ]


def _reference_value(reference: dict[str, Any]) -> dict[str, Any]:
    value = {
        "title": "",
        "authors": "",
        "source": "",
        "year": None,
        "url": "",
        "doi": "",
        "pmid": "",
        "evidence_level": "",
        "finding": "",
    }
    value.update(_strip_provenance(reference))
    return value


class DemoLoader:
    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data = data or load_demo_data()
        self.report = LoadReport()
        self.users: dict[str, Any] = {}
        self.passwords = {spec["role"]: spec["password"] for spec in self.data["users"]}
        self.verification: otp.Verification | None = None

    @transaction.atomic
    def run(self) -> LoadReport:
        self.load_users()
        routes = self.load_routes()
        clinic = self.load_clinic()
        self.load_disclaimer("default_disclaimer")
        disclaimer = self.load_disclaimer()
        home = self.load_home()
        treatment_index = self._child(home, TreatmentIndexPage, self.data["treatment_index"])
        condition_index = self._child(home, ConditionIndexPage, self.data["condition_index"])
        conditions = self.load_conditions(condition_index)
        treatment = self.load_treatment(treatment_index, conditions, routes, clinic, disclaimer)
        self.load_translation(treatment)
        return self.report

    # Users and snippets -------------------------------------------------------------------

    def load_users(self) -> None:
        user_model = get_user_model()
        for spec in self.data["users"]:
            user, created = user_model.objects.get_or_create(
                username=spec["username"],
                defaults={
                    "email": spec["email"],
                    "first_name": spec["first_name"],
                    "last_name": spec["last_name"],
                    "is_staff": spec["role"] == "admin",
                    "is_superuser": spec["role"] == "admin",
                },
            )
            if created:
                user.set_password(spec["password"])
                user.save()
                if spec["role"] in ROLE_GROUPS:
                    user.groups.add(Group.objects.get(name=ROLE_GROUPS[spec["role"]]))
                self.report.note(f"user {user.username}")
            if profile := spec.get("clinician_profile"):
                ClinicianProfile.objects.get_or_create(user=user, defaults=profile)
            # An authenticator with the published demo key (``manage.py demo_totp_code``),
            # unless the account has one already.
            if (key := spec.get("totp_key")) and not otp.has_second_factor(user):
                otp.enrol(user, key=key)
                self.report.note(f"authenticator of {user.username}")
            self.users[spec["role"]] = user
            self.report.users.append(
                {"username": spec["username"], "password": spec["password"], "role": spec["role"]}
            )

    def load_routes(self) -> dict[str, RouteOfAdministration]:
        routes = {}
        for spec in self.data["routes"]:
            route, created = RouteOfAdministration.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "kind": spec["kind"],
                    "description": spec["description"],
                },
            )
            if created:
                self.report.note(f"route {route.name}")
            routes[route.slug] = route
        return routes

    def load_clinic(self) -> Clinic:
        spec = _strip_provenance(self.data["clinic"])
        clinic, created = Clinic.objects.get_or_create(
            name=spec.pop("name"), locale=Locale.get_default(), defaults=spec
        )
        if created:
            clinic.save_revision(user=self.users["admin"])
            self.report.note(f"clinic {clinic.name}")
        return clinic

    def load_disclaimer(self, key: str = "disclaimer") -> Disclaimer:
        spec = self.data[key]
        disclaimer = Disclaimer.objects.filter(
            title=spec["title"], locale=Locale.get_default()
        ).first()
        if disclaimer is None:
            disclaimer = Disclaimer(
                title=spec["title"],
                text=spec["text"],
                is_default=key == "default_disclaimer",
                live=False,
            )
            disclaimer.save()
            disclaimer.save_revision(user=self.users["editor"])
            self.review_and_publish(disclaimer)
            self.report.note(f"disclaimer {disclaimer.title}")
        return disclaimer

    # Pages -------------------------------------------------------------------------------

    def load_home(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        # Wagtail's own migration leaves a bare "Welcome" page at the site root; replace it.
        for welcome in root.get_children().filter(content_type__model="page", numchild=0):
            welcome.delete()
        spec = self.data["home"]
        home = HomePage(title=spec["title"], slug="home", intro=spec["intro"], live=False)
        root.add_child(instance=home)
        home.save_revision(user=self.users["editor"])
        self.review_and_publish(home)
        if site is None:
            site = Site(hostname="localhost", is_default_site=True)
        if settings.FRONTEND_BASE_URL:
            # The demo's site is its own frontend: links made from the site's root (a list's
            # address in the API, the links in emails) reach the development server.
            address = urlparse(settings.FRONTEND_BASE_URL)
            site.hostname = address.hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
        site.root_page = home
        site.site_name = spec["title"]
        site.save()
        self.report.note("home page")
        return home

    def _child(self, parent: Page, model: type[Page], spec: dict[str, Any]) -> Page:
        existing = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
        if existing:
            return existing
        page = model(title=spec["title"], slug=spec["slug"], live=False)
        parent.add_child(instance=page)
        page.save_revision(user=self.users["editor"])
        self.review_and_publish(page)
        self.report.note(f"{model._meta.verbose_name} {page.title}")
        return page

    def load_conditions(self, index: ConditionIndexPage) -> dict[str, ConditionPage]:
        references = self.data["references"]
        conditions = {}
        for spec in self.data["conditions"]:
            page = ConditionPage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is None:
                page = ConditionPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    description=spec["description"],
                    symptoms=_stream("symptom", spec["symptoms"]),
                    references=[
                        {"type": "reference", "value": _reference_value(references[key])}
                        for key in spec.get("references", [])
                    ],
                    live=False,
                )
                page.synonyms = [
                    ConditionSynonym(name=name, sort_order=order)
                    for order, name in enumerate(spec["synonyms"])
                ]
                index.add_child(instance=page)
                page.save_revision(user=self.users["editor"])
                self.review_and_publish(page)
                self.report.note(f"condition {page.title}")
            conditions[spec["key"]] = page
        return conditions

    def load_treatment(
        self,
        index: TreatmentIndexPage,
        conditions: dict[str, ConditionPage],
        routes: dict[str, RouteOfAdministration],
        clinic: Clinic,
        disclaimer: Disclaimer,
    ) -> TreatmentPage:
        spec = self.data["treatment"]
        page = TreatmentPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is not None:
            return page
        editor = self.users["editor"]
        page = TreatmentPage(slug=spec["slug"], clinic=clinic, disclaimer=disclaimer, live=False)
        self._apply_treatment_content(page, spec["as_written"], conditions)
        page.routes.set([routes[slug] for slug in spec["routes"]])
        index.add_child(instance=page)
        # The article as written is submitted and rejected with the reviewer's notes; the
        # corrected wording is resubmitted, signed off as a full review, and goes live.
        page.save_revision(user=editor, log_action=True)
        workflow_state = page.get_workflow().start(page, editor)
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(
            task_state, self.users["reviewer"], "reject", comment=spec["rejection"]["comment"]
        )
        page = TreatmentPage.objects.get(pk=page.pk)
        self._apply_treatment_content(page, spec["reviewed"], conditions)
        page.save_revision(user=editor, log_action=True)
        workflow_state.refresh_from_db()
        workflow_state.resume(user=editor)
        self.approve(workflow_state.current_task_state)
        self.report.note(f"treatment {page.title}")
        return page

    def load_translation(self, treatment: TreatmentPage) -> TreatmentPage | None:
        """The treatment's French translation, made with wagtail-localize and submitted for
        clinical review, never signed here: a reviewer who reviews in French signs it in the
        admin (``reviewer-fr``); the English-only demo reviewer may not. Its parent pages are
        drafts copying the English, in review as well. Only where French is a content
        language."""
        spec = self.data.get("translation")
        if not spec or spec["locale"] not in dict(settings.LANGUAGES):
            return None
        from wagtail_localize.models import Translation, TranslationSource

        from review.translations import translate_ancestors

        locale, _ = Locale.objects.get_or_create(language_code=spec["locale"])
        existing = treatment.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        editor = self.users["editor"]
        # The French tree's home and index pages: drafts copying the English, in review too
        # (nothing of a language is public until its tree's root is).
        translate_ancestors(treatment, locale)
        for ancestor in treatment.get_ancestors().filter(depth__gt=1):
            draft = ancestor.get_translation(locale).specific
            if not draft.live and draft.current_workflow_state is None:
                draft.save_revision(user=editor, log_action=True)
                draft.get_workflow().start(draft, editor)
        source, _ = TranslationSource.get_or_create_from_instance(treatment)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        translation.save_target(user=editor, publish=False)
        page = treatment.get_translation(locale).specific
        page.title, page.summary = spec["title"], spec["summary"]
        page.save_revision(user=editor, log_action=True)
        page.get_workflow().start(page, editor)
        self.report.note(f"translation {page.title} (in review)")
        return page

    def _apply_treatment_content(
        self, page: TreatmentPage, content: dict[str, Any], conditions: dict[str, ConditionPage]
    ) -> None:
        references = self.data["references"]
        page.title = content["title"]
        page.draft_title = content["title"]
        for name in (
            "summary",
            "what_it_is",
            "how_it_works",
            "session_length",
            "initial_sessions",
            "maintenance",
            "call_to_action",
        ):
            setattr(page, name, content[name])
        page.benefits = [
            {
                "type": "benefit",
                "value": {
                    "headline": benefit["headline"],
                    "explanation": benefit["explanation"],
                    "references": [
                        _reference_value(references[key]) for key in benefit["references"]
                    ],
                },
            }
            for benefit in content["benefits"]
        ]
        page.steps = _stream("step", content["steps"])
        page.common_side_effects = _risks(content["common_side_effects"], references)
        page.serious_risks = _risks(content["serious_risks"], references)
        page.suitable_for = _stream("criterion", content["suitable_for"])
        page.not_suitable_for = _stream("criterion", content["not_suitable_for"])
        page.faqs = _stream("faq", content["faqs"])
        page.references = [
            {"type": "reference", "value": _reference_value(references[key])}
            for key in content["references"]
        ]
        page.condition_links = [
            TreatmentCondition(
                condition=conditions[link["condition"]],
                sort_order=order,
                **{name: link.get(name, "") for name in TreatmentCondition.SHOWN_FIELDS},
            )
            for order, link in enumerate(content["conditions"])
        ]

    # Clinical review ------------------------------------------------------------------------

    def review_and_publish(self, obj) -> None:
        """Submit the latest revision as the editor; the reviewer signs it off and it goes live."""
        workflow_state = obj.get_workflow().start(obj, self.users["editor"])
        self.approve(workflow_state.current_task_state)

    def second_factor(self) -> otp.Verification:
        """The demo reviewer's second factor, passed once for the whole load with the code
        their authenticator shows: the loader signs a dozen records within seconds, and a code
        works once per 30-second step. Each sign-off records it ("totp")."""
        if self.verification is None:
            reviewer = self.users["reviewer"]
            code = otp.current_code(otp.authenticator(reviewer))
            self.verification = otp.verify(reviewer, code)
            if self.verification is None:
                raise RuntimeError("The demo reviewer's authenticator refused its own code.")
        return self.verification

    def approve(self, task_state) -> None:
        """Sign off through the same form a reviewer fills in: attestation, password and the
        second factor."""
        from claims.checker import check_object
        from claims.demo_resolutions import justification_for_flag
        from review.forms import SignoffForm
        from review.signoff import default_next_review_due

        reviewer = self.users["reviewer"]
        obj = task_state.revision.as_object()
        data = {
            "attest": "on",
            "password": self.passwords["reviewer"],
            "review_kind": "full",
            "next_review_due": default_next_review_due(obj).isoformat(),
        }
        # Remaining flags are resolved with justifications drawn from the reviewer's notes.
        for flag in check_object(obj):
            justification = justification_for_flag(flag)
            if justification is None:
                raise RuntimeError(f"No demo justification for the flag {flag.rule} on {obj}")
            data[SignoffForm.flag_field_name(flag)] = justification
        form = SignoffForm(
            data, user=reviewer, task_state=task_state, verification=self.second_factor()
        )
        if not form.is_valid():
            raise RuntimeError(f"The demo sign-off of {obj} was refused: {form.errors.as_text()}")
        task_state.task.specific.on_action(
            task_state, reviewer, "approve", signoff=form.validated_signoff()
        )


def load_demo_content() -> LoadReport:
    return DemoLoader().run()
