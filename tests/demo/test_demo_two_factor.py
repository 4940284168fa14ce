"""The demo reviewer's authenticator: a published demo key, a local-only command that prints
its current code (which a sign-off accepts), and production refusing an account that keeps it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import otp
from claims.checker import check_object
from content_models.models import TreatmentPage
from demo.loader import DemoLoader, load_demo_data
from review.forms import SignoffForm
from review.models import ClinicalSignoff
from signing.signoffs import signoffs_of
from tests.test_settings import PRODUCTION_ENV, _manage
from tests.workflow import approval_data, logged_in, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    DemoLoader().run()
    return get_user_model().objects.get(username="reviewer")


def _printed_code(capsys, *args) -> str:
    call_command("demo_totp_code", *args)
    return capsys.readouterr().out.strip()


def test_the_demo_reviewer_has_an_authenticator_with_the_published_key(demo):
    [spec] = [user for user in load_demo_data()["users"] if user["username"] == "reviewer"]
    device = otp.authenticator(demo)

    assert device.key == spec["totp_key"]
    assert otp.recovery_codes_left(demo) == otp.RECOVERY_CODE_COUNT
    # The loader signs through the form: every one of its sign-offs passed the second factor.
    assert set(ClinicalSignoff.objects.values_list("second_factor", flat=True)) == {"totp"}


def test_loading_again_keeps_the_authenticator(demo):
    device = otp.authenticator(demo)

    DemoLoader().run()

    assert list(TOTPDevice.objects.filter(user=demo)) == [device]


def test_the_command_prints_a_code_the_sign_off_accepts(demo, settings, capsys):
    settings.DEBUG = True
    editor = get_user_model().objects.get(username="editor")
    treatment = TreatmentPage.objects.get(slug=load_demo_data()["treatment"]["slug"])
    treatment.get_latest_revision_as_object().save_revision(user=editor)
    treatment.get_workflow().start(treatment, editor)

    code = _printed_code(capsys)
    assert re.fullmatch(r"\d{6}", code)
    before = signoffs_of(treatment).count()
    flags = {
        SignoffForm.flag_field_name(flag): "Checked against the reviewer's notes."
        for flag in check_object(treatment.get_latest_revision_as_object())
    }
    data = approval_data(demo, password="demo-reviewer-password", code=code)
    response = logged_in(demo).post(review_url(treatment), {**data, **flags})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert signoffs_of(treatment).count() == before + 1
    assert signoffs_of(treatment).first().second_factor == "totp"
    # The next code the command prints steps past the one just used: it is accepted too.
    assert otp.verify(demo, _printed_code(capsys, "reviewer")) is not None


def test_the_command_refuses_accounts_without_a_demo_key(demo, settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="no demo authenticator"):
        call_command("demo_totp_code", "editor")


def test_the_command_refuses_production_settings_and_debug_off(demo, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refused under production settings"):
        call_command("demo_totp_code")
    settings.DEBUG, settings.PRODUCTION = True, True
    with pytest.raises(CommandError, match="refused under production settings"):
        call_command("demo_totp_code")


def test_the_command_is_refused_by_the_production_settings_themselves():
    result = _manage("demo_totp_code", env=PRODUCTION_ENV)

    assert result.returncode != 0
    assert "refused under production settings" in result.stderr
    assert not re.search(r"^\d{6}$", result.stdout, re.M)


def test_production_refuses_a_demo_account_with_the_published_authenticator(demo, settings):
    settings.PRODUCTION = True
    demo.set_password("a-new-secret-password-for-this-test")
    demo.save()

    def demo_errors() -> list[str]:
        found = checks.run_checks(include_deployment_checks=True, databases=["default"])
        return [message.msg for message in found if message.id == "demo.E002"]

    assert any("'reviewer'" in message for message in demo_errors())
    call_command("reset_two_factor", "reviewer")
    assert not any("'reviewer'" in message for message in demo_errors())
    call_command("reset_two_factor", "reviewer-fr")  # the other demo reviewer's published key
    assert demo_errors() == []
    assert otp.authenticator(demo) is None and otp.recovery_codes_left(demo) == 0
