"""Signing content in test set-up: the same sign-off record the review task makes, without
driving the admin (tests of the review itself go through the admin views)."""

import datetime

from django.utils import timezone

from review.signoff import ValidatedSignoff, sign_revision


def factory_reviewer():
    from content_models.models import ClinicianProfile

    from .snippets import ClinicianProfileFactory
    from .users import UserFactory

    profile = ClinicianProfile.objects.filter(user__username="factory-reviewer").first()
    if profile is None:
        user = UserFactory(username="factory-reviewer", groups=["Medical reviewers"])
        profile = ClinicianProfileFactory(user=user, name="Dr Factory", credentials="MB BS")
    return profile.user


def sign(revision, reviewer=None, next_review_due=None, review_kind="full"):
    reviewer = reviewer or factory_reviewer()
    return sign_revision(
        revision,
        reviewer,
        ValidatedSignoff(
            task_state_id=0,
            user_id=reviewer.pk,
            review_kind=review_kind,
            next_review_due=next_review_due or timezone.localdate() + datetime.timedelta(days=365),
        ),
    )


def sign_and_publish(obj, user=None):
    """Save ``obj`` as a revision, sign it off, publish it, and return the fresh live object."""
    revision = obj.save_revision(user=user)
    sign(revision)
    revision.publish(user=user)
    return type(obj)._default_manager.get(pk=obj.pk)


def signed_before_a_migration(revision, digest: str, form: str):
    """A sign-off record as an older canonical form recorded it (``digest``, in that ``form``),
    for the migrations that carry sign-offs over to a newer one."""
    from review.models import ATTESTATION, ClinicalSignoff
    from signing.content import base_content_type

    obj = revision.as_object()
    return ClinicalSignoff.objects.create(
        base_content_type=base_content_type(obj),
        content_type=revision.content_type,
        object_id=str(revision.object_id),
        object_title=str(obj),
        revision=revision,
        digest=digest,
        content={"signed": f"in the {form} form"},
        reviewer=factory_reviewer(),
        reviewer_name="Dr Before",
        reviewer_credentials="MB BS",
        reviewer_registration="GMC 1234567",
        signed_at=timezone.now() - datetime.timedelta(days=30),
        review_kind="full",
        last_full_review_at=timezone.now() - datetime.timedelta(days=30),
        next_review_due=timezone.localdate() + datetime.timedelta(days=300),
        attestation=ATTESTATION,
    )
