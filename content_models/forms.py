"""Admin forms of content_models' snippets, and the date-time field of every admin form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm


class ClinicianProfileForm(WagtailAdminModelForm):
    languages = forms.MultipleChoiceField(
        choices=lambda: settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Languages reviewed in",
        help_text="Content in another language, a translation included, needs another reviewer. "
        "None ticked means the default language only.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A language the site no longer offers stays ticked, and kept on save, until someone
        # unticks it: saving the profile for another reason must not drop it unseen.
        offered = dict(settings.LANGUAGES)
        kept = [code for code in self.instance.languages or [] if code not in offered]
        self.fields["languages"].choices = [
            *settings.LANGUAGES,
            *((code, f"{code} (not a content language now)") for code in kept),
        ]


class StorableDateTimeField(forms.DateTimeField):
    """A date and time the database can store, whatever the site's time zone.

    PostgreSQL stores a time in UTC, within the years 1 to 9999; a local time in the first or
    last day of that range may fall outside it once converted (31 December 9999 in New York is
    10000 in UTC), and saving it failed. A year from 2 to 9998 always converts.
    """

    FIRST_YEAR, LAST_YEAR = 2, 9998

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not self.FIRST_YEAR <= result.year <= self.LAST_YEAR:
            raise ValidationError(
                f"Enter a date between the years {self.FIRST_YEAR} and {self.LAST_YEAR}.",
                code="out_of_range",
            )
        return result
