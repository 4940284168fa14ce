"""wagtail-localize's "Translate this page", fitted to clinical content.

Wagtail copies a page's untranslated ancestors into the new language as aliases; an alias of
clinical content is live text nobody signed, which the sign-off guard refuses (and
wagtail-localize then fails). This view first copies those ancestors as drafts, which go live
through clinical review like the translation itself. Registered at wagtail-localize's own
address, ahead of it.
"""

from __future__ import annotations

from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView as LocalizeSubmitPageTranslationView,
)

from .translations import translate_ancestors


class SubmitPageTranslationView(LocalizeSubmitPageTranslationView):
    def form_valid(self, form):
        for locale in form.cleaned_data["locales"]:
            translate_ancestors(self.object, locale)
        return super().form_valid(form)
