"""A condition patients have: what it is, how it shows, what it is also called and coded as."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content_models.blocks import SECTION_RICH_TEXT_FEATURES, SymptomBlock
from content_models.panels import REVIEW_CHECKS, RegisteredPanel
from signing.signoffs import public_pages

from .base import ClinicalContentPage


class CodingSystem(models.TextChoices):
    SNOMED_CT = "SNOMED-CT", "SNOMED CT"
    ICD_10 = "ICD-10", "ICD-10"
    ICD_11 = "ICD-11", "ICD-11"


# The shape of a code in each system, with an example for the error message.
CODE_SHAPES: dict[str, tuple[re.Pattern[str], str]] = {
    CodingSystem.SNOMED_CT: (re.compile(r"^[1-9]\d{5,17}$"), "a concept id of 6 to 18 digits"),
    CodingSystem.ICD_10: (
        re.compile(r"^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$"),
        'a letter, two characters, then optionally "." and up to four more, such as "G90.5"',
    ),
    CodingSystem.ICD_11: (
        re.compile(r"^[0-9A-Z]{4}(\.[0-9A-Z]{1,4})?$"),
        'four characters, then optionally "." and up to four more, such as "MG30.0"',
    ),
}


class ConditionPage(ClinicalContentPage):
    description = RichTextField(features=SECTION_RICH_TEXT_FEATURES)
    symptoms = StreamField([("symptom", SymptomBlock())], blank=True)

    content_panels = [
        *ClinicalContentPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("symptoms"),
        InlinePanel("synonyms", label="Other names", heading="Other names"),
        InlinePanel("codes", label="Medical code", heading="Medical codes"),
        MultiFieldPanel(ClinicalContentPage.image_panels, heading="Image"),
        FieldPanel("references"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            RegisteredPanel(REVIEW_CHECKS),
            ObjectList(ClinicalContentPage.promote_panels, heading="Promote"),
            ObjectList(ClinicalContentPage.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *ClinicalContentPage.search_fields,
        index.SearchField("description"),
        index.SearchField("symptoms"),
        index.RelatedFields("synonyms", [index.SearchField("name")]),
    ]
    parent_page_types = ["content_models.ConditionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "condition"

    def linked_treatments(self):
        """Public treatments for this condition in its language (as its documents list them):
        the reverse of TreatmentCondition, entered once on the treatment."""
        from .treatments import TreatmentPage

        if self.pk is None:  # a preview of a new condition: nothing links to it yet
            return TreatmentPage.objects.none()
        treatments = TreatmentPage.objects.filter(
            condition_links__condition=self, locale_id=self.locale_id
        )
        return public_pages(treatments).distinct().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        treatments = list(self.linked_treatments())
        # Each with the link's status, stance and note: patients read them beside it.
        links = (
            {
                link.treatment_id: link
                for link in self.treatment_links.filter(treatment__in=[t.pk for t in treatments])
            }
            if treatments
            else {}
        )
        for treatment in treatments:
            treatment.link = links.get(treatment.pk)
        context["treatments"] = treatments
        return context


class ConditionSynonym(Orderable):
    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=200)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        # Rows made in code may share a sort order: the first made comes first, wherever read.
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class ConditionCode(Orderable):
    """A code in a medical terminology, so records systems can link to patient information."""

    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="codes")
    system = models.CharField(max_length=20, choices=CodingSystem.choices)
    code = models.CharField(max_length=40)

    panels = [FieldPanel("system"), FieldPanel("code")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # see ConditionSynonym
        indexes = [models.Index(fields=["system", "code"])]

    def __str__(self) -> str:
        return f"{self.system}:{self.code}"

    def clean(self) -> None:
        super().clean()
        self.code = (self.code or "").strip().upper()
        shape = CODE_SHAPES.get(self.system)
        if shape and self.code and not shape[0].match(self.code):
            raise ValidationError({"code": f"A {self.get_system_display()} code is {shape[1]}."})
