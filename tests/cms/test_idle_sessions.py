"""Idle staff sessions end after STAFF_SESSION_IDLE_MINUTES (cms/idle_sessions.py): the next
request signs the user out and sends them to sign in, saying why; their own requests keep the
session alive, an open editor's background pings do not."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.idle_sessions import LAST_ACTIVITY
from tests.factories import TreatmentPageFactory
from tests.factories.users import PASSWORD
from tests.workflow import logged_in

pytestmark = pytest.mark.django_db

HOME = "/admin/"
LOGIN = "/admin/login/"
ACTIVITY = "/admin/account-security/activity/"


@pytest.fixture(autouse=True)
def _thirty_minutes(settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def later(clock, minutes: float) -> None:
    clock.shift(datetime.timedelta(minutes=minutes))


def signed_out(response, next_url: str | None = HOME) -> bool:
    expected = LOGIN + (f"?{urlencode({'next': next_url})}" if next_url else "")
    return response.status_code == 302 and response["Location"] == expected


def is_anonymous(client) -> bool:
    """Wagtail sends a visitor without a session to sign in."""
    response = client.get(HOME)
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_an_idle_session_ends_at_the_next_request_with_a_message(editor, clock):
    client = logged_in(editor)
    assert client.get(HOME).status_code == 200

    later(clock, 31.5)
    response = client.get(HOME)

    assert signed_out(response)
    login = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in login.content.decode()
    assert login.context["user"].is_anonymous
    assert is_anonymous(client)


def test_the_clock_starts_at_sign_in(editor, clock):
    """Signed in from a new browser (no session cookie yet), then nothing more."""
    client = Client()
    signed_in = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == HOME

    later(clock, 31.5)

    assert signed_out(client.get(HOME))


def test_no_session_ends_before_it_has_been_idle_for_the_limit(editor, clock):
    client = logged_in(editor)
    client.get(HOME)  # the clock starts
    later(clock, 0.9)
    client.get(HOME)  # activity, not written (less than a minute after the last write)

    later(clock, 29.5)  # 30.4 minutes after the write, 29.5 after the last request

    assert client.get(HOME).status_code == 200


def test_activity_keeps_the_session_alive(editor, clock):
    client = logged_in(editor)
    client.get(HOME)
    for _ in range(4):
        later(clock, 20)
        assert client.get(HOME).status_code == 200


def test_the_last_activity_is_written_at_most_once_a_minute(editor, clock):
    client = logged_in(editor)
    client.get(HOME)
    stamped = client.session[LAST_ACTIVITY]

    later(clock, 0.5)
    client.get(HOME)
    assert client.session[LAST_ACTIVITY] == stamped

    later(clock, 0.6)
    client.get(HOME)
    assert client.session[LAST_ACTIVITY] > stamped


def test_an_open_editors_pings_are_not_activity_and_are_refused_once_idle(
    editor, treatment_index, clock
):
    page = TreatmentPageFactory(parent=treatment_index)
    ping = reverse("wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", page.pk, 0))
    client = logged_in(editor)
    client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))

    for _ in range(3):  # the tab left open pings on its own
        later(clock, 10)
        assert client.post(ping).status_code == 200

    later(clock, 1.5)
    refused = client.post(ping)

    assert refused.status_code == 401
    assert refused.json() == {"signed_out": True, "login_url": LOGIN}
    assert is_anonymous(client)
    # The reason waits for the first page the user sees.
    login = client.get(LOGIN)
    assert "signed out after 30 minutes without activity" in login.content.decode()


def test_a_ping_for_an_id_that_is_not_a_number_is_a_404_not_a_500(editor, treatment_index):
    """Wagtail's ping looked the page up by "x": a ValueError from the integer primary key."""
    page = TreatmentPageFactory(parent=treatment_index)
    ping = reverse("wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", page.pk, 0))
    client = logged_in(editor)

    for not_a_number in ("x", "1e3", "-1"):
        response = client.post(ping.replace(f"/{page.pk}/", f"/{not_a_number}/"))
        assert response.status_code == 404 and response.json() == {"detail": "No such object."}
    assert client.post(ping).status_code == 200


def test_the_pages_activity_check_is_activity_and_gives_the_current_csrf_token(editor, clock):
    client = logged_in(editor)
    client.get(HOME)
    for _ in range(3):  # someone typing, with no other request
        later(clock, 20)
        answer = client.get(ACTIVITY)
        assert answer.status_code == 200
        assert answer.json()["csrf_token"]
        assert "no-cache" in answer["Cache-Control"]

    later(clock, 31.5)
    assert client.get(ACTIVITY).status_code == 401
    assert is_anonymous(client)


def test_a_scripts_request_after_the_sign_out_is_told_in_json(editor, treatment_index, clock):
    """Autosave, for one: its page keeps what was typed and says it could not save."""
    page = TreatmentPageFactory(parent=treatment_index)
    client = logged_in(editor)
    client.get(HOME)
    later(clock, 31.5)

    autosave = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {"title": "Typed"},
        HTTP_ACCEPT="application/json",
    )

    assert autosave.status_code == 401 and autosave.json()["signed_out"] is True


def test_the_limit_can_be_turned_off(editor, clock, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 0
    client = logged_in(editor)
    client.get(HOME)

    later(clock, 60 * 24)

    assert client.get(HOME).status_code == 200


def test_visitors_without_a_session_are_not_looked_at(client, home_page):
    response = client.get(home_page.url)

    assert response.status_code == 200
    assert not response.cookies
    assert response["Cache-Control"].startswith("public")
