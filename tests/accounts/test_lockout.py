"""Lockout: repeated failures (sign-in, and passwords or codes at sign-off) lock a username and
a client address for a while; the address is the one the API's throttle counts (X-Forwarded-For
believed only as far as API_NUM_PROXIES proxies); the message never tells whether an account
exists; administrators unlock."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.urls import reverse
from rest_framework.throttling import BaseThrottle

from accounts.client import client_address
from accounts.lockout import locked_out_message
from signing.signoffs import signoffs_of
from tests.factories import UserFactory
from tests.factories.users import PASSWORD
from tests.workflow import approval_data, logged_in, make_reviewer, review_url

pytestmark = pytest.mark.django_db

LIMIT = 5
LOGIN = "/admin/login/"
LOCKOUTS = "/admin/account-security/lockouts/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def behind_one_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def _messages(response) -> str:
    found = re.search(r'<div class="messages".*?</div>', response.content.decode(), re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(0)).strip() if found else ""


def _sign_in(client, username: str, password: str = "wrong password", **extra):  # noqa: S107
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_limit_and_the_cool_off_come_from_the_environment_with_safe_defaults():
    from django.conf import settings

    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AXES_CLIENT_IP_CALLABLE == "accounts.client.client_address"
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert "15 minutes" in locked_out_message()


def test_failed_sign_ins_lock_the_username_whatever_address_they_come_from(
    client, behind_one_proxy
):
    make_reviewer("reviewer")

    responses = [
        _sign_in(client, "reviewer", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        for n in range(1, LIMIT + 1)
    ]

    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]
    assert "username and password didn" in _messages(responses[0])
    assert locked_out_message() in _messages(responses[-1])
    # The right password, from yet another address, while locked: refused the same way.
    right = _sign_in(client, "reviewer", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert right.status_code == 429 and locked_out_message() in _messages(right)
    assert not _signed_in(client)


def test_failed_sign_ins_lock_the_address_whatever_usernames_they_try(client):
    UserFactory(username="editor", groups=["Editors"])
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}", REMOTE_ADDR="198.51.100.7")

    assert _sign_in(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert not _signed_in(client)
    assert _sign_in(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.8").status_code == 302
    assert _signed_in(client)


def test_an_unknown_username_is_answered_exactly_as_a_real_one(client):
    make_reviewer("reviewer")

    def attempts(username: str, address: str) -> list[tuple[int, str]]:
        return [
            (response.status_code, _messages(response))
            for response in (
                _sign_in(client, username, REMOTE_ADDR=address) for _ in range(LIMIT + 1)
            )
        ]

    assert attempts("reviewer", "192.0.2.1") == attempts("nobody-by-this-name", "192.0.2.2")


def test_made_up_forwarded_addresses_do_not_escape_the_address_lock(client):
    """Without proxies configured (the default) X-Forwarded-For is ignored."""
    UserFactory(username="editor", groups=["Editors"])
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    response = _sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429


def test_behind_a_proxy_the_address_it_appended_is_locked_not_what_the_client_wrote(
    client, behind_one_proxy
):
    UserFactory(username="editor", groups=["Editors"])
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.20")

    spoofed = _sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.200, 198.51.100.20")
    assert spoofed.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    other = _sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert other.status_code == 302


def test_a_successful_sign_in_clears_its_own_username_only(client):
    """Otherwise anyone with a working account could reset an address's count of guesses."""
    make_reviewer("reviewer")
    UserFactory(username="editor", groups=["Editors"])
    for _ in range(LIMIT - 1):
        _sign_in(client, "editor")
    assert _sign_in(client, "reviewer", PASSWORD).status_code == 302
    client.logout()

    assert _sign_in(client, "somebody-else").status_code == 429  # the address's fifth failure


def test_the_sign_in_of_the_locked_username_clears_it_once_unlocked(client):
    UserFactory(username="editor", groups=["Editors"])
    for _ in range(LIMIT - 1):
        _sign_in(client, "editor", REMOTE_ADDR="192.0.2.10")

    assert _sign_in(client, "editor", PASSWORD, REMOTE_ADDR="192.0.2.11").status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


# Sign-off failures count -------------------------------------------------------------------------


def test_wrong_passwords_at_sign_off_count_and_lock_out_signing_off_and_signing_in(
    client, submitted, reviewer, reviewer_client
):
    url = review_url(submitted)
    responses = [
        reviewer_client.post(url, approval_data(reviewer, password="not it")) for _ in range(LIMIT)
    ]

    text = re.sub(r"\s+", " ", responses[-1].content.decode())
    assert "That password is not right" in responses[0].content.decode()
    assert locked_out_message("signing off") in text
    right = reviewer_client.post(url, approval_data(reviewer))
    assert locked_out_message("signing off") in re.sub(r"\s+", " ", right.content.decode())
    assert not signoffs_of(submitted).exists()
    assert _sign_in(client, "reviewer", PASSWORD).status_code == 429


def test_wrong_codes_at_sign_off_count_too(submitted, reviewer, reviewer_client):
    url = review_url(submitted)
    for _ in range(LIMIT):
        reviewer_client.post(url, approval_data(reviewer, code="000000"))

    assert AccessAttempt.objects.get(username="reviewer").failures_since_start == LIMIT
    response = reviewer_client.post(url, approval_data(reviewer))
    assert locked_out_message("signing off") in re.sub(r"\s+", " ", response.content.decode())
    assert not signoffs_of(submitted).exists()


# Unlocking -------------------------------------------------------------------------------------


def test_an_administrator_sees_the_locks_and_unlocks_a_username(client, admin_client):
    make_reviewer("reviewer")
    for n in range(LIMIT):
        _sign_in(client, "reviewer", REMOTE_ADDR=f"192.0.2.{n}")
    assert _sign_in(client, "reviewer", PASSWORD, REMOTE_ADDR="192.0.2.50").status_code == 429

    listing = admin_client.get(LOCKOUTS)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", listing.content.decode()))
    assert "Username reviewer" in text and "Locked until" in text
    response = admin_client.post(LOCKOUTS, {"kind": "username", "value": "reviewer"})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="reviewer").exists()
    assert _sign_in(client, "reviewer", PASSWORD, REMOTE_ADDR="192.0.2.50").status_code == 302


def test_an_administrator_unlocks_an_address(client, admin_client):
    UserFactory(username="editor", groups=["Editors"])
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}", REMOTE_ADDR="198.51.100.9")

    admin_client.post(LOCKOUTS, {"kind": "ip_address", "value": "198.51.100.9"})

    assert _sign_in(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 302


def test_admins_may_unlock_and_editors_may_not():
    admin = UserFactory(username="site-admin")
    admin.groups.add(Group.objects.get(name="Admins"))
    editor = UserFactory(username="editor", groups=["Editors"])

    assert logged_in(admin).get(LOCKOUTS).status_code == 200
    assert "Sign-in lockouts" in logged_in(admin).get(reverse("wagtailadmin_home")).content.decode()
    assert logged_in(editor).get(LOCKOUTS).status_code in (302, 403)
    assert logged_in(editor).post(LOCKOUTS, {"kind": "username", "value": "x"}).status_code in (
        302,
        403,
    )


# The client's address ----------------------------------------------------------------------------


@pytest.mark.parametrize("proxies", [0, 1, 2])
@pytest.mark.parametrize(
    "forwarded",
    [None, "203.0.113.5", "10.0.0.1, 203.0.113.5", "1.1.1.1, 10.0.0.1, 203.0.113.5", "::1"],
)
def test_the_client_address_is_the_one_the_throttle_counts(settings, proxies, forwarded):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded

    assert client_address(request) == BaseThrottle().get_ident(request)


def test_a_forwarded_value_that_is_not_an_address_is_not_believed(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    request = HttpRequest()
    request.META.update(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, not-an-ip")

    assert client_address(request) == "127.0.0.1"


@pytest.mark.parametrize(
    ("kind", "value", "says"),
    [("username", "a\x00b", "Choose a username"), ("ip_address", "not-an-ip", "not an IP")],
)
def test_an_unlock_of_a_value_no_lock_could_have_says_so(admin_client, kind, value, says):
    response = admin_client.post(LOCKOUTS, {"kind": kind, "value": value}, follow=True)

    assert response.status_code == 200
    assert says in response.content.decode()


def _change_password(client, user, old: str):
    """The account page's form as the browser posts it: every panel, a new password typed."""
    return client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Rita",
            "name_email-last_name": "Reviewer",
            "name_email-email": user.email,
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "password-old_password": old,
            "password-new_password1": "A new passphrase, long enough.",
            "password-new_password2": "A new passphrase, long enough.",
        },
    )


def test_wrong_old_passwords_count_and_lock_out_the_password_change_and_signing_in(
    client, reviewer, reviewer_client
):
    first = _change_password(reviewer_client, reviewer, "a guess")
    assert "old password was entered incorrectly" in first.content.decode()
    assert AccessAttempt.objects.get(username="reviewer").failures_since_start == 1  # once
    for _ in range(LIMIT - 2):
        _change_password(reviewer_client, reviewer, "another guess")
    last = _change_password(reviewer_client, reviewer, "a last guess")

    assert AccessAttempt.objects.get(username="reviewer").failures_since_start == LIMIT
    # The failure that locks the account says so at once.
    assert locked_out_message("changing the password") in re.sub(r"\s+", " ", last.content.decode())
    right = _change_password(reviewer_client, reviewer, PASSWORD)
    assert locked_out_message("changing the password") in re.sub(
        r"\s+", " ", right.content.decode()
    )
    reviewer.refresh_from_db()
    assert reviewer.check_password(PASSWORD)
    assert _sign_in(client, "reviewer", PASSWORD).status_code == 429


def test_the_right_old_password_changes_it(reviewer, reviewer_client):
    response = _change_password(reviewer_client, reviewer, PASSWORD)

    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.check_password("A new passphrase, long enough.")
