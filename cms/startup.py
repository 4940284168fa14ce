"""What the WSGI and ASGI entry points do before they serve: run the deployment checks (gunicorn
and uvicorn run none), then those that need the database, and refuse to start on any error. An
unreachable database does not stop the start: readiness reports it."""

from __future__ import annotations

import logging

from django.core import checks
from django.core.management.base import SystemCheckError
from django.db import DatabaseError

logger = logging.getLogger(__name__)


def refuse_unsafe_configuration() -> None:
    found = checks.run_checks(include_deployment_checks=True)
    if not [message for message in found if message.is_serious()]:
        try:
            found = checks.run_checks(
                tags=[checks.Tags.database], include_deployment_checks=True, databases=["default"]
            )
        except DatabaseError as error:
            logger.warning("Database checks not run at start: %s", error)
            found = []
    errors = [message for message in found if message.is_serious()]
    if errors:
        raise SystemCheckError(
            "Refusing to start: "
            + "\n".join(f"{message.id}: {message.msg} {message.hint or ''}" for message in errors)
        )
