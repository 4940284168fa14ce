"""Query parameters, declared once per view: parsed and validated at request time, and described
in the OpenAPI schema from the same declaration.

Anything a client gets wrong answers 400 with the parameter's name: a parameter the endpoint does
not take (so typos surface instead of being silently ignored), one given twice, or a value that
is malformed, unknown or out of range.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter

from .problems import ParameterProblem

# Text a query may carry: no control characters (PostgreSQL refuses NUL; nothing needs them).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NO_CONTROL_CHARACTERS = r"^[^\u0000-\u001f\u007f]*$"


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    kind: str = "string"  # "string" or "integer"
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    parse: Callable[[str], Any] | None = None
    """Parses and checks the value instead of ``pattern`` (which still describes it in the
    schema); raises ``ParameterProblem``."""
    schema_enum: tuple[str, ...] | None = None
    """The values the schema lists where ``parse`` checks them (against settings read when a
    request comes, while the schema is built once)."""

    def clean(self, value: str) -> Any:
        if self.kind == "integer":
            return self._clean_integer(value)
        if _CONTROL.search(value):
            raise ParameterProblem(self.name, f"'{self.name}' must not contain control characters.")
        if self.required and not value:
            raise ParameterProblem(self.name, f"'{self.name}' must not be empty.")
        if self.max_length is not None and len(value) > self.max_length:
            raise ParameterProblem(
                self.name, f"'{self.name}' is at most {self.max_length} characters long."
            )
        if self.enum is not None and value not in self.enum:
            raise ParameterProblem(
                self.name, f"'{self.name}' must be one of: {', '.join(self.enum)}."
            )
        if self.parse is not None:
            # The parser checks the shape itself, with a more precise message than the pattern.
            return self.parse(value)
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise ParameterProblem(self.name, f"'{self.name}' is malformed: {self.description}")
        return value

    def _clean_integer(self, value: str) -> int:
        if not re.fullmatch(r"[0-9]{1,9}", value):
            raise ParameterProblem(self.name, f"'{self.name}' must be a whole number.")
        number = int(value)
        if self.minimum is not None and number < self.minimum:
            raise ParameterProblem(self.name, f"'{self.name}' must be at least {self.minimum}.")
        if self.maximum is not None and number > self.maximum:
            raise ParameterProblem(self.name, f"'{self.name}' must be at most {self.maximum}.")
        return number

    def openapi(self) -> OpenApiParameter:
        schema: dict[str, Any] = {"type": self.kind}
        enum = self.enum if self.enum is not None else self.schema_enum
        if enum is not None:
            schema["enum"] = list(enum)
        if self.kind == "string" and enum is None:
            schema["pattern"] = self.pattern or NO_CONTROL_CHARACTERS
            if self.required:
                schema["minLength"] = 1
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.default is not None:
            schema["default"] = self.default
        return OpenApiParameter(
            name=self.name,
            type=schema,
            location=OpenApiParameter.QUERY,
            required=self.required,
            description=self.description,
        )


def parse_params(query: Any, params: Iterable[Param]) -> dict[str, Any]:
    """Validate a request's query parameters against the declared ones."""
    declared = {param.name: param for param in params}
    for name in query:
        if name not in declared:
            allowed = ", ".join(sorted(declared)) or "none"
            raise ParameterProblem(
                name,
                f"Unknown query parameter '{name}'. This endpoint takes: {allowed}.",
                unknown=True,
            )
    values: dict[str, Any] = {}
    for name, param in declared.items():
        raw_values = query.getlist(name)
        if len(raw_values) > 1:
            raise ParameterProblem(name, f"Give '{name}' once.")
        if not raw_values:
            if param.required:
                raise ParameterProblem(name, f"'{name}' is required.")
            values[name] = param.default
            continue
        values[name] = param.clean(raw_values[0])
    return values


def openapi_parameters(params: Iterable[Param]) -> list[OpenApiParameter]:
    """The OpenAPI parameters of a content endpoint: its own, and ``locale``."""
    return [param.openapi() for param in (*params, LOCALE)]


# Shared declarations -----------------------------------------------------------------------

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

PAGE = Param(
    "page",
    "The page of results, from 1. A page beyond the last is an error.",
    kind="integer",
    minimum=1,
    maximum=100_000,
    default=1,
)
PAGE_SIZE = Param(
    "page_size",
    f"Results per page (default {DEFAULT_PAGE_SIZE}, at most {MAX_PAGE_SIZE}).",
    kind="integer",
    minimum=1,
    maximum=MAX_PAGE_SIZE,
    default=DEFAULT_PAGE_SIZE,
)
ORDERING = Param(
    "ordering",
    "Sort order: by title or by when the content was last updated; '-' reverses it.",
    enum=("title", "-title", "last_updated", "-last_updated"),
    default="title",
)
REVIEW_STATUS = Param(
    "review_status",
    "Only content whose clinical review is current, due soon or overdue.",
    enum=("current", "due_soon", "overdue"),
)
SLUG_PATTERN = r"^[-\w]{1,255}$"


def content_language(value: str, name: str = "locale") -> str:
    """``value`` if it is one of the site's languages (read when a request comes)."""
    codes = [code for code, _ in settings.LANGUAGES]
    if value not in codes:
        raise ParameterProblem(
            name, f"'{name}' must be one of this site's content languages: {', '.join(codes)}."
        )
    return value


LOCALE = Param(
    "locale",
    "The content language, as a language code (one of: "
    f"{', '.join(code for code, _ in settings.LANGUAGES)}); the default language "
    f"({settings.LANGUAGE_CODE}) when absent. Only this parameter chooses the language: "
    "answers do not vary by Accept-Language.",
    pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$",
    max_length=20,
    parse=content_language,
    schema_enum=tuple(code for code, _ in settings.LANGUAGES),
)


def slug_param(name: str, description: str) -> Param:
    return Param(name, description, pattern=SLUG_PATTERN, max_length=255)
