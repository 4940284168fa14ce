"""The register of sign-off records: which records (filters), and their exports.

An export is for a regulator or a backup, so it carries everything needed to check it without
the database: each record's chained values (``review.chain``), its previous and record hashes
and its copy of the signed content. Two formats hold all of that, and
``manage.py verify_signoffs --file`` checks both:

- JSON Lines (``.jsonl``): one JSON object a line, keys as in ``EXPORT_FIELDS``;
- CSV (``.csv``): a header row of ``EXPORT_FIELDS``, then one row a record; the JSON-valued
  columns (``JSON_FIELDS``) hold canonical JSON and an empty reference cell means none.

Records are exported in sequence order. A filtered export holds some of the records: each is
checked on its own, and the links between records that follow each other; where records were
left out, the link across the gap cannot be checked. The XLSX of the admin report is for
reading: it has the hashes but not the content (a cell holds at most 32,767 characters).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from wagtail.models import Page

from signing.content import base_content_type

from . import chain
from .models import ClinicalSignoff

EXPORT_FIELDS = (
    "sequence",
    "id",
    "signed_at",
    "object_title",
    "object_id",
    "base_content_type",
    "content_type",
    "reviewer_name",
    "reviewer_credentials",
    "reviewer_registration",
    "review_kind",
    "last_full_review_at",
    "next_review_due",
    "attestation",
    "second_factor",
    "comment",
    "flag_resolutions",
    "readability",
    "carried_over_from",
    "carry_over_reason",
    "supersedes",
    "supersede_reason",
    "translation_source_digest",
    "translation_source_hash",
    "digest",
    "previous_hash",
    "record_hash",
    "content",
)
JSON_FIELDS = frozenset({"flag_resolutions", "readability", "content"})
INTEGER_FIELDS = frozenset({"sequence", "id"})


def signoff_records(
    *,
    page: int | None = None,
    reviewer: str | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> models.QuerySet:
    """Sign-off records in sequence order: of one page (by id, even a deleted one), by one
    reviewer (username), signed on or after ``since`` and on or before ``until`` (days in the
    site's time zone)."""
    records = ClinicalSignoff.objects.order_by("sequence")
    if page is not None:
        records = records.filter(base_content_type=base_content_type(Page), object_id=str(page))
    if reviewer is not None:
        username = get_user_model().USERNAME_FIELD
        records = records.filter(**{f"reviewer__{username}": reviewer})
    if since is not None:
        records = records.filter(signed_at__gte=_start_of(since))
    if until is not None and until < datetime.date.max:  # the last day there is bounds nothing
        records = records.filter(signed_at__lt=_start_of(until + datetime.timedelta(days=1)))
    return records


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def export_rows(records: models.QuerySet, *, content: bool = True) -> Iterator[dict[str, Any]]:
    """Each record as an export row (``EXPORT_FIELDS``, canonical values), in sequence order;
    without ``content`` the copy of the content is left out (and not read)."""
    for entry in chain.database_entries(records, content=content):
        row = {**entry, **chain.canonical_record(entry)}
        yield {name: row[name] for name in EXPORT_FIELDS if name in row}


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_lines(
    rows: Iterable[dict[str, Any]], fields: Iterable[str] = EXPORT_FIELDS
) -> Iterator[str]:
    """CSV text, a row at a time (for streaming responses as well as files)."""
    fields = list(fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(fields)
    yield flush()
    for row in rows:
        writer.writerow([_csv_cell(name, row.get(name)) for name in fields])
        yield flush()


def _csv_cell(name: str, value: Any) -> str:
    if name in JSON_FIELDS:
        return _json(value)
    return "" if value is None else str(value)


def write(rows: Iterable[dict[str, Any]], stream: IO[str], export_format: str) -> int:
    """Write ``rows`` as ``export_format`` ("jsonl" or "csv"); returns how many records."""
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    lines = jsonl_lines(counted()) if export_format == "jsonl" else csv_lines(counted())
    for line in lines:
        stream.write(line)
    return count


# Reading an export back -------------------------------------------------------------------------


class ExportFormatError(ValueError):
    """The file is not an export this module can read."""


def read_export(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of an export file, JSON Lines or CSV (by its first character that is not white
    space: a CSV export starts with its header, a JSON Lines one with "{"). A byte-order mark
    (Excel's "CSV UTF-8" writes one) is not part of the text."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        first = stream.read(4096).lstrip()[:1]
        stream.seek(0)
        if first == "{":
            yield from _read_jsonl(stream)
        elif first:
            yield from _read_csv(stream)


def _read_jsonl(stream: IO[str]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:  # not JSON, or a number of more digits than Python reads
            raise ExportFormatError(f"line {number} is not JSON: {error}") from error
        except RecursionError as error:  # nested deeper than any record
            raise ExportFormatError(f"line {number} is nested too deeply to be a record") from error
        if not isinstance(row, dict):
            raise ExportFormatError(f"line {number} is not a JSON object")
        yield row


def _read_csv(stream: IO[str]) -> Iterator[dict[str, Any]]:
    csv.field_size_limit(1 << 30)  # a copy of the content may be long
    reader = csv.DictReader(stream)
    if reader.fieldnames is None or "record_hash" not in reader.fieldnames:
        raise ExportFormatError("the file is neither JSON Lines nor a CSV export of sign-offs")
    for row in reader:
        yield {name: _from_csv(name, value, reader.line_num) for name, value in row.items()}


def _from_csv(name: str, value: str | None, line: int) -> Any:
    if value is None:
        raise ExportFormatError(f"CSV line {line} has too few cells")
    try:
        if name in JSON_FIELDS:
            return json.loads(value)
        if name in INTEGER_FIELDS:
            return int(value)
    except ValueError as error:
        raise ExportFormatError(f"CSV line {line}, column {name}: {error}") from error
    if name in chain.REFERENCE_FIELDS:
        return value or None
    return value
