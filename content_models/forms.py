"""Admin forms of content_models' snippets."""

from __future__ import annotations

from django import forms
from django.conf import settings
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
