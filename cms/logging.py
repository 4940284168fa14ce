"""Log lines that say which request they belong to: JSON (production) or text (dev and tests).

Each line carries the time (ISO 8601, UTC), level, logger, message, the request id that
``cms.middleware.RequestIdMiddleware`` keeps in a context variable, and the signed-in user when
authentication has already loaded one (the admin always does). The user is never loaded here:
a log call must not query the database, least of all inside a failed transaction.

Imported by the settings, so nothing here may import Django's models or settings at import time.
"""

from __future__ import annotations

import datetime
import json
import logging
import logging.config
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import SimpleLazyObject

LOG_FORMATS = ("json", "text")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    request: Any  # the HttpRequest, for its user once authentication has loaded it


_current: ContextVar[RequestContext | None] = ContextVar("cms_request", default=None)


def bind_request(request_id: str, request: Any) -> Any:
    """Make this request the one log lines belong to; returns a token for ``unbind_request``."""
    return _current.set(RequestContext(request_id, request))


def unbind_request(token: Any) -> None:
    _current.reset(token)


def current_request_id() -> str | None:
    context = _current.get()
    return context.request_id if context else None


def loaded_user(request: Any) -> dict[str, Any] | None:
    """The authenticated user of ``request`` if already loaded, without loading it."""
    user = request.__dict__.get("user") if hasattr(request, "__dict__") else None
    if user is None or isinstance(user, SimpleLazyObject):  # isinstance does not evaluate it
        user = getattr(request, "_cached_user", None)  # set by django.contrib.auth's get_user
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return {"id": user.pk, "username": user.get_username()}


def add_request_context(record: logging.LogRecord) -> None:
    """Set ``record.request_id`` and ``record.user``: from the request being served, else from
    the ``request`` that Django's own request loggers attach (they log 4xx after the
    middleware has returned)."""
    context = _current.get()
    request = context.request if context else getattr(record, "request", None)
    if not hasattr(record, "request_id"):
        record.request_id = context.request_id if context else getattr(request, "request_id", None)
    if not hasattr(record, "user"):
        record.user = loaded_user(request) if record.request_id else None


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user`` to every record a handler emits (for any formatter)."""

    def filter(self, record: logging.LogRecord) -> bool:
        add_request_context(record)
        return True


def _utc_time(record: logging.LogRecord) -> str:
    moment = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# Attributes every LogRecord has; anything else was passed as ``extra=`` and goes into the line.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    "user",
    "request",  # Django's HttpRequest (or runserver's socket): its id and user are taken
    "server_time",  # runserver's own timestamp
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line; newlines in messages and tracebacks stay escaped."""

    def format(self, record: logging.LogRecord) -> str:
        add_request_context(record)
        line: dict[str, Any] = {
            "time": _utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": record.request_id,
        }
        if record.user:
            line["user"] = record.user
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line.setdefault(key, value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Human-readable: ``2025-01-31T09:00:00.000Z INFO cms.request [req=… user=…] message``."""

    def format(self, record: logging.LogRecord) -> str:
        add_request_context(record)
        context = f"req={record.request_id or '-'}"
        if record.user:
            user = record.user
            context += f" user={user['username'] if isinstance(user, dict) else user}"
        text = f"{_utc_time(record)} {record.levelname} {record.name} [{context}] "
        text += record.getMessage()
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            text += "\n" + self.formatStack(record.stack_info)
        return text


def logging_config(log_format: str, level: str, loggers: dict[str, dict]) -> dict[str, Any]:
    """The LOGGING setting: everything to standard error in ``log_format``."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {LOG_FORMATS}, not {log_format!r}.")
    levels = {"LOG_LEVEL": level} | {f"{name}'s level": c["level"] for name, c in loggers.items()}
    for name, value in levels.items():
        if not isinstance(logging.getLevelName(value.upper()), int):
            raise ImproperlyConfigured(f"{name} must be a logging level name, not {value!r}.")
    formatter = "cms.logging.JsonFormatter" if log_format == "json" else "cms.logging.TextFormatter"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "cms.logging.RequestContextFilter"}},
        "formatters": {"cms": {"()": formatter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "cms",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level.upper()},
        "loggers": {
            logger: {**config, "level": config["level"].upper()}
            for logger, config in loggers.items()
        },
    }


def configure(config: dict[str, Any]) -> None:
    """LOGGING_CONFIG: Python's dictConfig, and warnings written as log lines too, so that a log
    collector reading JSON finds nothing else on standard error."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)


def init_sentry(dsn: str, environment: str, traces_sample_rate: str) -> None:
    """Report errors to Sentry, without personal data, each tagged with its request id.

    Imported only when SENTRY_DSN is set, so sentry-sdk is needed only then."""
    try:
        rate = float(traces_sample_rate or 0)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 1:
        raise ImproperlyConfigured(
            f"SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1, not {traces_sample_rate!r}."
        )
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=environment or None,
        traces_sample_rate=rate,
        before_send=_tag_request_id,
    )


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request_id = current_request_id()
    if request_id:
        tags = event.get("tags")
        if isinstance(tags, dict):
            tags.setdefault("request_id", request_id)
        else:
            event["tags"] = {"request_id": request_id}
    return event
