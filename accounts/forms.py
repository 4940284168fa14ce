"""The code fields (six digits from an authenticator app, or a recovery code), and the password
change that counts towards the lockout."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from wagtail.admin.forms.auth import PasswordChangeForm as WagtailPasswordChangeForm

from . import lockout

CODE_LABEL = "Code from your authenticator app"
CODE_OR_RECOVERY_HELP = "The six digits your app shows now, or one of your unused recovery codes."


class OneTimeCodeInput(forms.TextInput):
    """A text box that starts empty when a form comes back with errors: the code typed was
    used up or wrong either way."""

    def format_value(self, value):
        return None


def code_field(
    label: str = CODE_LABEL, help_text: str = CODE_OR_RECOVERY_HELP, **kwargs
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=32,
        widget=OneTimeCodeInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
        **kwargs,
    )


class CodeForm(forms.Form):
    """A code and nothing else: the sign-in's second step, new recovery codes."""

    code = code_field(error_messages={"required": "Enter the code from your authenticator app."})


class ConfirmDeviceForm(forms.Form):
    """Enrolment: a code from the app just set up (a recovery code proves nothing here)."""

    code = code_field(
        help_text="The six digits the app shows for this site, once it has scanned the code.",
        error_messages={"required": "Enter the six digits your app shows."},
    )


class PasswordChangeForm(WagtailPasswordChangeForm):
    """Wagtail's password change, whose old password counts as a sign-in does: a wrong one is
    a failure towards the lockout, and while locked out even the right one is refused (else a
    session left open would let anyone guess the e-signature password without limit).
    ``request`` is set by the panel that shows it."""

    request: HttpRequest | None = None

    def clean_old_password(self):
        username = self.user.get_username()
        # Wagtail's account view validates the posted form again to redisplay it (a new form
        # on the same request): a failure is counted once a request, not once a validation,
        # and the form shown says so when that failure locked the account.
        counted = getattr(self.request, "password_change_failure", None)
        if counted == "locked" or (
            counted is None and lockout.is_locked_out(self.request, username)
        ):
            raise ValidationError(
                lockout.locked_out_message("changing the password"), code="locked_out"
            )
        try:
            return super().clean_old_password()
        except ValidationError:
            if self.request is not None and counted is None:
                locked = lockout.record_failure(self.request, username)
                self.request.password_change_failure = "locked" if locked else "counted"
            raise
