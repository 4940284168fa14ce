"""Content API v1: read-only JSON of signed content for the site that matches the request's host.

Every view declares its query parameters (``params``): unknown or malformed ones answer 400 with
a problem body before any content is read. Lists and search run a constant number of queries
whatever the page size; details and path lookup recompute the served content's digest (the
check the web pages make) and answer the one 404 body when it is not signed.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView
from wagtail.models import Page

from content_models.models import ConditionPage, TreatmentPage
from review.currency import SUMMARY_FIELDS
from signing.signoffs import enforced, signoff_of

from . import filters, representations, search
from .context import ApiContext
from .pagination import envelope, paginate
from .params import (
    ORDERING,
    PAGE,
    PAGE_SIZE,
    REVIEW_STATUS,
    SLUG_PATTERN,
    Param,
    openapi_parameters,
    parse_params,
)
from .paths import resolve as resolve_path
from .problems import (
    NOT_FOUND_DETAIL,
    PROBLEM_CONTENT_TYPE,
    exception_handler,
    not_found,
    problem_response,
)
from .serializers.common import (
    ConditionPageOfResultsSerializer,
    PageContentSerializer,
    ProblemSerializer,
    SearchPageOfResultsSerializer,
    TreatmentPageOfResultsSerializer,
)
from .serializers.pages import ConditionSerializer, TreatmentSerializer

_SLUG = re.compile(SLUG_PATTERN)


class AnonThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading the rate (``API_THROTTLE_ANON``) when it runs rather
    than when the class was imported, so a changed setting takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class JSONOnly(BaseContentNegotiation):
    """Always JSON, whatever the Accept header or a ``format`` parameter says: there is one
    representation, and errors are problem+json."""

    def select_parser(self, request, parsers):
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _problems(*statuses: int) -> dict:
    descriptions = {
        400: "A query parameter is unknown, malformed or out of range.",
        404: "Nothing is published at this address.",
        429: "Too many requests; see the Retry-After header.",
    }
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            ProblemSerializer, description=descriptions[status]
        )
        for status in statuses
    }


class ContentAPIView(APIView):
    """Base of the content endpoints: anonymous, read-only, JSON, problem errors."""

    params: tuple[Param, ...] = ()
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes: list = []
    content_negotiation_class = JSONOnly
    http_method_names = ["get", "head", "options"]

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.query = parse_params(request.query_params, self.params)
        ctx = ApiContext.for_request(request._request)
        if ctx is None:
            raise not_found()
        self.ctx = ctx

    def paginated(self, queryset_or_list, to_items) -> Response:
        page = paginate(queryset_or_list, self.query[PAGE.name], self.query[PAGE_SIZE.name])
        return Response(envelope(page, to_items(page.items), self.request))


class TreatmentListView(ContentAPIView):
    """Treatments: signed, live, public treatments of this site, with the conditions they treat."""

    params = (PAGE, PAGE_SIZE, ORDERING, REVIEW_STATUS, filters.CONDITION, filters.ROUTE)

    @extend_schema(
        operation_id="treatments_list",
        parameters=openapi_parameters(params),
        responses={200: TreatmentPageOfResultsSerializer, **_problems(400, 404, 429)},
        tags=["treatments"],
    )
    def get(self, request):
        ctx, query = self.ctx, self.query
        queryset = representations.list_queryset(TreatmentPage, ctx)
        if query["condition"]:
            queryset = filters.by_condition(queryset, query["condition"], ctx)
        if query["route"]:
            queryset = filters.by_route(queryset, query["route"])
        if query["review_status"]:
            queryset = filters.by_review_status(queryset, query["review_status"], ctx.today)
        queryset = filters.ordered(queryset, query["ordering"])
        return self.paginated(queryset, lambda pages: representations.items(pages, ctx))


class ConditionListView(ContentAPIView):
    """Conditions, with their treatments; ``?code=ICD-10:G90.5`` finds them by medical code, so
    a records system can link straight to patient information."""

    params = (
        PAGE,
        PAGE_SIZE,
        ORDERING,
        REVIEW_STATUS,
        filters.CODE,
        filters.TREATMENT,
    )

    @extend_schema(
        operation_id="conditions_list",
        parameters=openapi_parameters(params),
        responses={200: ConditionPageOfResultsSerializer, **_problems(400, 404, 429)},
        tags=["conditions"],
    )
    def get(self, request):
        ctx, query = self.ctx, self.query
        queryset = representations.list_queryset(ConditionPage, ctx)
        if query["code"]:
            queryset = filters.by_code(queryset, query["code"])
        if query["treatment"]:
            queryset = filters.by_treatment(queryset, query["treatment"], ctx)
        if query["review_status"]:
            queryset = filters.by_review_status(queryset, query["review_status"], ctx.today)
        queryset = filters.ordered(queryset, query["ordering"])
        return self.paginated(queryset, lambda pages: representations.items(pages, ctx))


SLUG_PATH_PARAMETER = OpenApiParameter(
    "slug",
    {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 255},
    OpenApiParameter.PATH,
    description="The page's slug (unique within the site's treatments or conditions).",
)


class DetailView(ContentAPIView):
    model: type[Page]

    def get(self, request, slug: str):
        if not _SLUG.match(slug):
            raise not_found()
        ctx, model = self.ctx, self.model

        def servable(slug: str) -> QuerySet:
            pages = ctx.remember(
                # Its read-along links are kept to signed pages only while that is enforced.
                ("detail", model, enforced()),
                lambda: (
                    representations.detail_queryset(model, ctx)
                    .live()
                    .exclude(ctx.private_q)
                    .filter(Page.objects.descendant_of_q(ctx.root, inclusive=True))
                ),
            )
            return pages.filter(slug=slug).order_by("path")[:1]

        # Prepared: planning it cost PostgreSQL more than running it, and the slug decides its
        # plan whatever the value (unlike the lists' path prefixes, see delivery.prepared).
        found = ctx.compiled(("detail", model), servable, prepare=True, slug=slug)
        page = found[0] if found else None
        # The check the web pages make: the digest of the content served, recomputed; its
        # sign-off is also the review data the representation shows.
        signoff = signoff_of(page, fields=SUMMARY_FIELDS)
        if page is None or (signoff is None and enforced()):
            raise not_found()
        ctx.note_signoff(page, signoff)
        return Response(representations.detail(page, ctx))


class TreatmentDetailView(DetailView):
    """A treatment, every section structured, with its review and JSON-LD."""

    model = TreatmentPage

    @extend_schema(
        operation_id="treatments_retrieve",
        parameters=[SLUG_PATH_PARAMETER],
        responses={200: TreatmentSerializer, **_problems(400, 404, 429)},
        tags=["treatments"],
    )
    def get(self, request, slug: str):
        return super().get(request, slug)


class ConditionDetailView(DetailView):
    """A condition: description, symptoms, other names, codes, treatments, review, JSON-LD."""

    model = ConditionPage

    @extend_schema(
        operation_id="conditions_retrieve",
        parameters=[SLUG_PATH_PARAMETER],
        responses={200: ConditionSerializer, **_problems(400, 404, 429)},
        tags=["conditions"],
    )
    def get(self, request, slug: str):
        return super().get(request, slug)


SEARCH_QUERY = Param(
    "q",
    "Words to search for in treatments and conditions (at most 200 characters).",
    required=True,
    max_length=200,
)
SEARCH_TYPE = Param(
    "type",
    "Only hits of this type.",
    enum=tuple(search.SEARCHABLE),
)


class SearchView(ContentAPIView):
    """Search treatments and conditions: hits best first, each the list item of its type."""

    params = (SEARCH_QUERY, SEARCH_TYPE, PAGE, PAGE_SIZE)

    @extend_schema(
        operation_id="search",
        parameters=openapi_parameters(params),
        responses={200: SearchPageOfResultsSerializer, **_problems(400, 404, 429)},
        tags=["search"],
    )
    def get(self, request):
        ctx, query = self.ctx, self.query
        types = [query["type"]] if query["type"] else list(search.SEARCHABLE)
        hits = search.ranked_hits(ctx, query["q"], types)
        return self.paginated(
            hits, lambda page: representations.items(search.fetch_items(ctx, page), ctx)
        )


PATH = Param(
    "path",
    'A path on the site, such as "/treatments/ketamine-therapy-for-chronic-pain/".',
    required=True,
    pattern=r"^/[^\s?#\u0000-\u001f\u007f]{0,999}$",
    max_length=1000,
)


class PageByPathView(ContentAPIView):
    """The content at a path of the site, so a frontend can route any URL. Redirects set up in
    the CMS are followed: the answer is then the target's content, whose ``url`` is its
    canonical address. Anything else answers 404."""

    params = (PATH,)

    @extend_schema(
        operation_id="pages_by_path",
        parameters=openapi_parameters(params),
        responses={200: PageContentSerializer, **_problems(400, 404, 429)},
        tags=["pages"],
    )
    def get(self, request):
        page = resolve_path(self.ctx, self.query["path"])
        if page is None:
            raise not_found()
        return Response(representations.detail(page, self.ctx))


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of this API (JSON with ``?format=json``, YAML otherwise)."""

    throttle_classes = [AnonThrottle]

    def get_exception_handler(self):
        return exception_handler


class DocsView(SpectacularSwaggerView):
    """Swagger UI for the schema, served from this project (drf-spectacular-sidecar)."""

    throttle_classes = [AnonThrottle]

    def get_exception_handler(self):
        return exception_handler


@csrf_exempt
def not_found_view(request, *args: Any, **kwargs: Any):
    """Every other path under /api/v1/, whatever the method: the 404 problem body. A known
    path without its trailing slash is redirected to it, as Django's APPEND_SLASH would."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found_view:
            query = request.META.get("QUERY_STRING")
            suffix = f"?{query}" if query else ""
            return HttpResponsePermanentRedirect(f"{request.path}/{suffix}")
    return problem_response(404, NOT_FOUND_DETAIL)
