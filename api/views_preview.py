"""Headless preview: ``GET /api/v1/preview/{token}/`` answers a draft revision in the shape of
the live detail, for frontends to render what an editor or reviewer is working on.

The token (see ``api.preview``) is the credential: signed, bound to one revision of one page,
expiring. Invalid or expired tokens answer 403, tokens whose revision is gone (or not a
treatment or condition of this site) 404, all as problem bodies. Every answer, errors included,
is ``Cache-Control: private, no-store``: a draft must never sit in a shared cache.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from delivery import serving
from review.currency import ReviewInfo
from signing.signoffs import signoff_of

from . import preview, representations
from .context import ApiContext
from .problems import PROBLEM_CONTENT_TYPE, not_found
from .serializers.common import ProblemSerializer
from .serializers.kiosk import utc_iso
from .serializers.preview import PreviewContentSerializer, PreviewInfoSerializer
from .views import ContentAPIView, _problems

INVALID_LINK = "This preview link is not valid. Open a new preview from the editor."
EXPIRED_LINK = "This preview link has expired. Open a new preview from the editor."
WITHDRAWN_LINK = (
    "This preview link no longer works: the account it was issued to may no longer preview "
    "this page."
)

TOKEN_PATH_PARAMETER = OpenApiParameter(
    "token",
    {"type": "string", "pattern": preview.PATTERN, "maxLength": preview.MAX_LENGTH},
    OpenApiParameter.PATH,
    description='A preview token, issued by the editor\'s "Preview in web app" action.',
)


class PreviewView(ContentAPIView):
    """A draft revision of a treatment or condition, in the shape of its detail, with a
    ``preview`` marker (the revision and when the token expires) and its ``kiosk`` item. Never
    cached, never read from documents. Drafts are not signed: ``review`` is null unless this
    exact content carries a sign-off."""

    @extend_schema(
        operation_id="preview_retrieve",
        parameters=[TOKEN_PATH_PARAMETER],
        responses={
            200: PreviewContentSerializer,
            **_problems(400),
            (403, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer,
                description="The token is malformed, tampered with or expired, or the account "
                "it was issued to may no longer preview the page.",
            ),
            (404, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer,
                description="The token's revision no longer exists, or is not on this site.",
            ),
            **_problems(429),
        },
        tags=["preview"],
    )
    def get(self, request, token: str):
        try:
            grant = preview.verify(token)
        except preview.ExpiredToken:
            raise exceptions.PermissionDenied(EXPIRED_LINK) from None
        except preview.InvalidToken:
            raise exceptions.PermissionDenied(INVALID_LINK) from None
        site = serving.site_object(self.site)
        page = preview.load(grant, site) if site is not None else None
        if page is None:
            raise not_found()
        if not preview.issuer_may_preview(grant, page):
            raise exceptions.PermissionDenied(WITHDRAWN_LINK)
        signoff = signoff_of(page)
        ctx = ApiContext(
            site,
            ReviewInfo.from_signoff(signoff) if signoff else None,
            language=page.locale.language_code,
        )
        rendered = representations.render(page, ctx)
        kiosk = {**rendered.kiosk, "expires_at": utc_iso(grant.expires_at)}
        return Response(
            {**rendered.detail, "preview": PreviewInfoSerializer(grant).data, "kiosk": kiosk}
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response
