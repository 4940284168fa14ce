"""Two-factor authentication in the admin: enrolling an authenticator app (a QR code, a code to
confirm it, recovery codes shown once), moving to a new phone, the sign-in's code step when
OTP_REQUIRED_FOR_STAFF is on, and the one function tests and the demo get codes from."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import otp
from tests.factories import UserFactory
from tests.factories.users import PASSWORD
from tests.workflow import logged_in, make_reviewer, totp_code

pytestmark = pytest.mark.django_db

TWO_FACTOR = "/admin/account-security/two-factor/"
VERIFY = "/admin/account-security/two-factor/verify/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _recovery_codes(response) -> list[str]:
    section = re.search(r'id="recovery-codes".*?</section>', response.content.decode(), re.S)
    return re.findall(r"<code>([a-z2-7]{8})</code>", section.group(0)) if section else []


def _code_for(device: TOTPDevice) -> str:
    return otp.current_code(device)


def _wait_after_a_wrong_code() -> None:
    """django-otp makes a device wait 1 s after a wrong code (then 2, 4 … s)."""
    time.sleep(1.1)


def test_the_urls_are_where_the_templates_link():
    assert reverse("accounts:two_factor") == TWO_FACTOR
    assert reverse("accounts:verify") == VERIFY


def test_enrolment_shows_a_qr_code_and_confirming_turns_it_on_with_recovery_codes_once():
    user = make_reviewer("newcomer", two_factor=False)
    client = logged_in(user)

    page = client.get(TWO_FACTOR)
    pending = TOTPDevice.objects.get(user=user)
    assert not pending.confirmed
    assert "<svg" in page.content.decode() and "QR code for your authenticator app" in _text(page)
    assert otp.secret(pending) in _text(page)
    assert "otpauth://totp/" in pending.config_url and "secret=" in pending.config_url
    assert otp.secret(pending) in _text(client.get(TWO_FACTOR))  # the same key until confirmed
    assert client.get(TWO_FACTOR).content.count(b'class="segno"') == 1
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(TWO_FACTOR, {"action": "confirm", "code": "000000"})
    pending.refresh_from_db()
    assert "That code is not right" in _text(wrong) and not pending.confirmed
    _wait_after_a_wrong_code()

    confirmed = client.post(TWO_FACTOR, {"action": "confirm", "code": _code_for(pending)})

    pending.refresh_from_db()
    assert pending.confirmed and otp.authenticator(user) == pending
    codes = _recovery_codes(confirmed)
    assert len(codes) == otp.RECOVERY_CODE_COUNT == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    later = client.get(TWO_FACTOR)
    assert "Two-factor authentication is on" in _text(later)
    assert f"Recovery codes left: {len(codes)}" in _text(later)
    assert _recovery_codes(later) == [] and not any(code in _text(later) for code in codes)


def test_the_account_page_links_to_two_factor_authentication():
    client = logged_in(make_reviewer("someone"))

    assert TWO_FACTOR in client.get(reverse("wagtailadmin_account")).content.decode()


def test_new_recovery_codes_need_a_current_code_and_replace_the_old_ones():
    reviewer = make_reviewer("reviewer")
    old = otp.issue_recovery_codes(reviewer)
    client = logged_in(reviewer)

    refused = client.post(TWO_FACTOR, {"action": "recovery-codes", "code": "000000"})
    assert "That code is not right" in _text(refused)
    _wait_after_a_wrong_code()

    response = client.post(TWO_FACTOR, {"action": "recovery-codes", "code": totp_code(reviewer)})

    new = _recovery_codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    assert otp.verify(reviewer, new[0]).kind == otp.RECOVERY_CODE
    assert otp.verify(reviewer, old[0]) is None


def test_a_new_phone_needs_a_code_from_the_old_one_and_replaces_it():
    reviewer = make_reviewer("reviewer")
    old = otp.authenticator(reviewer)
    client = logged_in(reviewer)

    # A signed-in session without the old phone (a stolen password) cannot swap in its own app.
    assert client.post(TWO_FACTOR, {"action": "confirm", "code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=reviewer, confirmed=False).count() == 0
    assert client.post(TWO_FACTOR, {"action": "replace", "code": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(user=reviewer, confirmed=False).count() == 0
    _wait_after_a_wrong_code()

    shown = client.post(TWO_FACTOR, {"action": "replace", "code": totp_code(reviewer)})
    new = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert otp.secret(new) in _text(shown) and "your current one keeps working" in _text(shown)
    assert otp.authenticator(reviewer) == old

    client.post(TWO_FACTOR, {"action": "confirm", "code": _code_for(new)})

    assert list(TOTPDevice.objects.filter(user=reviewer)) == [new]
    new.refresh_from_db()
    assert new.confirmed


def test_current_code_steps_past_the_last_accepted_code():
    """Two codes in a row are accepted at once (the current step and the next, which the
    device's tolerance allows); each is accepted once."""
    reviewer = make_reviewer("reviewer")
    device = otp.authenticator(reviewer)

    first = otp.current_code(device)
    assert otp.verify(reviewer, first).kind == otp.TOTP
    device.refresh_from_db()
    used = device.last_t
    second = otp.current_code(device)
    assert otp.verify(reviewer, second) is not None
    device.refresh_from_db()
    assert device.last_t == used + 1
    assert otp.verify(reviewer, second) is None  # each is accepted once


def test_rubbish_is_not_a_code():
    reviewer = make_reviewer("reviewer")

    assert otp.verify(reviewer, "") is None
    assert otp.verify(reviewer, "not a code") is None
    assert otp.verify(reviewer, "12345678") is None  # neither six digits nor a recovery code


# The sign-in's code step (OTP_REQUIRED_FOR_STAFF) ------------------------------------------------


def _sign_in(client, username: str):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD})


def test_without_the_setting_a_password_is_enough_to_use_the_admin(client):
    make_reviewer("reviewer")

    assert _sign_in(client, "reviewer").status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_with_the_setting_staff_pass_a_code_after_the_password(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    reviewer = make_reviewer("reviewer")

    assert _sign_in(client, "reviewer").status_code == 302
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 302 and home["Location"].startswith(f"{VERIFY}?next=")
    assert client.get(reverse("clinical_review:reviews_report")).status_code == 302

    step = client.get(home["Location"])
    assert "enter the code your authenticator app shows now" in _text(step)
    wrong = client.post(VERIFY, {"code": "000000", "next": "/admin/"})
    assert "That code is not right" in _text(wrong)
    _wait_after_a_wrong_code()
    passed = client.post(VERIFY, {"code": totp_code(reviewer), "next": "/admin/"})

    assert passed.status_code == 302 and passed["Location"] == "/admin/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_with_the_setting_a_recovery_code_also_passes(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    reviewer = make_reviewer("reviewer")
    [code, *_] = otp.issue_recovery_codes(reviewer)
    _sign_in(client, "reviewer")

    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_with_the_setting_staff_without_an_authenticator_set_one_up_first(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    UserFactory(username="editor", groups=["Editors"])

    _sign_in(client, "editor")
    home = client.get(reverse("wagtailadmin_home"))

    assert home.status_code == 302 and home["Location"].startswith(f"{TWO_FACTOR}?next=")
    assert client.get(home["Location"]).status_code == 200  # the enrolment page is open
    device = TOTPDevice.objects.get(user__username="editor")
    client.post(TWO_FACTOR, {"action": "confirm", "code": _code_for(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_with_the_setting_signing_out_stays_open(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    make_reviewer("reviewer")
    _sign_in(client, "reviewer")

    response = client.post(reverse("wagtailadmin_logout"))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_code_step_gets_its_icons_and_translations(client, settings):
    """The sprite was redirected to the code step, whose HTML (a second code form, with the
    sprite as its `next`) the admin's script put into the page in place of the icons."""
    settings.OTP_REQUIRED_FOR_STAFF = True
    make_reviewer("reviewer")
    _sign_in(client, "reviewer")

    sprite = client.get(reverse("wagtailadmin_sprite"))
    translations = client.get(reverse("wagtailadmin_javascript_catalog"))

    assert sprite.status_code == 200 and b"<svg" in sprite.content
    assert translations.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # the rest stays shut


@pytest.mark.parametrize("next_url", ["abc", "wagtailadmin_pages"])
def test_the_code_step_follows_a_next_that_names_a_view_as_a_url(client, settings, next_url):
    """Not looked up as a view's name, which is not found (a 500)."""
    settings.OTP_REQUIRED_FOR_STAFF = True
    reviewer = make_reviewer("reviewer")
    _sign_in(client, "reviewer")

    assert client.get(f"{VERIFY}?next={next_url}").status_code == 200
    passed = client.post(f"{VERIFY}?next={next_url}", {"code": totp_code(reviewer)})

    assert passed.status_code == 302 and passed["Location"] == next_url
    assert client.get(f"{VERIFY}?next={next_url}")["Location"] == next_url  # verified already
