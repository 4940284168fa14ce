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
- "Update translations" with "Publish translations" ticked would publish text nobody reviewed;
  refused, it said it had succeeded and left every translation as it was. For clinical content
  it updates them and submits each to clinical review, as the editor's Publish does.
- The editor's PO upload and its string and override endpoints fail (a 500) on input a
  translator's tool may send: no file, a PO file without its header, a NUL. They answer with a
  message (the upload) or a 400 that says why.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from pathlib import Path

import polib
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DataError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views import edit_translation as localize_editor
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView as LocalizeSubmitPageTranslationView,
)
from wagtail_localize.views.update_translations import (
    UpdateTranslationsView as LocalizeUpdateTranslationsView,
)

from signing.content import is_clinical

from .translations import translate_ancestors

logger = logging.getLogger(__name__)


class KeepingTranslationCreator(TranslationCreator):
    """wagtail-localize's, except that an object the page only uses (its disclaimer, its
    clinic) is translated only into languages it has no translation in yet. Translating it
    again would save its existing translation as a draft: a live, signed disclaimer would go
    offline, its text overwritten from stored strings."""

    def create_translations(self, instance, include_related_objects=True):
        if include_related_objects:  # the object being translated, not one it uses
            return super().create_translations(instance, include_related_objects)
        missing = [locale for locale in self.target_locales if not instance.has_translation(locale)]
        if not missing:
            return None
        kept, self.target_locales = self.target_locales, missing
        try:
            return super().create_translations(instance, include_related_objects=False)
        finally:
            self.target_locales = kept


class SubmitPageTranslationView(LocalizeSubmitPageTranslationView):
    @transaction.atomic
    def form_valid(self, form):
        """wagtail-localize's, with drafts of untranslated parents first and the creator
        above; a subtree is translated at once, not queued."""
        locales = form.cleaned_data["locales"]
        for locale in locales:
            translate_ancestors(self.object, locale)
        translator = KeepingTranslationCreator(self.request.user, locales)
        translator.create_translations(self.object)
        if form.cleaned_data.get("include_subtree"):
            for page in self.object.get_descendants():
                translator.create_translations(page)
        self.components.save(translator, sources_and_translations=translator.mappings)
        if len(locales) == 1:
            names, translated = (
                locales[0].get_display_name(),
                self.object.get_translation(locales[0]),
            )
        else:
            names, translated = f"{len(locales)} locales", None
        messages.success(self.request, self.get_success_message(names))
        return redirect(self.get_success_url() or self.get_default_success_url(translated))


def editor_translation(obj) -> Translation | None:
    """The wagtail-localize translation whose editor edits ``obj``, if it has one."""
    return Translation.objects.filter(
        source__object_id=obj.translation_key, target_locale_id=obj.locale_id, enabled=True
    ).first()


@transaction.atomic
def submit_for_review(request: HttpRequest, translation: Translation) -> None:
    """Save the translated strings as a new draft revision of the translation and put that
    draft in clinical review: started, resumed after a rejection, or restarted if a review of
    an earlier draft was under way (a reviewer signs exactly what they read).

    Only a revision is written: wagtail-localize's own ``save_target`` would write the text to
    the object's row (refused for live content) and take a live disclaimer offline."""
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    draft = getattr(draft, "specific", draft)
    draft.save_revision(user=request.user, log_action=True)
    state = draft.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=request.user)
    else:
        if state is not None:
            state.cancel(user=request.user)
        draft.get_workflow().start(draft, request.user)
    language = translation.target_locale.get_display_name()
    messages.success(
        request,
        f"The {language} translation was saved as a draft and submitted for clinical review. "
        f"It goes live when a reviewer who reviews in {language} signs it off.",
    )


# wagtail-localize's translation editor, taking input it fails on (a 500) as a refusal that says
# why: registered at its own addresses, ahead of it. -------------------------------------------

_UNSTORABLE = "holds a character that cannot be stored (a NUL)"
CHOSEN_VALUE_INVALID = (
    "a value chosen for this translation (an image, a page, a document) no longer exists or is "
    "not valid. Choose it again in the translation editor."
)


def upload_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's PO file upload; a file it cannot take is a message. The file is
    checked here first: wagtail-localize leaves its temporary copy behind when it fails."""
    problem = _po_file_problem(request.FILES.get("file"))
    if problem is None:
        try:
            with transaction.atomic():
                return localize_editor.upload_pofile(request, translation_id)
        except (DataError, ValueError):  # a check above missed (its temporary file stays)
            problem = f"Nothing was imported: a translation in the file {_UNSTORABLE}."
    messages.error(request, problem)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def _po_file_problem(upload: UploadedFile | None) -> str | None:
    """Why wagtail-localize could not take this upload, or None."""
    if upload is None:
        return "Choose a PO file to upload."
    with tempfile.TemporaryDirectory() as folder:
        # A file, as wagtail-localize does: polib would read a string naming a file as that file.
        path = Path(folder) / "upload.po"
        path.write_bytes(upload.read())
        upload.seek(0)
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError, LookupError):  # polib's parse errors, an unknown charset
            return "Nothing was imported: this is not a PO file that can be read."
    if "X-WagtailLocalize-TranslationID" not in po.metadata:
        return (
            "This PO file does not say which translation it is for (it has no "
            "X-WagtailLocalize-TranslationID header): download the PO file of this translation, "
            "translate it, and upload that."
        )
    if any("\x00" in (text or "") for e in po for text in (e.msgid, e.msgstr, e.msgctxt)):
        return f"Nothing was imported: a translation in the file {_UNSTORABLE}."
    return None


def _refusing_bad_values(view):
    """One of the editor's endpoints for a string or an override: a PUT without a value, or
    with one the database cannot store, is a 400 that says so."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            with transaction.atomic():
                return view(request, *args, **kwargs)
        except MultiValueDictKeyError:
            problem = "Send the translation as the form field 'value'."
        except (DataError, ValueError):
            problem = f"The value {_UNSTORABLE}."
        return JsonResponse({"error": problem}, status=400)

    return wrapped


edit_string_translation = _refusing_bad_values(localize_editor.edit_string_translation)
edit_override = _refusing_bad_values(localize_editor.edit_override)


class UpdateTranslationsView(LocalizeUpdateTranslationsView):
    def form_valid(self, form):
        """wagtail-localize's; for clinical content "Publish translations" submits each
        translation, updated, to clinical review instead (see the module)."""
        source = self.object.get_source_instance()
        if not (form.cleaned_data["publish_translations"] and is_clinical(source)):
            return super().form_valid(form)
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)  # the strings to translate, updated from the source
        translations = self.object.translations.filter(enabled=True)
        for translation in translations.select_related("target_locale"):
            language = translation.target_locale.get_display_name()
            try:
                target = translation.get_target_instance()
                if getattr(target, "specific", target).get_workflow() is None:
                    messages.error(self.request, f"The {language} translation has no workflow.")
                    continue
                submit_for_review(self.request, translation)
            except (ValidationError, ObjectDoesNotExist, ValueError, TypeError) as error:
                logger.warning("Translation %s: not submitted", translation.pk, exc_info=True)
                why = " ".join(getattr(error, "messages", [])) or CHOSEN_VALUE_INVALID
                messages.error(self.request, f"The {language} translation was not submitted: {why}")
        return response


def preview_translation(request: HttpRequest, translation_id: int, mode: str | None = None):
    """wagtail-localize's preview of a translation; one it cannot draw because of an override
    (an image deleted since, a value that names nothing) is a 400 that says so."""
    try:
        return localize_editor.preview_translation(request, translation_id, mode)
    except (ObjectDoesNotExist, ValueError, TypeError):
        logger.warning("Translation %s: preview failed", translation_id, exc_info=True)
        return HttpResponse(
            f"This preview cannot be drawn: {CHOSEN_VALUE_INVALID}",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
