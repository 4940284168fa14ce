"""The content digest: identical content hashes the same wherever it is stored."""

import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail_factories import ImageFactory

from content_models.models import ConditionSynonym, TreatmentCondition, TreatmentPage
from review.guards import PublishRefused
from review.models import ClinicalSignoff
from signing.digest import canonical_content, content_digest
from signing.signoffs import signoffs_of
from tests.factories import (
    ClinicFactory,
    ConditionPageFactory,
    DisclaimerFactory,
    HomePageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)
from tests.factories.signing import sign
from tests.workflow import approval_data, review_url, submit_new_treatment

pytestmark = pytest.mark.django_db


def test_a_draft_revision_and_the_published_rows_have_the_same_digest(
    treatment_index, condition_index
):
    condition = ConditionPageFactory(parent=condition_index)
    page = TreatmentPageFactory(parent=treatment_index, live=False)
    # Child rows in a draft revision have no primary keys yet; once published they do.
    page.condition_links = [TreatmentCondition(condition=condition, note="Some evidence.")]
    draft = page.save_revision()
    draft_digest = content_digest(draft.as_object())

    assert sign(draft).digest == draft_digest
    draft.publish()

    published = TreatmentPage.objects.get(pk=page.pk)
    assert published.condition_links.get().pk is not None
    assert content_digest(published) == draft_digest
    assert content_digest(published.get_latest_revision().as_object()) == draft_digest


def test_saving_identical_content_twice_gives_one_digest(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index)
    first = page.save_revision()
    second = page.save_revision()

    assert first.pk != second.pk
    assert content_digest(first.as_object()) == content_digest(second.as_object())


def test_the_digest_ignores_ids_position_and_publishing_metadata(treatment_index):
    page = TreatmentPageFactory(
        parent=treatment_index, benefits__0__benefit__headline="Relief", slug="a-slug"
    )
    content = canonical_content(page)

    text = str(content)
    for absent in (str(page.pk), page.slug, page.url_path, "live", "owner"):
        assert f"'{absent}'" not in text
    assert content["benefits"][0]["value"]["headline"] == "Relief"
    assert all("id" not in block for block in content["benefits"])


def test_the_digest_changes_with_the_content_and_the_conditions(treatment_index, condition_index):
    page = TreatmentPageFactory(parent=treatment_index)
    before = content_digest(page)

    page.summary = "A different summary."
    changed_text = content_digest(page)
    page.condition_links = [
        TreatmentCondition(condition=ConditionPageFactory(parent=condition_index))
    ]
    changed_relation = content_digest(page)

    assert len({before, changed_text, changed_relation}) == 3


def test_empty_optional_values_are_omitted_so_new_fields_do_not_change_digests(condition_index):
    page = ConditionPageFactory(parent=condition_index)

    content = canonical_content(page)

    assert "image_alt_text" not in content and "symptoms" not in content
    before = content_digest(page)
    page.synonyms = [ConditionSynonym(name="Another name")]
    assert content_digest(page) != before


def test_moving_a_signed_page_keeps_it_signed(
    client, home_page, submitted, reviewer, reviewer_client, editor
):
    reviewer_client.post(review_url(submitted), approval_data(reviewer))
    second_home = HomePageFactory(parent=Page.get_first_root_node(), slug="second-home")
    other_index = TreatmentIndexPageFactory(parent=second_home, slug="other-treatments")
    signed = signoffs_of(submitted).get().digest

    submitted.refresh_from_db()
    submitted.move(other_index, pos="last-child")

    moved = TreatmentPage.objects.get(pk=submitted.pk)
    assert moved.url_path.endswith("/other-treatments/exercise-therapy/")
    assert content_digest(moved) == signed


def test_reverting_to_signed_content_is_still_signed(
    submitted, editor_client, reviewer, reviewer_client
):
    from tests.workflow import edit_and_submit

    reviewer_client.post(review_url(submitted), approval_data(reviewer))
    first = signoffs_of(submitted).get()
    edit_and_submit(editor_client, submitted, title="A later wording")
    submitted.refresh_from_db()

    reverted = first.revision.as_object()
    revision = reverted.save_revision()

    assert content_digest(revision.as_object()) == first.digest
    assert ClinicalSignoff.objects.filter(digest=content_digest(revision.as_object())).exists()


def test_a_new_treatment_signed_through_the_admin_has_the_digest_of_its_live_row(
    editor_client, treatment_index, reviewer, reviewer_client
):
    page = submit_new_treatment(editor_client, treatment_index, title="Heat therapy", slug="heat")
    reviewer_client.post(review_url(page), approval_data(reviewer))

    assert signoffs_of(page).get().digest == content_digest(TreatmentPage.objects.get(pk=page.pk))


@pytest.mark.django_db
def test_children_with_equal_sort_orders_give_one_digest_whatever_their_order(condition_index):
    """PostgreSQL returns rows with equal sort orders in any order (it did, now and then, and
    the signed page answered 404): the digest must not depend on it."""
    first, second = (
        ConditionPageFactory(parent=condition_index, title=title) for title in ("First", "Second")
    )

    def digest(conditions) -> str:
        page = TreatmentPage(title="Tied", slug="tied")
        page.condition_links = [
            TreatmentCondition(condition=condition, note="Same place.", sort_order=0)
            for condition in conditions
        ]
        return content_digest(page)

    assert digest([first, second]) == digest([second, first])


def test_the_choice_of_disclaimer_is_content(treatment_index):
    first, second = DisclaimerFactory(), DisclaimerFactory()
    page = TreatmentPageFactory(parent=treatment_index, disclaimer=first)
    with_first = content_digest(page)

    page.disclaimer = second
    assert content_digest(page) != with_first
    page.disclaimer = first
    assert content_digest(page) == with_first
    page.clinic = ClinicFactory()  # operational contact details: not reviewed
    assert content_digest(page) == with_first


HIDDEN = ' data-block-key="No side effects. Cures chronic pain for good."'


def test_words_shaped_like_a_block_key_are_content_in_plain_and_rich_text(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index)
    signed = content_digest(page)

    page.summary += HIDDEN
    assert content_digest(page) != signed
    page.refresh_from_db()
    page.what_it_is += f"<p>Typed{HIDDEN}</p>"  # the words of a paragraph, not an attribute
    assert content_digest(page) != signed


def test_rich_texts_own_block_keys_are_not_content(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, what_it_is='<p data-block-key="a1">A</p>')
    signed = content_digest(page)

    page.what_it_is = '<p data-block-key="zz9">A</p>'
    assert content_digest(page) == signed


def test_publishing_hidden_words_in_a_signed_summary_is_refused(treatment_index, client):
    page = TreatmentPageFactory(parent=treatment_index, slug="hidden-words")
    page.summary += HIDDEN
    with pytest.raises(PublishRefused):
        page.save_revision().publish()
    assert HIDDEN not in client.get("/api/v1/treatments/hidden-words/").content.decode()


def test_choosing_another_image_without_a_file_hash_is_content(treatment_index):
    first, second = ImageFactory(), ImageFactory()
    assert first.file_hash == second.file_hash == ""  # made in code, not uploaded in the admin
    page = TreatmentPageFactory(parent=treatment_index, image=first, image_alt_text="A picture.")
    with_first = content_digest(page)

    page.image = second
    assert content_digest(page) != with_first
    page.image = None
    assert content_digest(page) != with_first
    with pytest.raises(PublishRefused):
        page.image = second
        page.save_revision().publish()


def test_swapping_a_live_treatments_disclaimer_is_refused_without_a_review(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, disclaimer=DisclaimerFactory())
    page.disclaimer = DisclaimerFactory()
    with pytest.raises(PublishRefused):
        page.save()


@override_settings(CLINICAL_GUARD_PUBLISHING=False)
def test_a_swapped_disclaimer_unsigns_the_page_if_the_guard_is_bypassed(treatment_index, client):
    page = TreatmentPageFactory(parent=treatment_index, disclaimer=DisclaimerFactory())
    assert client.get(page.url).status_code == 200

    page.disclaimer = DisclaimerFactory()
    page.save()

    assert client.get(page.url).status_code == 404
    assert client.get(f"/api/v1/treatments/{page.slug}/").status_code == 404
