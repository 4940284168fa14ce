"""The reviewer's forms: sign-off (attestation, password and a second factor, review kind,
next review due) and rejection (a comment is required)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from accounts import lockout, otp
from accounts.forms import CODE_LABEL, CODE_OR_RECOVERY_HELP, code_field
from claims.checker import check_object

from .eligibility import signoff_refusal
from .models import ATTESTATION, ReviewKind, SecondFactor
from .signoff import ValidatedSignoff, default_next_review_due, latest_signoff

MAX_REVIEW_INTERVAL_DAYS = 3 * 366
# How long set-up code that signs several records in one go may present one verification of
# the reviewer's second factor (``accounts.otp.Verification``) to each.
VERIFICATION_MAX_AGE = datetime.timedelta(minutes=10)
NO_SECOND_FACTOR = (
    "Signing off needs two-factor authentication: set up an authenticator app first "
    "(Account › Two-factor authentication)."
)
WRONG_PASSWORD = "That password is not right: the sign-off was not made."  # noqa: S105 (a message)
WRONG_CODE = (
    "That code is not right, or was used already: the sign-off was not made. Enter the code "
    "your app shows now (each code works once), or an unused recovery code."
)


class ApproveRedirectForm(forms.Form):
    """The stock workflow modal's form for "approve": empty, because approval happens on the
    review screen; posting it approves nothing (``on_action`` needs a validated sign-off)."""


class RejectForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What must change",
        help_text="The editor receives this with a link to the page.",
        error_messages={"required": "Tell the editor what must change: a comment is required."},
    )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Tell the editor what must change: a comment is required.")
        return comment


class SignoffForm(forms.Form):
    attest = forms.BooleanField(
        label=ATTESTATION,
        error_messages={"required": "Tick the attestation to sign off."},
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Your password is your electronic signature.",
    )
    code = code_field(
        CODE_LABEL,
        f"{CODE_OR_RECOVERY_HELP} The second part of your electronic signature.",
        error_messages={"required": "Enter the code from your authenticator app to sign off."},
    )
    review_kind = forms.ChoiceField(
        choices=ReviewKind.choices, initial=ReviewKind.FULL, widget=forms.RadioSelect
    )
    next_review_due = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Defaults to the content type's review interval.",
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(
        self,
        *args,
        user,
        task_state,
        request=None,
        verification: otp.Verification | None = None,
        **kwargs,
    ):
        """``request`` counts wrong passwords and codes towards the lockout (the review screen
        always passes it). ``verification`` is for set-up code only (the demo loader): a second
        factor passed already, in place of a code."""
        self.user = user
        self.task_state = task_state
        self.task = task_state.task.specific
        self.object = task_state.revision.as_object()
        self.request = request
        self.verification = verification
        self.second_factor = SecondFactor.NONE
        super().__init__(*args, **kwargs)
        if verification is not None:
            self.fields["code"].required = False
        # Each flagged claim must be resolved: accepted with a written justification here, or
        # the revision rejected with a comment instead.
        self.flags = check_object(self.object)
        for flag in self.flags:
            self.fields[self.flag_field_name(flag)] = forms.CharField(
                label=f"{flag.category_label} in {flag.location}: “{flag.sentence}”",
                help_text=f"{flag.explanation} Why is this wording acceptable?",
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": "Resolve this flag: justify the wording, or request changes."
                },
            )
        self.fields["next_review_due"].initial = default_next_review_due(self.object)
        previous = latest_signoff(self.object)
        if previous is not None:
            self.fields[
                "review_kind"
            ].help_text = f"Last full review: {previous.last_full_review_at:%d %B %Y}."

    @staticmethod
    def flag_field_name(flag) -> str:
        return f"resolve_{flag.key}"

    @property
    def flag_fields(self):
        return [self[self.flag_field_name(flag)] for flag in self.flags]

    @property
    def signoff_fields(self):
        names = {self.flag_field_name(flag) for flag in self.flags}
        return [field for field in self if field.name not in names]

    def clean_password(self) -> str:
        """The password, unless the reviewer or their address is locked out after repeated
        failures; a wrong one counts as a failed sign-in."""
        password = self.cleaned_data["password"]
        username = self.user.get_username()
        if lockout.is_locked_out(self.request, username):
            raise forms.ValidationError(lockout.locked_out_message("signing off"))
        if not self.user.check_password(password):
            if lockout.record_failure(self.request, username):
                raise forms.ValidationError(lockout.locked_out_message("signing off"))
            raise forms.ValidationError(WRONG_PASSWORD)
        return password

    def clean_next_review_due(self):
        due = self.cleaned_data["next_review_due"]
        today = timezone.localdate()
        if due <= today:
            raise forms.ValidationError("The next review must be due after today.")
        if (due - today).days > MAX_REVIEW_INTERVAL_DAYS:
            raise forms.ValidationError("The next review must be due within three years.")
        return due

    def clean(self):
        cleaned = super().clean()
        if refusal := signoff_refusal(self.user, self.object, task=self.task):
            raise forms.ValidationError(refusal)
        if cleaned.get("review_kind") == ReviewKind.MINOR:
            self.check_minor_edit(cleaned)
        self.check_second_factor(cleaned)
        return cleaned

    def check_second_factor(self, cleaned) -> None:
        """The code, checked last and only when everything else is right: a code works once,
        so it is not used up by a sign-off refused for another reason."""
        if not otp.has_second_factor(self.user):
            self.add_error(None, NO_SECOND_FACTOR)
            return
        if self.verification is not None:
            if self.verification.is_valid_for(self.user, VERIFICATION_MAX_AGE):
                self.second_factor = self.verification.kind
            else:
                self.add_error(None, "The second factor was passed too long ago: sign again.")
            return
        if self.errors:
            return
        verification = otp.verify(self.user, cleaned["code"])
        if verification is not None:
            self.second_factor = verification.kind
        elif lockout.record_failure(self.request, self.user.get_username()):
            self.add_error("code", lockout.locked_out_message("signing off"))
        else:
            self.add_error("code", WRONG_CODE)

    def check_minor_edit(self, cleaned) -> None:
        """A minor edit keeps the last full review's date, so it may not postpone the next
        full review, nor stand in for one that is overdue."""
        previous = latest_signoff(self.object)
        if previous is None:
            self.add_error(
                "review_kind", "A minor edit needs an earlier full review: choose a full review."
            )
        elif previous.next_review_due < timezone.localdate():
            self.add_error(
                "review_kind",
                "The full review is overdue: a minor edit cannot stand in for it.",
            )
        elif (
            cleaned.get("next_review_due") and cleaned["next_review_due"] > previous.next_review_due
        ):
            self.add_error(
                "next_review_due",
                "A minor edit cannot postpone the next full review, due "
                f"{previous.next_review_due:%d %B %Y}.",
            )

    def validated_signoff(self) -> ValidatedSignoff:
        return ValidatedSignoff(
            task_state_id=self.task_state.pk,
            user_id=self.user.pk,
            review_kind=self.cleaned_data["review_kind"],
            next_review_due=self.cleaned_data["next_review_due"],
            comment=self.cleaned_data.get("comment", "").strip(),
            second_factor=self.second_factor,
            flag_resolutions=[
                {
                    "key": flag.key,
                    "rule": flag.rule,
                    "category": flag.category,
                    "location": flag.location,
                    "sentence": flag.sentence,
                    "matched_text": flag.matched_text,
                    "justification": self.cleaned_data[self.flag_field_name(flag)].strip(),
                }
                for flag in self.flags
            ],
        )
