"""Explicit parsing of environment variables, so that "False" or "0" never reads as true."""

import os

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


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


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
