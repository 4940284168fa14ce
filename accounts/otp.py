"""The second factor: an authenticator app (TOTP, django-otp's ``TOTPDevice``) and recovery
codes (django-otp's ``StaticDevice``: single-use codes for when the phone is lost).

A user has at most one confirmed authenticator. Enrolment makes an unconfirmed device, shows
its key as a QR code, and confirms it when the user types a code from the app; confirming
issues a fresh set of recovery codes, shown once.

A TOTP code is accepted once per 30-second time step (django-otp keeps the last step it
accepted, ``last_t``), within one step either side of the server's clock (``tolerance``).
Drift tracking is off (``OTP_TOTP_SYNC = False``): :func:`current_code` gives the next unused
step, which may be ahead of the clock, and a device that learnt that as drift would refuse the
app's own codes afterwards.
"""

from __future__ import annotations

import datetime
import time
from base64 import b32encode
from dataclasses import dataclass, field

import segno
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP as TOTPClock
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP = "totp"
RECOVERY_CODE = "recovery-code"
RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6  # django-otp's default; recovery codes have eight characters
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


@dataclass(frozen=True)
class Verification:
    """That the user ``user_id`` passed a second factor of ``kind`` at ``at``. Only
    :func:`verify` makes these from a code; code that signs several records for one person in
    one go (the demo loader) may present one verification to each, within ``max_age``."""

    user_id: int
    kind: str
    at: datetime.datetime
    device: Device | None = field(default=None, compare=False, repr=False)

    def is_valid_for(self, user, max_age: datetime.timedelta) -> bool:
        return self.user_id == user.pk and timezone.now() - self.at <= max_age


def authenticator(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have one."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-pk").first()


def has_second_factor(user) -> bool:
    return authenticator(user) is not None


def pending_authenticator(user, *, pk: int | None = None) -> TOTPDevice | None:
    """The unconfirmed device being enrolled, made with a new random key if there is none;
    with ``pk``, that one only (None if it is no longer pending)."""
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk")
    if pk is not None:
        return pending.filter(pk=pk).first()
    device = pending.first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def enrol(user, *, key: str | None = None) -> tuple[TOTPDevice, list[str]]:
    """A confirmed authenticator with ``key`` (hex; a random one by default) replacing any
    other, and new recovery codes: for set-up code (the demo, tests). People enrol in the admin
    (:func:`confirm`), proving with a code that the app has the key."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        fields = {"key": key} if key else {}
        device = TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_NAME, confirmed=True, **fields
        )
        return device, issue_recovery_codes(user)


def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending ``device`` with a code from the app: it replaces the user's other
    authenticators and new recovery codes are issued (returned, to be shown once). None when
    the code is not one the device accepts now."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(_normalised(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        return issue_recovery_codes(device.user)


def issue_recovery_codes(user) -> list[str]:
    """A new set of recovery codes for ``user``, replacing any left: returned once, to show."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_second_factor(user) -> int:
    """Remove the user's authenticators and recovery codes (a lost phone): they enrol again."""
    deleted = TOTPDevice.objects.filter(user=user).delete()[0]
    return deleted + StaticDevice.objects.filter(user=user).delete()[0]


def verify(user, code: str) -> Verification | None:
    """Check ``code``: six digits from the user's authenticator, or one of their unused
    recovery codes. Each is accepted once (a TOTP code once per time step; a recovery code is
    used up). The device rows are locked while checking, so two requests cannot both use the
    same code. None when the code is wrong, used already, or the device is throttled after
    wrong codes (django-otp waits 1, 2, 4 … seconds between tries)."""
    code = _normalised(code)
    if not code or not user.is_authenticated:
        return None
    with transaction.atomic():
        if code.isdigit() and len(code) == TOTP_DIGITS:
            device = TOTPDevice.objects.devices_for_user(user, confirmed=True)
            kind = TOTP
        else:
            device = StaticDevice.objects.devices_for_user(user, confirmed=True)
            kind = RECOVERY_CODE
        device = device.select_for_update().order_by("-pk").first()
        if device is None or not device.verify_token(code):
            return None
    return Verification(user_id=user.pk, kind=kind, at=timezone.now(), device=device)


def _normalised(code: str) -> str:
    """As people type codes: with spaces or dashes, recovery codes in either case."""
    return "".join((code or "").split()).replace("-", "").lower()


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows for the next time step ``device`` will accept: the
    current step, or the one after the last code it accepted when that was this step or
    later. For tests and the demo (``manage.py demo_totp_code``), which sign off more than once
    a step. The device accepts steps up to one ahead of its clock (``tolerance``); when the
    next unused step is further ahead (a third code within one step), this waits until it is
    in reach, at most one step (30 s)."""
    device.refresh_from_db(fields=["last_t", "drift"])
    clock = TOTPClock(device.bin_key, device.step, device.t0, device.digits, device.drift)
    target = max(clock.t(), device.last_t + 1)
    in_reach_at = device.t0 + (target - device.tolerance - device.drift) * device.step
    wait = in_reach_at - time.time()
    if wait > device.step:
        raise RuntimeError(
            f"The device's last accepted code is {wait:.0f} s ahead of the clock: did the clock "
            "go back? Its codes work again once the clock has passed that time."
        )
    if wait > 0:
        time.sleep(wait)
    clock.time = device.t0 + (target - device.drift) * device.step
    return f"{clock.token():0{device.digits}d}"


def secret(device: TOTPDevice) -> str:
    """The key as people type it into an app that cannot scan (base32, in groups of four)."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` URL of ``device`` as an inline SVG QR code, for an app to scan."""
    return segno.make(device.config_url, error="m", micro=False).svg_inline(
        scale=5, dark="#000", light="#fff", title="QR code for your authenticator app"
    )
