"""Who may sign off what, and why not: every refusal is a sentence a reviewer can act on."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Revision

from content_models.models import ClinicianProfile
from signing.digest import content_digest
from signing.signoffs import signoffs_of

from .translations import overridden_by, signing_refusal, translated_by

# What the admin logs when someone saves a revision of content (a draft, a revision brought
# back): the log outlives the revisions that ``purge_revisions`` deletes. Not "wagtail.create",
# which Wagtail logs in the page owner's name for a copy made by someone else (a translation).
EDITS = ("wagtail.edit", "wagtail.revert")


def clinician_profile(user) -> ClinicianProfile | None:
    try:
        return user.clinician_profile
    except ClinicianProfile.DoesNotExist:
        return None


def reviewer_name(user) -> str:
    """A reviewer as the admin names them: their clinician profile's name, else Wagtail's."""
    from wagtail.admin.utils import get_user_display_name

    if user is None:
        return "a reviewer"
    profile = clinician_profile(user)
    return profile.name if profile is not None else get_user_display_name(user)


def registration_lapsed(profile: ClinicianProfile) -> bool:
    expires = profile.registration_expires
    return expires is not None and expires < timezone.localdate()


def is_active_reviewer(user) -> bool:
    profile = clinician_profile(user) if user.is_authenticated else None
    return bool(user.is_active and profile and profile.active and not registration_lapsed(profile))


def _since(queryset: models.QuerySet, field: str, last_signoff) -> models.QuerySet:
    """What ``queryset`` holds from after ``last_signoff`` (all of it if there is none)."""
    if last_signoff is None:
        return queryset
    return queryset.filter(**{f"{field}__gt": last_signoff.signed_at})


def signoff_refusal(user, obj: models.Model, *, task=None) -> str | None:
    """Why ``user`` may not sign off ``obj`` now, or None if they may."""
    if not user.is_authenticated or not user.is_active:
        return "You must be signed in with an active account to sign off content."
    if task is not None and not task._user_in_groups(user):
        return (
            "Only members of the medical reviewer group may sign off clinical content; "
            "being an administrator is not enough."
        )
    profile = clinician_profile(user)
    if profile is None:
        return "You have no clinician profile, so you cannot sign off clinical content."
    if not profile.active:
        return "Your clinician profile is inactive, so you cannot sign off clinical content."
    if registration_lapsed(profile):
        return (
            f"Your professional registration lapsed on {profile.registration_expires:%d %B %Y}, "
            "so you cannot sign off clinical content until it is renewed in your profile."
        )
    if refusal := signing_refusal(profile, obj):
        return refusal
    last = signoffs_of(obj).first()
    if _since(translated_by(user, obj), "updated_at", last).exists() or (
        _since(overridden_by(user, obj), "updated_at", last).exists()
    ):
        return (
            "You translated text of this content since its last sign-off, so another reviewer "
            "for its language must approve it: nobody signs off their own changes."
        )
    revisions = Revision.objects.for_instance(obj).filter(user=user)
    authored = _since(revisions, "created_at", last).order_by("created_at").first()
    if authored is not None:
        return (
            "You edited this content since its last sign-off (a revision of "
            f"{authored.created_at:%d %B %Y %H:%M}), so another reviewer must approve it: "
            "nobody signs off their own changes."
        )
    logs = _since(log_registry.get_logs_for_instance(obj), "timestamp", last)
    edits = logs.filter(user=user, action__in=EDITS, revision__isnull=False)
    if edit := edits.order_by("timestamp").first():
        return (
            f"You edited this content since its last sign-off ({edit.timestamp:%d %B %Y %H:%M}"
            "), so another reviewer must approve it: nobody signs off their own changes."
        )
    reverted = logs.filter(action="wagtail.revert").values_list("data", flat=True)
    ids = {(data or {}).get("revision", {}).get("id") for data in reverted} - {None}
    # Theirs by the revision, or by the log when ``purge_revisions`` deleted it (its creation
    # counts here: bringing back a page's first revision brings back its author's words).
    mine = set(revisions.filter(pk__in=ids).values_list("pk", flat=True)) | set(
        log_registry.get_logs_for_instance(obj)
        .filter(user=user, action__in=(*EDITS, "wagtail.create"), revision_id__in=ids)
        .values_list("revision_id", flat=True)
    )
    kept = Revision.objects.in_bulk(mine)
    for pk in mine:
        # Their words brought back, unless another reviewer signed them as they were (which a
        # deleted revision can no longer show).
        revision = kept.get(pk)
        if revision is None or not (
            signoffs_of(obj, digest=content_digest(revision.as_object())).exists()
        ):
            return (
                "This content was brought back, since its last sign-off, to a revision of yours "
                "that nobody signed off, so another reviewer must approve it: nobody signs off "
                "their own changes."
            )
    return None
