"""Under production settings, no demo account may be active with its published password, nor
with an authenticator that has the published demo key."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.security, checks.Tags.database, deploy=True)
def check_demo_accounts(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """A database check: run by ``check --deploy --database default`` and at start."""
    if not getattr(settings, "PRODUCTION", False) or not databases:
        return []
    from .loader import load_demo_data

    published = {user["username"]: user["password"] for user in load_demo_data()["users"]}
    try:
        users = list(get_user_model().objects.filter(username__in=published, is_active=True))
        authenticators = _published_authenticators(users)
    except DatabaseError as error:
        return [
            checks.Warning(
                f"Could not check for demo accounts: {error}",
                hint="Check DATABASE_URL and that the database is reachable.",
                id="demo.W001",
            )
        ]
    errors = [
        checks.Error(
            f"The demo account {user.username!r} is active with its published password.",
            hint=f"Deactivate it or set a new password: manage.py changepassword {user.username}.",
            id="demo.E001",
        )
        for user in users
        if user.check_password(published[user.username])
    ]
    return errors + authenticators


def _published_authenticators(users) -> list[checks.CheckMessage]:
    """An active demo account whose authenticator has the published demo key: its second
    factor is public, whatever its password now is."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .loader import load_demo_data

    keys = {user["username"]: user.get("totp_key") for user in load_demo_data()["users"]}
    return [
        checks.Error(
            f"The demo account {user.username!r} has the published demo authenticator key.",
            hint=f"Deactivate it, or remove the authenticator: manage.py reset_two_factor "
            f"{user.username}.",
            id="demo.E002",
        )
        for user in users
        if keys.get(user.username)
        and TOTPDevice.objects.filter(user=user, key=keys[user.username]).exists()
    ]
