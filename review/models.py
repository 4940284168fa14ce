"""Clinical sign-off: the review task and the append-only record of each sign-off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import AbstractGroupApprovalTask, TaskState

from . import chain

if TYPE_CHECKING:
    from .signoff import ValidatedSignoff

ATTESTATION = "I have checked this content for clinical accuracy against its references."


class ReviewKind(models.TextChoices):
    FULL = "full", "Full review"
    MINOR = "minor", "Minor edit (such as a typo): keeps the last full review's date"


class SecondFactor(models.TextChoices):
    """What the reviewer passed besides the password (``accounts.otp`` names the kinds)."""

    NONE = "", "None (signed before a second factor was required)"
    TOTP = "totp", "Authenticator app (TOTP)"
    RECOVERY_CODE = "recovery-code", "Recovery code"


class SignoffQuerySet(models.QuerySet):
    """Sign-off records: nothing is updated or deleted, and inserts join the chain."""

    def delete(self):
        raise PermissionDenied("Clinical sign-offs are append-only.")

    def update(self, **kwargs):
        raise PermissionDenied("Clinical sign-offs are append-only.")

    def bulk_update(self, *args, **kwargs):
        raise PermissionDenied("Clinical sign-offs are append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        """Insert the records at the end of the chain, in the order given."""
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise PermissionDenied(
                "Clinical sign-offs are appended to a chain: a skipped or merged row would "
                "break it."
            )
        objs = list(objs)
        with transaction.atomic(using=self.db):
            chain.link(objs, using=self.db)
            return super().bulk_create(objs, *args, **kwargs)


def already_completed(task_state: TaskState) -> str:
    from .eligibility import reviewer_name

    when = timezone.localtime(task_state.finished_at) if task_state.finished_at else None
    done = "approved" if task_state.status == TaskState.STATUS_APPROVED else task_state.status
    on = f" on {when:%-d %B %Y at %H:%M}" if when else ""
    return (
        f"This review was already completed: {done} by {reviewer_name(task_state.finished_by)}"
        f"{on}. Nothing was recorded for you."
    )


class ClinicalSignoff(models.Model):
    """A reviewer's sign-off of exactly one content digest. Append-only.

    It keeps a copy of the signed content and a snapshot of the reviewer's details, and its links
    to the object and revision are detachable, so the record survives edits, profile changes and
    the deletion of the page. Every record is a link of one hash chain (``review.chain``): its
    ``sequence``, ``previous_hash`` and ``record_hash`` are set when it is inserted, however it
    is inserted (``save`` or ``bulk_create``), and ``manage.py verify_signoffs`` checks them.
    """

    base_content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=255, db_index=True)
    object_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinical_signoffs",
    )
    task_state = models.ForeignKey(
        TaskState, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    digest = models.CharField(max_length=64, db_index=True)
    content = models.JSONField(help_text="The canonical content that was signed.")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=200)
    reviewer_credentials = models.CharField(max_length=200)
    reviewer_registration = models.CharField(max_length=100)
    signed_at = models.DateTimeField(default=timezone.now, db_index=True)
    review_kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    last_full_review_at = models.DateTimeField(
        help_text="The date of the last full review: a minor edit keeps it."
    )
    next_review_due = models.DateField()
    attestation = models.TextField()
    second_factor = models.CharField(
        max_length=20,
        choices=SecondFactor.choices,
        blank=True,
        default=SecondFactor.NONE,
        help_text="The second factor the reviewer passed with the password: chained only when "
        "set, so records made before it was kept hash as before (``review.chain``).",
    )
    comment = models.TextField(blank=True)
    flag_resolutions = models.JSONField(default=list, blank=True)
    readability = models.JSONField(
        null=True,
        blank=True,
        help_text="The readability of the signed content as a whole, scored when it was signed "
        "(claims.readability.record_of); null on sign-offs recorded before it was kept.",
    )
    carried_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_over_to",
        help_text="The sign-off this record carries over to a new digest of the same content, "
        "when a migration changed how content is hashed; never a new review.",
    )
    carry_over_reason = models.CharField(max_length=300, blank=True)
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The record this one corrects (``review.signoff.record_correction``): records "
        "are never changed, a correction is a new record that supersedes the old one.",
    )
    supersede_reason = models.CharField(max_length=300, blank=True)
    # A translation's sign-off: the source's sign-off it was checked against (and through it,
    # the source revision). Its digest and record hash are chained (``review.chain``).
    translation_source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations_signed",
        help_text="For a translation: the sign-off of the source content it was made from.",
    )
    translation_source_digest = models.CharField(
        max_length=64,
        blank=True,
        help_text="The content digest of that source; the translation is out of date once the "
        "source's signed content has another.",
    )
    translation_source_hash = models.CharField(
        max_length=64, blank=True, help_text="The record hash of that source sign-off."
    )
    # The chain (``review.chain``): set when the record is inserted, never changed.
    sequence = models.PositiveIntegerField(
        unique=True, editable=False, help_text="The record's place in the chain: 1, 2, 3, …"
    )
    previous_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="The record hash of the record before this one (64 zeros for the first).",
    )
    record_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of this record's chained fields and the previous hash.",
    )

    objects = SignoffQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state"],
                condition=models.Q(task_state__isnull=False),
                name="one_signoff_a_task_state",
            ),
            models.UniqueConstraint(
                fields=["supersedes"],
                condition=models.Q(supersedes__isnull=False),
                name="one_correction_a_signoff",
            ),
            models.CheckConstraint(
                condition=models.Q(supersedes__isnull=True) | ~models.Q(supersede_reason=""),
                name="a_correction_says_why",
            ),
        ]
        indexes = [
            models.Index(fields=["base_content_type", "object_id", "-signed_at"]),
            # "Is this digest signed for this object?": every served row asks (``signed_only``
            # joins on all three); this index answers it without reading the sign-offs' rows.
            models.Index(
                fields=["base_content_type", "object_id", "digest"],
                name="review_signoff_signed_check",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.object_title} signed by {self.reviewer_name} on {self.signed_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        """Insert the record at the end of the chain; a saved record cannot be saved again."""
        if not self._state.adding:
            raise PermissionDenied("Clinical sign-offs are append-only.")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            chain.link([self], using=using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Clinical sign-offs are append-only.")

    @property
    def last_reviewed_at(self):
        return self.last_full_review_at

    @cached_property
    def full_review(self) -> ClinicalSignoff:
        """The record of the full review this sign-off dates from (``last_full_review_at``):
        itself, or for a minor edit the earlier full review of the same content, as last
        corrected. "Last reviewed <date> by <reviewer>" names that review's reviewer: the
        minor edit's reviewer did not review it."""
        if self.signed_at == self.last_full_review_at:
            return self
        full = (
            ClinicalSignoff.objects.filter(
                base_content_type_id=self.base_content_type_id,
                object_id=self.object_id,
                signed_at=self.last_full_review_at,
            )
            .order_by("-pk")  # a correction restates its record's time, with a later id
            .first()
        )
        return full or self


class SignoffChainHead(models.Model):
    """The end of the sign-off chain: one row, locked while records are appended to it, so that
    each record gets the next sequence and the hash of the record before it even when reviewers
    approve at the same moment. ``verify_signoffs`` checks it against the last record, so records
    cut off the end of the table are noticed. It is a lock and a cross-check, not the trust
    anchor: keep the head hash that ``verify_signoffs`` prints somewhere else (docs/security.md).
    """

    sequence = models.PositiveIntegerField(default=0)
    record_hash = models.CharField(max_length=64, default=chain.GENESIS)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_chain_head")]

    def __str__(self) -> str:
        return f"Sign-off chain head: record {self.sequence}, {self.record_hash}"


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a medical reviewer, with attestation and password, in our own view.

    Stock group approval lets any superuser act, keeps comments optional and cannot check a
    password. Here only active reviewers with a ClinicianProfile act; approval goes through
    ``review.views.ReviewView`` which validates with the request and hands ``on_action`` a
    :class:`~review.signoff.ValidatedSignoff`; ``on_action`` re-checks every rule.
    """

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Medical reviewers approve with attestation, password and a code from their "
            "authenticator app, or reject with a comment"
        )

    def user_can_review(self, user) -> bool:
        from .eligibility import is_active_reviewer

        return self._user_in_groups(user) and is_active_reviewer(user)

    def get_actions(self, obj, user):
        if not self.user_can_review(user):
            return []
        return [
            ("reject", "Request changes", True),
            ("approve", "Approve and sign off…", True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.user_can_review(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(user) or user.is_superuser

    def locked_for_user(self, obj, user):
        # Nobody edits content while it is in review; changes come after a rejection.
        return True

    def user_can_lock(self, obj, user):
        return False

    def get_form_for_action(self, action):
        from .forms import ApproveRedirectForm, RejectForm

        return RejectForm if action == "reject" else ApproveRedirectForm

    def get_template_for_action(self, action):
        if action == "approve":
            return "review/approve_modal.html"
        return ""

    def on_action(
        self, task_state, user, action_name, signoff: ValidatedSignoff | None = None, **kwargs
    ):
        from .eligibility import signoff_refusal
        from .signoff import ValidatedSignoff, record_signoff

        if action_name == "approve":
            if not isinstance(signoff, ValidatedSignoff) or signoff.task_state_id != task_state.pk:
                raise PermissionDenied(
                    "Approval needs the sign-off form: attestation, password and review details."
                )
            if signoff.user_id != user.pk:
                raise PermissionDenied("A sign-off is personal to the reviewer who made it.")
            obj = task_state.revision.as_object()
            if refusal := signoff_refusal(user, obj, task=self):
                raise PermissionDenied(refusal)
            from claims.checker import check_object

            resolved = {resolution["key"] for resolution in signoff.flag_resolutions}
            unresolved = [flag for flag in check_object(obj) if flag.key not in resolved]
            if unresolved:
                raise PermissionDenied(
                    f"{len(unresolved)} flagged claim(s) are unresolved: resolve each one or "
                    "request changes."
                )
            if not signoff.second_factor:
                raise PermissionDenied(
                    "Approval needs a second factor: a code from the reviewer's authenticator "
                    "app or a recovery code."
                )
            # One transaction: if publishing is refused, the sign-off is not kept either. The
            # task state is locked, so of two reviewers approving at once the second waits, then
            # finds the review completed (and a constraint allows one sign-off a task state).
            with transaction.atomic():
                locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
                if locked.status != TaskState.STATUS_IN_PROGRESS:
                    raise PermissionDenied(already_completed(locked))
                record_signoff(task_state, user, signoff)
                task_state.approve(user=user, comment=signoff.comment)
        elif action_name == "reject":
            if not self.user_can_review(user):
                raise PermissionDenied("Only active medical reviewers may reject content.")
            comment = (kwargs.get("comment") or "").strip()
            if not comment:
                raise PermissionDenied("A rejection needs a comment for the editor.")
            # Locked as an approval is: a rejection that waited on a reviewer's approval
            # finds the review completed, and does not mark the signed task rejected.
            with transaction.atomic():
                locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
                if locked.status != TaskState.STATUS_IN_PROGRESS:
                    raise PermissionDenied(already_completed(locked))
                task_state.reject(user=user, comment=comment)
        else:
            raise PermissionDenied(f"Unknown review action {action_name!r}.")

    def review_url(self, task_state) -> str:
        return reverse("clinical_review:review", args=(task_state.pk,))


class ReviewReminder(models.Model):
    """That reviewers were reminded about a page on a day: at most one reminder a day a page."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_reminders"
    )
    sent_on = models.DateField()
    status = models.CharField(max_length=20)
    next_review_due = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "sent_on"], name="one_reminder_a_day_a_page")
        ]

    def __str__(self) -> str:
        return f"Reminder for page {self.page_id} on {self.sent_on}"
