"""The sign-off chain: every sign-off record is a link of one hash chain.

A record's *chained values* are everything it states about what was signed, by whom, when and
why (``STATED_FIELDS``), the object's content types by their natural keys ("app_label.model"),
the records it carries over or supersedes by their record hashes, its ``sequence`` (1, 2, 3, …)
and the ``previous_hash`` (the record hash of record ``sequence - 1``, 64 zeros for the first).
Its ``record_hash`` is the SHA-256 of those values as canonical JSON (sorted keys, no white
space, UTF-8: ``signing.digest.digest_of_content``). Not chained: the primary key and the
nullable references Django's ``SET_NULL`` may clear (revision, task state, reviewer user), and
the copy of the content, which is chained through its ``digest`` (verification hashes the copy
again and compares).

Records are appended under a lock on the chain's head (``SignoffChainHead``, one row locked
with ``SELECT … FOR UPDATE`` in the inserting transaction), so concurrent sign-offs queue up and
each links to the one before it. The format of the chained values is fixed: changing it would
break every existing link. A field stated only by later records (``OPTIONAL_STATED_FIELDS``:
the second factor the reviewer passed, a translation's source) is chained where it is set, and
left out where it is empty, so the records made before it existed hash as they always did.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from signing.digest import digest_of_content

GENESIS = "0" * 64
HEAD_ID = 1

# Fields a record states, hashed as the model holds them (dates as ISO 8601, in UTC).
STATED_FIELDS = (
    "object_id",
    "object_title",
    "digest",
    "reviewer_name",
    "reviewer_credentials",
    "reviewer_registration",
    "signed_at",
    "review_kind",
    "last_full_review_at",
    "next_review_due",
    "attestation",
    "comment",
    "flag_resolutions",
    "readability",
    "carry_over_reason",
    "supersede_reason",
)
# Fields added later, chained only when not empty (see the module's docstring). Emptying or
# setting one changes the record's hash like any other chained field.
OPTIONAL_STATED_FIELDS = ("second_factor", "translation_source_digest", "translation_source_hash")
# Foreign keys to content types, hashed as "app_label.model".
CONTENT_TYPE_FIELDS = ("base_content_type", "content_type")
# Foreign keys to earlier records, hashed as those records' hashes (or null).
REFERENCE_FIELDS = ("carried_over_from", "supersedes")
LINK_FIELDS = ("sequence", "previous_hash")
CHAINED_FIELDS = (*LINK_FIELDS, *CONTENT_TYPE_FIELDS, *STATED_FIELDS, *REFERENCE_FIELDS)


def _canonical(value: Any) -> Any:
    """Dates as ISO 8601 (date-times in UTC); whole floats as integers, because PostgreSQL's
    ``jsonb`` may give ``1e16`` back as an integer and has no negative zero."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    return value


def canonical_record(values: Mapping[str, Any]) -> dict[str, Any]:
    """The chained values of a record in their canonical form. ``values`` holds at least
    ``CHAINED_FIELDS``, as :func:`values_of` gives them or as an export file holds them, and
    the ``OPTIONAL_STATED_FIELDS`` it sets."""
    missing = [name for name in CHAINED_FIELDS if name not in values]
    if missing:
        raise KeyError(f"missing chained field(s): {', '.join(missing)}")
    canonical = {name: _canonical(values[name]) for name in CHAINED_FIELDS}
    for name in OPTIONAL_STATED_FIELDS:
        if values.get(name):
            canonical[name] = _canonical(values[name])
    return canonical


def record_hash(values: Mapping[str, Any]) -> str:
    """SHA-256 of :func:`canonical_record` as canonical JSON."""
    return digest_of_content(canonical_record(values))


def values_of(
    record: models.Model, *, references: Mapping[str, str | None] | None = None
) -> dict[str, Any]:
    """The chained values of a sign-off row: of ``ClinicalSignoff`` or of its historical model
    in a migration. ``references`` gives the record hashes of the records it refers to
    (``REFERENCE_FIELDS``) when the caller has them; otherwise they are read."""
    meta = record._meta
    values: dict[str, Any] = {
        name: meta.get_field(name).to_python(getattr(record, name)) for name in STATED_FIELDS
    }
    # A historical model in an older migration may not have them yet.
    fields = {field.name for field in meta.get_fields()}
    values.update(
        {name: getattr(record, name) for name in OPTIONAL_STATED_FIELDS if name in fields}
    )
    for name in CONTENT_TYPE_FIELDS:
        content_type = getattr(record, name)
        values[name] = f"{content_type.app_label}.{content_type.model}"
    for name in REFERENCE_FIELDS:
        pk = getattr(record, meta.get_field(name).attname)
        if pk is None:
            values[name] = None
        elif references is not None and name in references:
            values[name] = references[name]
        else:
            values[name] = (
                type(record)
                ._base_manager.using(record._state.db or "default")
                .values_list("record_hash", flat=True)
                .get(pk=pk)
            )
    values["sequence"] = record.sequence
    values["previous_hash"] = record.previous_hash
    return values


# Appending -------------------------------------------------------------------------------------


def _locked_head(using: str):
    """The chain's head row, locked until the end of the transaction. Made from the last record
    if it is missing (a new or flushed database)."""
    from .models import ClinicalSignoff, SignoffChainHead

    heads = SignoffChainHead.objects.using(using).select_for_update()
    head = heads.filter(pk=HEAD_ID).first()
    if head is not None:
        return head
    last = (
        ClinicalSignoff.objects.using(using)
        .order_by("-sequence")
        .values_list("sequence", "record_hash")
        .first()
    )
    sequence, last_hash = last or (0, GENESIS)
    try:
        with transaction.atomic(using=using):
            SignoffChainHead.objects.using(using).create(
                pk=HEAD_ID, sequence=sequence, record_hash=last_hash
            )
    except IntegrityError:
        pass  # another transaction made it first: wait for its lock below
    return heads.get(pk=HEAD_ID)


def link(records: Sequence[models.Model], *, using: str) -> None:
    """Give ``records``, about to be inserted in this order, their places at the end of the
    chain: sequence, previous hash and record hash; the head moves on to the last of them.

    Call it inside the transaction that inserts them: the head stays locked until it ends, and
    if the insert fails the head's move is rolled back with it. Values the records already hold
    in those fields (a copy of another record, say) are replaced.
    """
    if not transaction.get_connection(using).in_atomic_block:
        raise transaction.TransactionManagementError(
            "Sign-off records are linked inside the transaction that inserts them."
        )
    if not records:
        return
    head = _locked_head(using)
    for record in records:
        record.sequence = head.sequence + 1
        record.previous_hash = head.record_hash
        record.record_hash = record_hash(values_of(record))
        head.sequence, head.record_hash = record.sequence, record.record_hash
    head.save(using=using, update_fields=["sequence", "record_hash"])


# Verifying -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenLink:
    """The first record at which the chain does not hold, and why."""

    sequence: int | None
    pk: int | None
    problem: str

    def __str__(self) -> str:
        where = f"record {self.sequence}" if self.sequence is not None else "a record"
        if self.pk is not None:
            where += f" (sign-off id {self.pk})"
        return f"{where}: {self.problem}"


@dataclass
class Verification:
    """What a walk along (part of) the chain found."""

    count: int = 0
    first: int | None = None
    last: int | None = None
    head_hash: str | None = None
    # Runs of sequences missing from a partial chain (a filtered export): (from, to), inclusive.
    gaps: list[tuple[int, int]] = field(default_factory=list)
    broken: BrokenLink | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _check(
    entry: Mapping[str, Any], previous: Mapping[str, Any] | None, *, complete: bool
) -> tuple[str | None, tuple[int, int] | None]:
    """Why ``entry`` breaks the chain after ``previous`` (None: it is the first one seen), or
    None; and the run of sequences missing between them, if any."""
    sequence = entry["sequence"]
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        return f"its sequence {sequence!r} is not a positive whole number", None
    expected = previous["sequence"] + 1 if previous is not None else 1
    if previous is not None and sequence < expected:
        return f"it comes after record {previous['sequence']}: out of order or repeated", None
    gap = None
    if sequence > expected:
        if complete:
            missing = f"{expected}" if sequence == expected + 1 else f"{expected}–{sequence - 1}"
            return f"record(s) {missing} before it are missing", None
        if previous is not None:
            gap = (expected, sequence - 1)
    if sequence == 1 and entry["previous_hash"] != GENESIS:
        return "it is the first record but its previous hash is not 64 zeros", gap
    if previous is not None and gap is None and entry["previous_hash"] != previous["record_hash"]:
        return (
            f"its previous hash is not the record hash of record {previous['sequence']}: "
            "that record or this link was changed",
            gap,
        )
    if record_hash(entry) != entry["record_hash"]:
        return "its record hash does not match its fields: the record was changed", gap
    if "content" not in entry:
        return "it has no copy of the signed content", gap
    if digest_of_content(entry["content"]) != entry["digest"]:
        return "its copy of the signed content does not hash to its digest", gap
    return None, gap


def verify(entries: Iterable[Mapping[str, Any]], *, complete: bool) -> Verification:
    """Walk ``entries`` in sequence order and stop at the first broken link.

    Each entry holds the chained values (as :func:`values_of` or an export gives them), its
    ``record_hash``, its ``content`` and, to name it, its ``id``. Every record's own hash and
    content digest are checked, and each record's previous hash against the record before it.
    ``complete`` (the database, a full export) requires sequences 1..n without gaps and every
    reference to name an earlier record. Otherwise (a filtered export) the walk may start at any
    record and skip some: each run of missing records is a gap, across which the link cannot be
    checked, and references to records outside the file cannot be checked either.
    """
    result = Verification()
    previous: Mapping[str, Any] | None = None
    seen: set[str] = set()
    for entry in entries:
        pk = entry.get("id")
        try:
            problem, gap = _check(entry, previous, complete=complete)
            if problem is None and complete:
                for name in REFERENCE_FIELDS:
                    if entry[name] is not None and entry[name] not in seen:
                        problem = f"its {name} names no earlier record"
        except (KeyError, TypeError, ValueError) as error:
            problem, gap = f"it cannot be read: {error}", None
        if problem is not None:
            result.broken = BrokenLink(entry.get("sequence"), pk, problem)
            return result
        if gap is not None:
            result.gaps.append(gap)
        seen.add(entry["record_hash"])
        result.count += 1
        result.first = entry["sequence"] if result.first is None else result.first
        result.last, result.head_hash = entry["sequence"], entry["record_hash"]
        previous = entry
    return result


def database_entries(
    queryset: models.QuerySet | None = None, *, content: bool = True
) -> Iterable[dict[str, Any]]:
    """The records of ``queryset`` (default: all) as entries for :func:`verify`, in sequence
    order, read in chunks; without ``content`` their copies of the content are not read."""
    from .models import ClinicalSignoff

    queryset = ClinicalSignoff.objects.all() if queryset is None else queryset
    if not content:
        queryset = queryset.defer("content")
    annotated = (
        queryset.select_related(*CONTENT_TYPE_FIELDS)
        .annotate(
            **{f"{name}_record_hash": models.F(f"{name}__record_hash") for name in REFERENCE_FIELDS}
        )
        .order_by("sequence")
    )
    for record in annotated.iterator(chunk_size=200):
        references = {name: getattr(record, f"{name}_record_hash") for name in REFERENCE_FIELDS}
        entry = {
            **values_of(record, references=references),
            "id": record.pk,
            "record_hash": record.record_hash,
        }
        if content:
            entry["content"] = record.content
        yield entry


def verify_database(using: str = "default") -> Verification:
    """Walk the whole chain in the database, then check its head row against the last record
    (records cut off the end of the table leave the head naming a later one)."""
    from .models import ClinicalSignoff, SignoffChainHead

    result = verify(database_entries(ClinicalSignoff.objects.using(using)), complete=True)
    if not result.ok:
        return result
    head = SignoffChainHead.objects.using(using).filter(pk=HEAD_ID).first()
    last, last_hash = result.last or 0, result.head_hash or GENESIS
    if head is None:
        if result.count:
            result.broken = BrokenLink(None, None, "the chain's head row is missing")
    elif (head.sequence, head.record_hash) != (last, last_hash):
        result.broken = BrokenLink(
            head.sequence,
            None,
            f"the chain's head names record {head.sequence} ({head.record_hash}) but the last "
            f"record is {last} ({last_hash}): records at the end are missing or were changed",
        )
    return result
