"""Blocks shared by every clinical content type: references and rich-text feature sets."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

# Medical copy needs emphasis, lists and links; never raw HTML, images or embeds inside text.
CLINICAL_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
# Long sections ("what it is", "how it works") may also carry sub-headings.
SECTION_RICH_TEXT_FEATURES = ["h3", *CLINICAL_RICH_TEXT_FEATURES]

EVIDENCE_LEVEL_CHOICES = [
    ("guideline", pgettext_lazy("clinical content", "Clinical guideline (national or consensus)")),
    ("systematic_review", pgettext_lazy("clinical content", "Systematic review or meta-analysis")),
    ("randomised_trial", pgettext_lazy("clinical content", "Randomised controlled trial")),
    ("observational_study", pgettext_lazy("clinical content", "Observational study")),
    (
        "regulatory_label",
        pgettext_lazy("clinical content", "Regulatory label or prescribing information"),
    ),
    ("expert_opinion", pgettext_lazy("clinical content", "Expert opinion")),
]

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^[1-9]\d{0,8}$")


class TextStructBlock(blocks.StructBlock):
    """A struct whose optional text children read as "" when absent or stored as null (as an
    editor's empty field saves them), never None: what reads them expects strings,
    wagtail-localize's segment extraction among it. Signed content is unchanged: the content
    digest omits empty values, "" and None alike."""

    def _texts_as_strings(self, value):
        for name, child in self.child_blocks.items():
            if isinstance(child, blocks.CharBlock | blocks.TextBlock) and value.get(name) is None:
                value[name] = ""
        return value

    def to_python(self, value):
        return self._texts_as_strings(super().to_python(value))

    def bulk_to_python(self, values):
        return [self._texts_as_strings(value) for value in super().bulk_to_python(values)]


class ReferenceStructValue(blocks.StructValue):
    """Links a reader can follow, derived from the identifiers so they are never typed twice."""

    @property
    def doi_url(self) -> str:
        doi = self.get("doi")
        return f"https://doi.org/{doi}" if doi else ""

    @property
    def pubmed_url(self) -> str:
        pmid = self.get("pmid")
        return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""

    @property
    def best_url(self) -> str:
        return self.get("url") or self.doi_url or self.pubmed_url

    @property
    def evidence_level_label(self) -> str:
        return str(dict(EVIDENCE_LEVEL_CHOICES).get(self.get("evidence_level"), ""))


class ReferenceBlock(TextStructBlock):
    """A citation: enough to find the source and to judge how strong its evidence is."""

    title = blocks.CharBlock(max_length=500)
    authors = blocks.CharBlock(
        required=False, max_length=500, help_text='For example "Cohen SP, Bhatia A, et al."'
    )
    source = blocks.CharBlock(
        required=False,
        max_length=300,
        label="Publisher or journal",
        help_text="The journal, publisher or issuing body.",
    )
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=2100)
    url = blocks.URLBlock(required=False, label="URL")
    doi = blocks.CharBlock(
        required=False,
        max_length=200,
        label="DOI",
        help_text='For example "10.1097/AAP.0000000000000808"',
    )
    pmid = blocks.CharBlock(
        required=False, max_length=12, label="PMID", help_text="PubMed identifier: digits only."
    )
    evidence_level = blocks.ChoiceBlock(choices=EVIDENCE_LEVEL_CHOICES)
    finding = blocks.TextBlock(
        required=False,
        help_text="What this source says that the content relies on, in a sentence or two.",
    )

    class Meta:
        icon = "doc-full"
        label = "Reference"
        value_class = ReferenceStructValue
        template = "blocks/reference_block.html"
        form_classname = "struct-block reference-block"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        doi = (value.get("doi") or "").strip()
        if doi.lower().startswith(("https://doi.org/", "http://doi.org/", "doi:")):
            errors["doi"] = ValidationError(
                'Enter the DOI itself, without "doi:" or the doi.org address, '
                'for example "10.1097/AAP.0000000000000808".'
            )
        elif doi and not DOI_PATTERN.match(doi):
            errors["doi"] = ValidationError(
                'A DOI starts with "10." and a registrant code, then "/" and a suffix, '
                'for example "10.1097/AAP.0000000000000808".'
            )
        pmid = (value.get("pmid") or "").strip()
        if pmid and not PMID_PATTERN.match(pmid):
            errors["pmid"] = ValidationError(
                'A PMID is a PubMed number of up to 9 digits, for example "31082965".'
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        value["doi"] = doi
        value["pmid"] = pmid
        return value
