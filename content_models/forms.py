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
