"""The content language of a request: the language prefix of its path (``/fr/…``), else the
default language. Never the browser's ``Accept-Language`` or a cookie: a public URL names one
answer, so responses do not vary by header and a cache purge by URL reaches every copy.

Django's ``LocaleMiddleware`` would choose from ``Accept-Language`` and add ``Vary`` to every
response; this chooses only from the path, before URL resolution, which is what
``i18n_patterns(prefix_default_language=False)`` and Wagtail's page serving need (Wagtail finds
the site's root page in the active language). The admin chooses its own language per user.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ContentLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()
