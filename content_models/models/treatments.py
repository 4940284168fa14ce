"""A treatment, held as structured clinical statements rather than one block of text."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable
from wagtail.search import index

from content_models.blocks import (
    SECTION_RICH_TEXT_FEATURES,
    BenefitBlock,
    EligibilityCriterionBlock,
    FAQBlock,
    RiskBlock,
    TreatmentStepBlock,
)
from content_models.panels import REVIEW_CHECKS, RegisteredPanel
from signing.history import end_of_day, signed_version_at
from signing.signoffs import is_servable, public_pages

from .base import ClinicalContentPage

RISKS_REQUIRED_MESSAGE = (
    "Add at least one risk or side effect (common or serious) before submitting or publishing: "
    "patients must see the risks beside the benefits."
)


RISKS_HELP = (
    "Required before review: at least one common side effect or serious risk, so patients see "
    "the risks beside the benefits."
)


class TreatmentPageForm(WagtailAdminPageForm):
    """Drafts may be incomplete; anything that goes to review or live must name its risks."""

    def clean(self):
        cleaned_data = super().clean()
        risks = ("common_side_effects", "serious_risks")
        if (
            not self.is_deferred_validation
            # A risk with an error of its own is there: its error says what is wrong.
            and not any(name in self.errors for name in risks)
            and not any(cleaned_data.get(name) for name in risks)
        ):
            self.add_error("common_side_effects", RISKS_REQUIRED_MESSAGE)
            self.add_error("serious_risks", RISKS_REQUIRED_MESSAGE)
        return cleaned_data


class TreatmentPage(ClinicalContentPage):
    what_it_is = RichTextField(features=SECTION_RICH_TEXT_FEATURES, verbose_name="what it is")
    how_it_works = RichTextField(
        features=SECTION_RICH_TEXT_FEATURES, blank=True, verbose_name="how it works"
    )
    routes = ParentalManyToManyField(
        "content_models.RouteOfAdministration",
        blank=True,
        related_name="treatments",
        verbose_name="how it is given",
        help_text="Each medicine route, device, procedure or therapy the treatment uses.",
    )
    benefits = StreamField([("benefit", BenefitBlock())], blank=True)
    steps = StreamField(
        [("step", TreatmentStepBlock())],
        blank=True,
        verbose_name="what to expect",
        help_text="The steps of a visit or course, in order.",
    )
    session_length = models.CharField(
        max_length=200, blank=True, help_text='For example "about 45 minutes to an hour".'
    )
    initial_sessions = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="initial course",
        help_text="How many sessions at first.",
    )
    maintenance = models.CharField(
        max_length=300, blank=True, help_text="Whether and how often maintenance sessions follow."
    )
    common_side_effects = StreamField(
        [("risk", RiskBlock())],
        blank=True,
        verbose_name="common side effects",
        help_text=RISKS_HELP,
    )
    serious_risks = StreamField(
        [("risk", RiskBlock())], blank=True, verbose_name="serious risks", help_text=RISKS_HELP
    )
    suitable_for = StreamField(
        [("criterion", EligibilityCriterionBlock())], blank=True, verbose_name="who it may suit"
    )
    not_suitable_for = StreamField(
        [("criterion", EligibilityCriterionBlock())],
        blank=True,
        verbose_name="who it may not suit",
        help_text="Contraindications, and what needs a specialist's caution first. Patients see "
        'it as "Who it may not suit".',
    )
    faqs = StreamField([("faq", FAQBlock())], blank=True, verbose_name="FAQs")
    call_to_action = models.CharField(
        max_length=200, blank=True, help_text='For example "Contact us to book a consultation".'
    )
    clinic = models.ForeignKey(
        "content_models.Clinic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="treatments",
    )
    # Protected: deleting a chosen disclaimer would change the treatment's signed content and
    # take it offline; Wagtail's delete view lists the treatments that use it instead.
    disclaimer = models.ForeignKey(
        "content_models.Disclaimer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="treatments",
    )

    base_form_class = TreatmentPageForm
    parent_page_types = ["content_models.TreatmentIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *ClinicalContentPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("what_it_is"),
        FieldPanel("how_it_works"),
        FieldPanel("routes", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "condition_links",
            label="Condition",
            heading="Conditions treated",
            help_text="Each with an optional note, for example on the strength of evidence.",
        ),
        MultiFieldPanel(ClinicalContentPage.image_panels, heading="Image"),
    ]
    benefits_and_risks_panels = [
        FieldPanel("benefits"),
        FieldPanel("common_side_effects"),
        FieldPanel("serious_risks"),
    ]
    what_to_expect_panels = [
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("session_length"),
                FieldPanel("initial_sessions"),
                FieldPanel("maintenance"),
            ],
            heading="Course of treatment",
        ),
    ]
    eligibility_panels = [FieldPanel("suitable_for"), FieldPanel("not_suitable_for")]
    more_panels = [
        FieldPanel("faqs"),
        FieldPanel("references"),
        MultiFieldPanel(
            [FieldPanel("call_to_action"), FieldPanel("clinic"), FieldPanel("disclaimer")],
            heading="Call to action and disclaimer",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(benefits_and_risks_panels, heading="Benefits and risks"),
            ObjectList(what_to_expect_panels, heading="What to expect"),
            ObjectList(eligibility_panels, heading="Eligibility"),
            ObjectList(more_panels, heading="FAQs, references, contact"),
            RegisteredPanel(REVIEW_CHECKS),
            ObjectList(ClinicalContentPage.promote_panels, heading="Promote"),
            ObjectList(ClinicalContentPage.settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *ClinicalContentPage.search_fields,
        index.SearchField("what_it_is"),
        index.SearchField("how_it_works"),
        index.SearchField("benefits"),
        index.SearchField("common_side_effects"),
        index.SearchField("serious_risks"),
        index.SearchField("steps"),
        index.SearchField("suitable_for"),
        index.SearchField("not_suitable_for"),
        index.SearchField("faqs"),
        index.RelatedFields("condition_links", [index.SearchField("note")]),
    ]

    class Meta:
        verbose_name = "treatment"

    def get_context(self, request, *args, **kwargs):
        from .conditions import ConditionPage

        context = super().get_context(request, *args, **kwargs)
        # Conditions in the page's language, as its documents show them.
        in_its_language = ConditionPage.objects.filter(locale_id=self.locale_id)
        signed = public_pages(in_its_language).values_list("pk", flat=True)
        signed_ids = set(signed)
        # Filtered in Python: in an admin preview the links live in memory, not in the database.
        context["condition_links"] = [
            link
            for link in self.condition_links.select_related("condition")
            if link.condition_id in signed_ids
        ]
        # The sign-off history's "what patients saw on <date>" shows that day's disclaimer.
        day = getattr(request, "date_as_seen", None)
        at = end_of_day(day) if day is not None else None
        context["disclaimer"] = self.shown_disclaimer(self.disclaimer_candidates(at), at=at)
        context["clinic"] = self.shown_clinic()
        return context

    def disclaimer_candidates(self, at: datetime.datetime | None = None) -> list:
        """The disclaimers this treatment may show, best first: its choice (else the default
        disclaimer, as it was ``at`` if given) in the page's language, then in the default
        language. The first live and signed one is shown, so a translation shows the signed
        default-language disclaimer until the disclaimer's own translation is signed, never
        none."""
        from .snippets import Disclaimer

        if self.disclaimer_id is None:
            chosen = Disclaimer.default(at)
        else:
            try:
                chosen = self.disclaimer
            except Disclaimer.DoesNotExist:  # a past revision names one deleted since
                chosen = None
        if chosen is None:
            return []
        languages = dict.fromkeys([self._language(), Locale.get_default()])
        found = [chosen.get_translation_or_none(locale) for locale in languages] + [chosen]
        return list({d.pk: d for d in found if d is not None}.values())

    def shown_disclaimer(self, candidates: list | None = None, at: datetime.datetime | None = None):
        """The first live and signed of the disclaimer candidates, or None; with ``at``, the
        first that was live and signed at that moment, as it read then."""
        candidates = self.disclaimer_candidates(at) if candidates is None else candidates
        if at is not None:
            return next(filter(None, (signed_version_at(d, at) for d in candidates)), None)
        return next((d for d in candidates if d.live and is_servable(d)), None)

    def shown_clinic(self):
        """The chosen clinic's version in the page's language, if there is one (a clinic is
        operational data, not signed content: its translation shows as soon as it is saved)."""
        if self.clinic_id is None:
            return None
        return self.clinic.get_translation_or_none(self._language()) or self.clinic

    def _language(self) -> Locale:
        # A new page's preview runs before Wagtail gives it a locale.
        return self.locale if self.locale_id else Locale.get_default()


class RegulatoryStatus(models.TextChoices):
    """Whether the treatment is approved for this particular use."""

    LICENSED = "licensed", pgettext_lazy("clinical content", "Licensed for this use")
    OFF_LABEL = (
        "off_label",
        pgettext_lazy("clinical content", "Off-label (licensed for other uses)"),
    )
    DEVICE_CLEARED = (
        "device_cleared",
        pgettext_lazy("clinical content", "Device cleared for this use"),
    )
    INVESTIGATIONAL = "investigational", pgettext_lazy("clinical content", "Investigational")


class GuidelineStance(models.TextChoices):
    """What a named clinical guideline says about the treatment for this condition."""

    RECOMMENDED = "recommended", pgettext_lazy("clinical content", "Recommended")
    MAY_BE_CONSIDERED = "may_be_considered", pgettext_lazy("clinical content", "May be considered")
    NOT_RECOMMENDED = "not_recommended", pgettext_lazy("clinical content", "Not recommended")


class TreatmentCondition(Orderable):
    """A condition a treatment is used for, entered once on the treatment; a condition's
    treatments are the reverse of this relation. The link carries what patients must read
    beside it wherever it is shown: the regulatory status of this use, a guideline's stance
    and the note."""

    treatment = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(
        "content_models.ConditionPage", on_delete=models.CASCADE, related_name="treatment_links"
    )
    regulatory_status = models.CharField(
        max_length=20, choices=RegulatoryStatus.choices, blank=True,
        help_text="Is the treatment approved for this condition?",
    )  # fmt: skip
    guideline_stance = models.CharField(
        max_length=20, choices=GuidelineStance.choices, blank=True,
        help_text="What a clinical guideline says about it for this condition.",
    )  # fmt: skip
    guideline = models.CharField(
        max_length=255, blank=True,
        help_text="The guideline the stance comes from, e.g. \"NICE guideline NG193, April 2021\".",
    )  # fmt: skip
    guideline_url = models.URLField(blank=True, help_text="Optional: where to read it.")
    note = models.TextField(
        blank=True, help_text="Optional: for example how strong the evidence is for this condition."
    )

    panels = [
        FieldPanel("condition"),
        FieldPanel("regulatory_status"),
        FieldPanel("guideline_stance"),
        FieldPanel("guideline"),
        FieldPanel("guideline_url"),
        FieldPanel("note"),
    ]

    # What a document keeps of the link, to show it beside the other page.
    SHOWN_FIELDS = ("regulatory_status", "guideline_stance", "guideline", "guideline_url", "note")

    @property
    def guideline_href(self) -> str:
        """The guideline's address, if it is a web address (nothing else is ever linked)."""
        return self.guideline_url if self.guideline_url.startswith(("https://", "http://")) else ""

    def shown(self) -> dict[str, str]:
        """What patients read beside the link (stored with documents, served by the API)."""
        return {
            **{name: getattr(self, name) for name in self.SHOWN_FIELDS},
            "guideline_url": self.guideline_href,
        }

    def clean(self) -> None:
        super().clean()
        if self.guideline_stance and not self.guideline.strip():
            raise ValidationError(
                {"guideline": "Name the guideline this stance comes from (and its date)."}
            )
        if (self.guideline.strip() or self.guideline_url) and not self.guideline_stance:
            raise ValidationError(
                {"guideline_stance": "Choose what the guideline says, or leave the guideline out."}
            )

    class Meta(Orderable.Meta):
        # Rows made in code may share a sort order: the first made comes first, wherever read.
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "condition"], name="unique_condition_per_treatment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.treatment} → {self.condition}"
