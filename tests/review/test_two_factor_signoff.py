"""Sign-off is a two-factor electronic signature: the password and a current code from the
reviewer's authenticator app (or a recovery code), each code accepted once. The record says
which second factor was used, and the chain still verifies the records made before."""

import datetime
import re

import pytest
from wagtail.models import TaskState

from accounts import otp
from review import chain
from review.forms import NO_SECOND_FACTOR, WRONG_CODE
from review.models import ClinicalSignoff, SecondFactor
from signing.signoffs import signoffs_of
from tests.factories.signing import sign
from tests.workflow import (
    approval_data,
    logged_in,
    make_reviewer,
    review_url,
    submit_new_treatment,
    totp_code,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _in_review(page) -> bool:
    page.refresh_from_db()
    state = page.current_workflow_task_state
    return state is not None and state.status == TaskState.STATUS_IN_PROGRESS


@pytest.fixture
def second(editor_client, treatment_index, submitted):
    return submit_new_treatment(editor_client, treatment_index, title="Heat therapy", slug="heat")


def test_a_signoff_without_a_code_is_refused_and_keeps_the_reviewers_inputs(
    submitted, reviewer, reviewer_client
):
    data = approval_data(reviewer, code=None, comment="Checked against the guideline.")

    response = reviewer_client.post(review_url(submitted), data)

    assert response.status_code == 200
    text = _text(response)
    assert "Enter the code from your authenticator app to sign off." in text
    assert 'href="#id_code"' in text  # the error summary links to the field
    assert "Checked against the guideline." in text  # nothing typed is lost
    assert f'value="{data["next_review_due"]}"' in text
    assert not signoffs_of(submitted).exists()
    assert _in_review(submitted)


def test_the_record_knows_every_kind_of_second_factor():
    assert {otp.TOTP, otp.RECOVERY_CODE} <= set(SecondFactor.values)


def test_a_current_code_signs_off_and_the_record_says_so(submitted, reviewer, reviewer_client):
    response = reviewer_client.post(review_url(submitted), approval_data(reviewer))

    assert response.status_code == 302
    record = signoffs_of(submitted).get()
    assert record.second_factor == "totp"
    assert record.get_second_factor_display() == "Authenticator app (TOTP)"
    assert chain.verify_database().ok
    assert chain.canonical_record(chain.values_of(record))["second_factor"] == "totp"


def test_a_code_is_accepted_once_per_time_step(submitted, second, reviewer, reviewer_client):
    code = totp_code(reviewer)
    assert (
        reviewer_client.post(review_url(submitted), approval_data(reviewer, code=code)).status_code
        == 302
    )

    again = reviewer_client.post(review_url(second), approval_data(reviewer, code=code))

    assert again.status_code == 200
    assert WRONG_CODE in _text(again)
    assert not signoffs_of(second).exists()
    assert _in_review(second)


def test_a_wrong_code_is_refused(submitted, reviewer, reviewer_client):
    right = totp_code(reviewer)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = reviewer_client.post(review_url(submitted), approval_data(reviewer, code=wrong))

    assert WRONG_CODE in _text(response)
    assert not signoffs_of(submitted).exists()


def test_a_wrong_password_does_not_use_up_the_code(submitted, reviewer, reviewer_client):
    code = totp_code(reviewer)
    url = review_url(submitted)

    refused = reviewer_client.post(url, approval_data(reviewer, code=code, password="not it"))
    accepted = reviewer_client.post(url, approval_data(reviewer, code=code))

    assert "That password is not right" in _text(refused)
    assert accepted.status_code == 302
    assert signoffs_of(submitted).get().second_factor == "totp"


def test_a_recovery_code_works_once(submitted, second, reviewer, reviewer_client):
    [code, *_] = otp.issue_recovery_codes(reviewer)

    first = reviewer_client.post(review_url(submitted), approval_data(reviewer, code=code.upper()))
    again = reviewer_client.post(review_url(second), approval_data(reviewer, code=code))

    assert first.status_code == 302
    assert signoffs_of(submitted).get().second_factor == "recovery-code"
    assert WRONG_CODE in _text(again)
    assert otp.recovery_codes_left(reviewer) == otp.RECOVERY_CODE_COUNT - 1


def test_a_reviewer_without_an_authenticator_is_told_to_set_one_up(submitted):
    newcomer = make_reviewer("newcomer", two_factor=False)
    client = logged_in(newcomer)

    screen = _text(client.get(review_url(submitted)))
    response = client.post(review_url(submitted), approval_data(newcomer, code="123456"))

    assert "Set up two-factor authentication" in screen
    assert "/admin/account-security/two-factor/?next=" in screen
    assert NO_SECOND_FACTOR in _text(response)
    assert not signoffs_of(submitted).exists()
    assert _in_review(submitted)


def test_approval_without_a_second_factor_is_refused_by_the_task_too(submitted, reviewer):
    """``on_action`` re-checks: a validated sign-off that records no second factor (made by
    code rather than by the form) does not approve."""
    from django.core.exceptions import PermissionDenied

    from review.signoff import ValidatedSignoff

    submitted.refresh_from_db()
    task_state = submitted.current_workflow_task_state.specific
    unsigned = ValidatedSignoff(
        task_state_id=task_state.pk,
        user_id=reviewer.pk,
        review_kind="full",
        next_review_due=datetime.date(2099, 1, 1),
    )

    with pytest.raises(PermissionDenied, match="second factor"):
        task_state.task.specific.on_action(task_state, reviewer, "approve", signoff=unsigned)
    assert not signoffs_of(submitted).exists()


def test_records_without_a_second_factor_hash_as_before(treatment_index, submitted, reviewer):
    """The chain leaves an empty second factor out of the hash: a record made before the field
    existed has the hash it had, and setting the field afterwards would break it."""
    from tests.factories import TreatmentPageFactory

    old = sign(TreatmentPageFactory(parent=treatment_index, live=False).save_revision())
    values = chain.values_of(old)
    assert values["second_factor"] == ""
    before = {name: value for name, value in values.items() if name != "second_factor"}

    assert chain.canonical_record(values) == chain.canonical_record(before)
    assert chain.record_hash(before) == old.record_hash
    assert chain.record_hash({**values, "second_factor": "totp"}) != old.record_hash

    logged_in(reviewer).post(review_url(submitted), approval_data(reviewer))
    assert ClinicalSignoff.objects.filter(second_factor="totp").count() == 1
    assert chain.verify_database().ok


def test_exports_carry_the_second_factor_and_verify(tmp_path, submitted, reviewer):
    from review import records

    logged_in(reviewer).post(review_url(submitted), approval_data(reviewer))
    for export_format in ("jsonl", "csv"):
        path = tmp_path / f"records.{export_format}"
        with path.open("w", encoding="utf-8", newline="") as stream:
            records.write(records.export_rows(records.signoff_records()), stream, export_format)

        rows = list(records.read_export(path))
        assert "totp" in {row["second_factor"] for row in rows}
        assert chain.verify(rows, complete=True).ok, export_format
