"""Lockout after repeated failures, with django-axes.

Failed sign-ins, wrong passwords and wrong codes at sign-off, and wrong codes at the sign-in's
second step are all failures, counted per username and per client address
(``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``; the address as
``accounts.client.client_address`` sees it). ``AXES_FAILURE_LIMIT`` failures of either within
``AXES_COOLOFF_TIME`` lock it until that much time has passed since the last failure, or until
an administrator unlocks it (``accounts.views.LockoutsView``).

Unknown usernames are counted and locked like real ones, and every refusal says the same
neutral sentence (:data:`LOCKED_OUT`), so neither reveals whether an account exists. A
successful sign-in clears the failures of its own username only: clearing the address too
(axes' ``AXES_RESET_ON_SUCCESS``) would let anyone with one working account reset the count of
guesses at other people's from the same address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

LOCKED_OUT = (
    "Too many failed attempts from this account or this network: {what} is paused for "
    "{minutes} minutes. Try again later, or ask an administrator to unlock it."
)


def cool_off_minutes() -> int:
    cool_off = get_cool_off() or datetime.timedelta(0)
    return max(1, round(cool_off.total_seconds() / 60))


def locked_out_message(what: str = "signing in") -> str:
    return LOCKED_OUT.format(what=what, minutes=cool_off_minutes())


def is_locked_out(request: HttpRequest | None, username: str) -> bool:
    """Whether ``username`` or the request's client address is locked out. Always False
    without a request: set-up code (the demo loader) signs without one."""
    if request is None:
        return False
    return not AxesProxyHandler.is_allowed(request, get_credentials(username))


def record_failure(request: HttpRequest | None, username: str) -> bool:
    """Count a failed password or code of ``username`` from the request's client, as a failed
    sign-in is counted (Django's ``user_login_failed`` signal, which axes listens to). Returns
    whether this failure locked them out."""
    if request is None:
        return False
    user_login_failed.send(sender=__name__, credentials=get_credentials(username), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def clear_own_failures(sender, request, user, **kwargs) -> None:
    """On a successful sign-in, forget the failures of that username (see the module)."""
    AxesProxyHandler.reset_attempts(username=user.get_username())


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the admin's sign-in page again, with the neutral message and
    an empty form (status 429). Any other view that records a failure (the review screen, the
    second step of signing in) has answered with its own message: its response stands."""
    from wagtail.admin.views.account import LoginView

    if request.path != reverse("wagtailadmin_login") and original_response is not None:
        return original_response
    view = LoginView()
    view.setup(request)
    messages.error(request, locked_out_message())
    form = view.get_form_class()(request=request)
    response = view.render_to_response(view.get_context_data(form=form), status=429)
    return response.render()


# The administrator's view of locks -------------------------------------------------------------


@dataclass(frozen=True)
class Lock:
    """Failures counted against one username or one address: ``locked`` once they reach the
    limit, until ``until``."""

    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_failure: datetime.datetime
    until: datetime.datetime
    locked: bool


def counted_failures() -> list[Lock]:
    """Every username and every address with failures that still count, most failures first."""
    cool_off = get_cool_off() or datetime.timedelta(0)
    attempts = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    limit = settings.AXES_FAILURE_LIMIT
    locks = []
    for kind in ("username", "ip_address"):
        rows = (
            attempts.exclude(**{f"{kind}__isnull": True})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        )
        for row in rows:
            locks.append(
                Lock(
                    kind=kind,
                    value=row[kind],
                    failures=row["failures"],
                    last_failure=row["last"],
                    until=row["last"] + cool_off,
                    locked=row["failures"] >= limit,
                )
            )
    return sorted(locks, key=lambda lock: (-lock.failures, lock.kind, lock.value))


def unlock(*, username: str | None = None, ip_address: str | None = None) -> int:
    """Forget the failures of one username or one address; returns how many records went."""
    if not username and not ip_address:
        raise ValueError("Unlock a username or an address.")
    return AxesProxyHandler.reset_attempts(username=username, ip_address=ip_address)
