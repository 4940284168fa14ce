"""Translations are signed like any content, against the signed source they were made from.

A translation's source is the content wagtail-localize translated it from (its translation
source's locale), else the same content in the default language. A reviewer signs a translation
only while its source's live content is signed; the sign-off records that source sign-off and
its digest (``ClinicalSignoff.translation_source*``). When the source's signed content changes
(a new digest goes live), every translation signed against an older digest is out of date: it
stays public, signed as it was, and says so (``translation_status``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin

from signing.content import is_clinical
from signing.signoffs import signoff_of, signoffs_of


class TranslationStatus(models.TextChoices):
    CURRENT = "current", "Translation current"
    OUT_OF_DATE = "out_of_date", "Translation out of date"


def _source_locale(obj: TranslatableMixin) -> Locale | None:
    from wagtail_localize.models import Translation

    translation = (
        Translation.objects.filter(
            source__object_id=obj.translation_key, target_locale_id=obj.locale_id
        )
        .select_related("source__locale")
        .first()
    )
    if translation is not None:
        return translation.source.locale
    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()


def source_of(obj: models.Model) -> models.Model | None:
    """The content ``obj`` was translated from (specific), or None when ``obj`` is not a
    translation (content in its source language, or not translatable)."""
    if not isinstance(obj, TranslatableMixin) or obj.pk is None:
        return None
    locale = _source_locale(obj)
    if locale is None or locale.pk == obj.locale_id:
        return None
    source = obj.get_translation_or_none(locale)
    return source.specific if hasattr(source, "specific") else source


def signed_source(source: models.Model):
    """The sign-off of ``source``'s live content, or None (not live, or unsigned)."""
    if source is None or not getattr(source, "live", True):
        return None
    return signoff_of(source, digest=source.content_digest)


def translation_status(obj: models.Model, signoff) -> str | None:
    """ "current" or "out_of_date" for a translation signed with ``signoff``; None for content
    that is not a translation."""
    source = source_of(obj)
    if source is None:
        return None
    current = signed_source(source)
    if current is not None and signoff.translation_source_digest in _digests_of(source, current):
        return TranslationStatus.CURRENT.value
    return TranslationStatus.OUT_OF_DATE.value


def _digests_of(source: models.Model, signoff) -> set[str]:
    """The digests the signed content of ``source`` has had: its sign-off's, and those of the
    records any sign-off of it carries over (a migration that changed how content is hashed
    changed no content; a review after it carries nothing over itself)."""
    digests = {signoff.digest}
    pending = list(signoffs_of(source, digest=signoff.digest).exclude(carried_over_from=None))
    while pending:
        record = pending.pop().carried_over_from
        digests.add(record.digest)
        if record.carried_over_from_id is not None:
            pending.append(record)
    return digests


def signing_refusal(user_profile, obj: models.Model) -> str | None:
    """Why this clinician may not sign ``obj`` for its language, or None."""
    locale = getattr(obj, "locale", None)
    if locale is None:
        return None
    language = locale.language_code
    if not user_profile.reviews_in(language):
        name = dict(settings.LANGUAGES).get(language, language)
        return (
            f"This content is in {name} ({language}), and your clinician profile does not list "
            f"{name} among the languages you review in; a reviewer for {name} must sign it off."
        )
    source = source_of(obj)
    if source is None:
        return None
    signed = signed_source(source)
    if signed is None:
        return (
            "This is a translation, and the content it was translated from has no signed live "
            f"version (“{source}”): its source must be signed off first, so that the "
            "translation can be checked against what patients read in the source language."
        )
    made_from = _translated_from_at(obj, source)
    if made_from is not None and signed.signed_at > made_from:
        return (
            f"This translation was made from an earlier version of “{source}” than the one "
            f"signed off on {signed.signed_at:%d %B %Y %H:%M}: sync it from its source in the "
            "translation editor and check it, then sign it off."
        )
    return None


def _translated_from_at(obj: models.Model, source: models.Model):
    """When wagtail-localize last took the source's content for this translation, or None
    (a translation made without it)."""
    from wagtail_localize.models import TranslationSource

    return (
        TranslationSource.objects.filter(object_id=obj.translation_key, locale_id=source.locale_id)
        .values_list("last_updated_at", flat=True)
        .first()
    )


def translated_by(user, obj: models.Model) -> models.QuerySet:
    """The strings of ``obj``'s text that ``user`` translated in wagtail-localize's editor or
    by importing a file: the revision may be someone else's, the words are theirs."""
    from wagtail_localize.models import StringTranslation

    if not isinstance(obj, TranslatableMixin):
        return StringTranslation.objects.none()
    return StringTranslation.objects.filter(
        context__object_id=obj.translation_key, locale_id=obj.locale_id, last_translated_by=user
    )


def overridden_by(user, obj: models.Model) -> models.QuerySet:
    """The values of ``obj`` (a reference's link, an image) that ``user`` overrode for its
    language in wagtail-localize's editor: not translated words, but theirs too."""
    from wagtail_localize.models import SegmentOverride

    if not isinstance(obj, TranslatableMixin):
        return SegmentOverride.objects.none()
    return SegmentOverride.objects.filter(
        context__object_id=obj.translation_key, locale_id=obj.locale_id, last_translated_by=user
    )


def source_fields(obj: models.Model) -> dict:
    """What a translation's sign-off records of its source (none for other content)."""
    source = source_of(obj)
    signoff = signed_source(source) if source is not None else None
    if signoff is None:
        return {}
    return {
        "translation_source": signoff,
        "translation_source_digest": signoff.digest,
        "translation_source_hash": signoff.record_hash,
    }


def live_translation_status(obj: models.Model) -> str | None:
    """The translation status of a page's or signed snippet's live, signed content (None: not
    clinical content, not a translation, or nothing signed is live)."""
    if not is_clinical(obj) or not getattr(obj, "live", False):
        return None
    if obj.locale_id == _default_locale_id():
        return None
    signoff = signoff_of(obj, digest=obj.content_digest)
    return translation_status(obj, signoff) if signoff is not None else None


def out_of_date_translations() -> list[models.Model]:
    """Live clinical translations whose source was signed off again with changes since: the
    pages, then the signed snippets patients see (a disclaimer's translation)."""
    default_locale_id = _default_locale_id()
    pages = Page.objects.live().exclude(locale_id=default_locale_id).specific()
    snippets = (
        obj
        for model in translatable_signed_snippets()
        for obj in model.objects.filter(live=True)
        .exclude(locale_id=default_locale_id)
        .order_by("pk")
    )
    return [
        obj
        for obj in [*pages.order_by("title"), *snippets]
        if live_translation_status(obj) == TranslationStatus.OUT_OF_DATE
    ]


def translatable_signed_snippets() -> list[type[models.Model]]:
    """The snippet models whose translations are signed and published like pages."""
    from wagtail.snippets.models import get_snippet_models

    return [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
        and issubclass(model, DraftStateMixin)
        and is_clinical(model)
    ]


def _default_locale_id() -> int | None:
    return (
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE)
        .values_list("pk", flat=True)
        .first()
    )


def translate_ancestors(page: Page, locale: Locale) -> None:
    """Draft copies, in ``locale``, of ``page``'s ancestors that have none, top down (Wagtail
    would make them aliases, which clinical content may not be)."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(locale) is None:
            ancestor.copy_for_translation(locale)
