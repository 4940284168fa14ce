"""Recording a sign-off: the validated request from the review form, and the record it makes."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import log

from claims.readability import record_of as readability_record_of
from signing.digest import canonical_content, digest_of_content
from signing.signoffs import signoff_of, signoffs_of

from .eligibility import clinician_profile
from .models import ATTESTATION, ClinicalSignoff, ReviewKind, SecondFactor
from .translations import source_fields


@dataclass(frozen=True)
class ValidatedSignoff:
    """What the review form validated with the request (attestation ticked, password and
    second factor checked; ``second_factor`` says which: ``SecondFactor``).

    Only :class:`review.forms.SignoffForm` makes these; ``ClinicalReviewTask.on_action`` refuses
    approval without one, so no other path approves without the checks.
    """

    task_state_id: int
    user_id: int
    review_kind: str
    next_review_due: datetime.date
    comment: str = ""
    attestation: str = ATTESTATION
    flag_resolutions: list = field(default_factory=list)
    second_factor: str = SecondFactor.NONE


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clamped to the end of a shorter month (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_interval_months(obj: models.Model) -> int:
    default = getattr(settings, "CLINICAL_REVIEW_INTERVAL_MONTHS", 12)
    return getattr(type(obj), "review_interval_months", None) or default


def default_next_review_due(obj: models.Model, today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return add_months(today, review_interval_months(obj))


def latest_signoff(obj: models.Model) -> ClinicalSignoff | None:
    """The review a new sign-off of ``obj`` follows: the sign-off of what is live now (what
    patients read, and what a minor edit changes), or while nothing is live the latest of any
    version. Not simply the latest: after a revert to an older signed version, the latest
    sign-off is of content that is no longer live, by a reviewer who never saw what is."""
    live = None
    if hasattr(obj, "live"):  # pages, and snippets with drafts
        live = type(obj)._default_manager.filter(pk=obj.pk, live=True).first()
    standing = signoff_of(live) if live is not None else None
    return standing or signoffs_of(obj).first()


def record_signoff(task_state, user, signoff: ValidatedSignoff) -> ClinicalSignoff:
    return sign_revision(task_state.revision, user, signoff, task_state=task_state)


def sign_revision(revision, user, signoff: ValidatedSignoff, task_state=None) -> ClinicalSignoff:
    """Record ``user``'s sign-off of ``revision``. Callers have checked the rules: the review
    task (through the form) or trusted code such as data migrations and test set-up."""
    obj = revision.as_object()
    content = canonical_content(obj)
    profile = clinician_profile(user)
    now = timezone.now()
    previous = latest_signoff(obj)
    if signoff.review_kind == ReviewKind.MINOR and previous is not None:
        last_full_review_at = previous.last_full_review_at
    else:
        last_full_review_at = now
    record = ClinicalSignoff.objects.create(
        base_content_type=revision.base_content_type,
        content_type=revision.content_type or ContentType.objects.get_for_model(obj),
        object_id=str(revision.object_id),
        object_title=str(obj)[:255],
        revision=revision,
        task_state=task_state,
        digest=digest_of_content(content),
        content=content,
        reviewer=user,
        reviewer_name=profile.name,
        reviewer_credentials=profile.credentials,
        reviewer_registration=profile.registration,
        signed_at=now,
        review_kind=signoff.review_kind,
        last_full_review_at=last_full_review_at,
        next_review_due=signoff.next_review_due,
        attestation=signoff.attestation,
        second_factor=signoff.second_factor,
        comment=signoff.comment,
        flag_resolutions=list(signoff.flag_resolutions),
        readability=readability_record_of(obj),
        **source_fields(obj),
    )
    log(
        instance=obj,
        action="clinical_review.sign_off",
        user=user,
        revision=revision,
        data={
            "review_kind": record.review_kind,
            "attestation": record.attestation,
            "second_factor": record.second_factor,
            "next_review_due": record.next_review_due.isoformat(),
            "digest": record.digest,
            "comment": record.comment,
        },
    )
    return record


# Fields a correction may restate: the details of a record, never what was signed, by whom
# or when (a different content needs a new review, not a correction).
CORRECTABLE_FIELDS = frozenset(
    {"reviewer_name", "reviewer_credentials", "reviewer_registration", "next_review_due", "comment"}
)
# Fields a correction never copies from the record it corrects: its own key, its place in the
# chain (``review.chain``) and the task state, which allows one sign-off.
_NOT_COPIED = frozenset(
    {"id", "task_state", "sequence", "previous_hash", "record_hash", "supersedes"}
)


def record_correction(
    original: ClinicalSignoff, *, reason: str, by: models.Model | None, **changes
) -> ClinicalSignoff:
    """Correct a sign-off record the only way the chain allows: append a new record that
    supersedes it, restating it with ``changes`` (``CORRECTABLE_FIELDS``) and ``reason``. The
    page's (or snippet's) history says so too, in the same transaction: ``by`` (the user who
    corrects it: required, None only for a correction no person makes), the reason, and each field
    that changed, from what to what.

    Each record is corrected at most once (a later correction corrects the correction), so the
    corrections of a sign-off form one line. The latest record of the content comes first in
    ``signoffs_of`` (same ``signed_at``, later id), so review dates follow the correction, and
    the page's documents are rendered again with them (``delivery.doors``) in this transaction.
    """
    reason = reason.strip()
    if not reason:
        raise ValueError("A correction needs a reason.")
    if unknown := set(changes) - CORRECTABLE_FIELDS:
        raise ValueError(f"A correction cannot change {', '.join(sorted(unknown))}.")
    if later := original.superseded_by.first():
        raise ValueError(
            f"Sign-off {original.pk} was corrected already by sign-off {later.pk}: correct that."
        )
    if len(reason) > ClinicalSignoff._meta.get_field("supersede_reason").max_length:
        raise ValueError("A correction's reason has at most 300 characters.")
    fields = {
        field.attname: getattr(original, field.attname)
        for field in ClinicalSignoff._meta.concrete_fields
        if field.name not in _NOT_COPIED
    }
    fields.update(changes, supersedes=original, supersede_reason=reason)
    changed = {
        name: {"from": _said(getattr(original, name)), "to": _said(value)}
        for name, value in changes.items()
        if _said(value) != _said(getattr(original, name))
    }
    with transaction.atomic():
        correction = ClinicalSignoff.objects.create(**fields)
        model = original.content_type.model_class()  # None once its model is gone
        signed = model._default_manager.filter(pk=original.object_id) if model else None
        if signed is not None and (obj := signed.first()) is not None:  # not a deleted page
            log(
                instance=obj,
                action="clinical_review.signoff_corrected",
                user=by,
                data={
                    "corrects": original.pk,
                    "correction": correction.pk,
                    "reason": reason,
                    "changes": changed,
                },
            )
    return correction


def _said(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
