"""Explicit parsing of environment variables, so that "False" or "0" never reads as true."""

import os
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, not {raw!r}.")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


# Each of these would start cleanly and then fail every request (or write relative links into
# the stored documents): refused at start instead, saying what was expected.


def env_url(name: str, default: str = "", schemes: tuple[str, ...] = ("http", "https")) -> str:
    """A URL with one of ``schemes`` and a host (or a socket path, for ``unix``), or empty."""
    raw = os.environ.get(name, default).strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not (parts.netloc or parts.scheme == "unix"):
        example = f"{schemes[0]}://host:port"
        raise ImproperlyConfigured(
            f"{name} must be a URL starting with {' or '.join(f'{s}://' for s in schemes)} "
            f"and naming a host (for example {example}), not {raw!r}."
        )
    return raw


def env_hosts(name: str, default: list[str] | None = None) -> list[str]:
    """Host names, comma-separated: not URLs (Django would refuse every request)."""
    hosts = env_list(name, default)
    for host in hosts:
        if "://" in host or "/" in host:
            raise ImproperlyConfigured(
                f"{name} lists host names (cms.example.org), not URLs: {host!r}."
            )
    return hosts


# DRF reads the period by its first letter: "120/minute", "120/min", "1000/hours".
_RATE = re.compile(r"^\d+/[smhd]\w*$")


def env_rate(name: str, default: str) -> str:
    """A request rate as DRF reads it: a number of requests per second, minute, hour or day."""
    raw = os.environ.get(name, "").strip() or default
    if not _RATE.match(raw):
        raise ImproperlyConfigured(
            f"{name} must be requests per second, minute, hour or day, such as "
            f"{default!r}, not {raw!r}."
        )
    return raw


def content_languages(codes: list[str]) -> list[tuple[str, str]]:
    """``LANGUAGES`` for the content language ``codes``, each named in its own language."""
    from django.conf.locale import LANG_INFO

    if not codes:
        raise ImproperlyConfigured("CONTENT_LANGUAGES names no language.")
    languages = []
    for code in codes:
        info = LANG_INFO.get(code.lower())
        if info is None or "name_local" not in info:
            raise ImproperlyConfigured(
                f"CONTENT_LANGUAGES: {code!r} is not a language code Django knows "
                '(for example "en", "fr", "es", "ar", "zh-hans").'
            )
        languages.append((code.lower(), info["name_local"]))
    return languages
