"""wagtail-localize fitted to clinical content.

- "Translate this page": Wagtail copies a page's untranslated ancestors into the new language
  as aliases; an alias of clinical content is live text nobody signed, which the sign-off guard
  refuses (and wagtail-localize then fails). This view first copies those ancestors as drafts,
  which go live through clinical review like the translation itself. Registered at
  wagtail-localize's own address, ahead of it.
- The translation editor's "Publish" would publish text nobody reviewed, and the editor has no
  workflow action of its own. For clinical content it saves the translation as a draft and
  submits that to clinical review (``submit_for_review``): the translator's one button does
  what "Submit to Clinical review" does in Wagtail's editor.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView as LocalizeSubmitPageTranslationView,
)

from .translations import translate_ancestors


class SubmitPageTranslationView(LocalizeSubmitPageTranslationView):
    def form_valid(self, form):
        for locale in form.cleaned_data["locales"]:
            translate_ancestors(self.object, locale)
        return super().form_valid(form)


def editor_translation(obj) -> Translation | None:
    """The wagtail-localize translation whose editor edits ``obj``, if it has one."""
    return Translation.objects.filter(
        source__object_id=obj.translation_key, target_locale_id=obj.locale_id, enabled=True
    ).first()


@transaction.atomic
def submit_for_review(request: HttpRequest, translation: Translation) -> None:
    """Save the translated strings as a draft of the translation and put that draft in
    clinical review: started, resumed after a rejection, or restarted if a review of an
    earlier draft was under way (a reviewer signs exactly what they read)."""
    translation.save_target(user=request.user, publish=False)
    obj = translation.get_target_instance()
    obj = getattr(obj, "specific", obj)
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=request.user)
    else:
        if state is not None:
            state.cancel(user=request.user)
        obj.get_workflow().start(obj, request.user)
    language = translation.target_locale.get_display_name()
    messages.success(
        request,
        f"The {language} translation was saved as a draft and submitted for clinical review. "
        f"It goes live when a reviewer who reviews in {language} signs it off.",
    )
