"""Required fields and validation rules, each with the message an editor sees."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from content_models.blocks import BenefitBlock, ReferenceBlock
from content_models.models import ConditionCode, ConditionPage, TreatmentPage
from tests.factories import TreatmentPageFactory


def _reference(**overrides):
    value = {
        "title": "Consensus guidelines",
        "authors": "",
        "source": "",
        "year": 2018,
        "url": "",
        "doi": "",
        "pmid": "",
        "evidence_level": "guideline",
        "finding": "",
    }
    value.update(overrides)
    block = ReferenceBlock()
    return block, block.to_python(value)


def _block_error(excinfo, name: str) -> str:
    return " ".join(excinfo.value.block_errors[name].messages)


def test_a_well_formed_reference_is_accepted_and_links_are_derived():
    block, value = _reference(doi="10.1213/ANE.0000000000004185", pmid="31082965")

    cleaned = block.clean(value)

    assert cleaned.doi_url == "https://doi.org/10.1213/ANE.0000000000004185"
    assert cleaned.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/31082965/"
    assert cleaned.best_url == cleaned.doi_url
    assert cleaned.evidence_level_label.startswith("Clinical guideline")


@pytest.mark.parametrize("doi", ["10.12/x", "AAP.0000000000000808", "10.1097"])
def test_a_malformed_doi_is_refused_with_an_example(doi):
    block, value = _reference(doi=doi)

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)

    assert 'A DOI starts with "10."' in _block_error(excinfo, "doi")


def test_a_doi_given_as_a_link_is_refused_with_advice():
    block, value = _reference(doi="https://doi.org/10.1097/AAP.0000000000000808")

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)

    assert "without" in _block_error(excinfo, "doi")


@pytest.mark.parametrize("pmid", ["PMID31082965", "3108-2965", "0123", "1234567890"])
def test_a_malformed_pmid_is_refused(pmid):
    block, value = _reference(pmid=pmid)

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)

    assert "PubMed number" in _block_error(excinfo, "pmid")


def test_a_malformed_url_is_refused():
    block, value = _reference(url="nice.org.uk guidance")

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)

    assert "Enter a valid URL" in _block_error(excinfo, "url")


def test_a_reference_needs_a_title_and_an_evidence_level():
    block, value = _reference(title="", evidence_level="")

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)

    assert set(excinfo.value.block_errors) == {"title", "evidence_level"}


def test_a_benefit_needs_a_headline_and_an_explanation_but_no_reference_while_drafting():
    block = BenefitBlock()

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"headline": "", "explanation": "", "references": []}))
    assert set(excinfo.value.block_errors) == {"headline", "explanation"}

    cleaned = block.clean(
        block.to_python({"headline": "Relief", "explanation": "<p>Some.</p>", "references": []})
    )
    assert cleaned["headline"] == "Relief"


def test_benefit_text_allows_no_embeds_images_or_raw_html():
    features = BenefitBlock().child_blocks["explanation"].features

    assert not {"embed", "image", "raw-html", "document-link"} & set(features)


@pytest.mark.parametrize(
    ("system", "code", "message"),
    [
        ("SNOMED-CT", "12A45", "concept id of 6 to 18 digits"),
        ("ICD-10", "G905", 'such as "G90.5"'),
        ("ICD-11", "MG30-0", 'such as "MG30.0"'),
    ],
)
def test_medical_codes_must_have_their_systems_shape(system, code, message):
    with pytest.raises(ValidationError) as excinfo:
        ConditionCode(system=system, code=code).clean()

    assert message in " ".join(excinfo.value.message_dict["code"])


@pytest.mark.parametrize(
    ("system", "code"),
    [("SNOMED-CT", "128613002"), ("ICD-10", "g90.5"), ("ICD-11", "MG30.0")],
)
def test_well_formed_medical_codes_are_accepted_and_normalised(system, code):
    entry = ConditionCode(system=system, code=f" {code} ")

    entry.clean()

    assert entry.code == code.upper()


@pytest.mark.django_db
def test_an_image_needs_alt_text(treatment_index):
    from wagtail_factories import ImageFactory

    page = TreatmentPageFactory(parent=treatment_index)
    page.image = ImageFactory()
    page.image_alt_text = "  "

    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()

    assert "Describe the image" in excinfo.value.message_dict["image_alt_text"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [TreatmentPage, ConditionPage])
def test_the_summary_is_length_limited(model):
    page = model(title="A title", slug="a-title", summary="x" * 281)

    with pytest.raises(ValidationError) as excinfo:
        page.clean_fields(exclude=[f.name for f in model._meta.fields if f.name != "summary"])

    assert "at most 280 characters" in excinfo.value.message_dict["summary"][0]
