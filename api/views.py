"""Content API v1: read-only JSON of signed content for the site that matches the request's host.

Every view declares its query parameters (``params``): unknown or malformed ones answer 400 with
a problem body before anything is read. Every answer is made of signed documents
(``delivery.serving``): a detail, a page of a list or a path lookup is one query, whatever it
holds; its ETag comes from the documents' own, with today's review statuses and the query.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from accounts.client import client_address
from content_models.models import RouteOfAdministration
from delivery import serving
from delivery.http_cache import conditional, make_public

from . import filters, search
from .pagination import paginate
from .params import (
    LOCALE,
    ORDERING,
    PAGE,
    PAGE_SIZE,
    REVIEW_STATUS,
    SLUG_PATTERN,
    Param,
    content_language,
    openapi_parameters,
    parse_params,
)
from .paths import resolve as resolve_path
from .problems import (
    NOT_FOUND_DETAIL,
    PROBLEM_CONTENT_TYPE,
    ParameterProblem,
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
    than when the class was imported, so a changed setting takes effect; it counts clients by
    the address the sign-in lockout counts too (``accounts.client``, DRF's rule)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_address(request)


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


class ProblemErrors:
    """Throttled per client; every error a problem response, in JSON whatever the view's own
    renderers (the schema's YAML, the docs' HTML)."""

    throttle_classes = [AnonThrottle]

    def get_exception_handler(self):
        return exception_handler

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = PROBLEM_CONTENT_TYPE
        return response


class ContentAPIView(ProblemErrors, APIView):
    """Base of the content endpoints: anonymous, read-only, JSON, problem errors."""

    params: tuple[Param, ...] = ()
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes: list = []
    content_negotiation_class = JSONOnly
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.query = parse_params(request.query_params, (*self.params, LOCALE))
        self.site = serving.site_for_request(request, self.query[LOCALE.name] or "")
        self.today = timezone.localdate()

    def documents(
        self, body: str | bytes, documents: list, *extra: Any, weak: bool = False
    ) -> HttpResponse:
        """A public answer made of ``documents``: validators from them (``weak`` when the body
        also says when it was generated), 304 on a match."""
        response = HttpResponse(body, content_type="application/json")
        etag = serving.etag(documents, self.today, self.request.get_full_path(), *extra)
        response["ETag"] = f"W/{etag}" if weak else etag
        if documents:
            changed_at = serving.as_datetime(documents[0].site_changed_at)
        else:
            changed_at = serving.site_changed_at(self.site)
            if changed_at is None:
                raise not_found()  # no site answers this host
        make_public(response, vary=("Origin",), changed_at=changed_at, today=self.today)
        return conditional(self.request, response)

    def page_of(self, kind: str, conditions: list[tuple[str, list]], check_filters) -> HttpResponse:
        """A page of list items of ``kind`` matching ``conditions`` (``api.filters``): one query
        for the page and the total; an empty page checks that every filter named something (an
        unknown slug is a 400) and that a site answers."""
        query = self.query
        if status := query["review_status"]:
            conditions = [*conditions, filters.by_review_status(status, self.today)]
        where = " AND ".join(f"({sql})" for sql, _ in conditions)
        params = [param for _, values in conditions for param in values]

        def read(limit: int, offset: int) -> list:
            return serving.read(
                self.site,
                kinds=[kind],
                parts=["item"],
                where=where,
                params=params,
                order=filters.ORDERINGS[query["ordering"]],
                limit=limit,
                offset=offset,
                count=True,
                with_site=True,
            )

        page = paginate(read, query[PAGE.name], query[PAGE_SIZE.name])
        if not page.items:
            check_filters()
        items = serving.intact(page.items, "item")
        body = self.page_body(page, items, serving.site_root_url(page.items))
        return self.documents(body, items, page.count)

    def page_body(self, page, items: list, root_url: str) -> str:
        """A page of list items: ``count``, ``next``, ``previous`` and ``results``."""
        results = ",".join(serving.item_body(document, self.today) for document in items)
        following, preceding = page.links(self.request, root_url)
        return (
            f'{{"count":{page.count},"next":{json.dumps(following)},'
            f'"previous":{json.dumps(preceding)},"results":[{results}]}}'
        )

    def known(self, kind: str) -> None:
        """A 400 when the ``kind`` filter names a slug no servable document has."""
        slug = self.query[kind]
        if slug and not serving.read(
            self.site, kinds=[kind], where="d.slug = %s", params=[slug], limit=1
        ):
            raise ParameterProblem(kind, f"No {kind} has the slug {slug!r}.")


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
        query = self.query
        conditions = []
        if query["condition"]:
            conditions.append(filters.by_condition(query["condition"]))
        if query["route"]:
            conditions.append(filters.by_key(f"route={query['route']}"))

        def check_filters():
            self.known("condition")
            route = query["route"]
            if route and not RouteOfAdministration.objects.filter(slug=route).exists():
                raise ParameterProblem(
                    "route",
                    f"No way of giving a treatment (a medicine's route, a device, a procedure "
                    f"or a therapy) has the slug {route!r}.",
                )

        return self.page_of("treatment", conditions, check_filters)


class ConditionListView(ContentAPIView):
    """Conditions, with their treatments; ``?code=ICD-10:G90.5`` finds them by medical code, so
    a records system can link straight to patient information."""

    params = (PAGE, PAGE_SIZE, ORDERING, REVIEW_STATUS, filters.CODE, filters.TREATMENT)

    @extend_schema(
        operation_id="conditions_list",
        parameters=openapi_parameters(params),
        responses={200: ConditionPageOfResultsSerializer, **_problems(400, 404, 429)},
        tags=["conditions"],
    )
    def get(self, request):
        query = self.query
        conditions = []
        if query["code"]:
            system, code = query["code"]
            conditions.append(filters.by_key(f"code={system}:{code}"))
        if query["treatment"]:
            conditions.append(filters.by_treatment(query["treatment"]))
        return self.page_of("condition", conditions, lambda: self.known("treatment"))


SLUG_PATH_PARAMETER = OpenApiParameter(
    "slug",
    {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 255},
    OpenApiParameter.PATH,
    description="The page's slug (unique within the site's treatments or conditions).",
)


class DetailView(ContentAPIView):
    kind: str

    def get(self, request, slug: str):
        if not _SLUG.match(slug):
            raise not_found()
        return self.detail(
            serving.read_one(
                self.site, "detail", kinds=[self.kind], where="d.slug = %s", params=[slug],
                order="d.path",
            )
        )  # fmt: skip

    def detail(self, document) -> HttpResponse:
        if document is None:
            raise not_found()
        return self.documents(serving.detail_body(document, self.today), [document])


@extend_schema_view(
    get=extend_schema(
        operation_id="treatments_retrieve",
        parameters=[SLUG_PATH_PARAMETER, *openapi_parameters(())],
        responses={200: TreatmentSerializer, **_problems(400, 404, 429)},
        tags=["treatments"],
    )
)
class TreatmentDetailView(DetailView):
    """A treatment, every section structured, with its review and JSON-LD."""

    kind = "treatment"


@extend_schema_view(
    get=extend_schema(
        operation_id="conditions_retrieve",
        parameters=[SLUG_PATH_PARAMETER, *openapi_parameters(())],
        responses={200: ConditionSerializer, **_problems(400, 404, 429)},
        tags=["conditions"],
    )
)
class ConditionDetailView(DetailView):
    """A condition: description, symptoms, other names, codes, treatments, review, JSON-LD."""

    kind = "condition"


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
        query = self.query
        kinds = [query["type"]] if query["type"] else list(search.SEARCHABLE)
        ranked = search.ranked(self.site, query["q"], kinds)
        page = paginate(ranked, query[PAGE.name], query[PAGE_SIZE.name])
        hits = serving.intact(search.documents(self.site, page.items), "item")
        body = self.page_body(page, hits, serving.site_root_url(hits))
        return HttpResponse(body, content_type="application/json")


PATH = Param(
    "path",
    'A path on the site, such as "/treatments/ketamine-therapy-for-chronic-pain/".',
    required=True,
    pattern=r"^/[^\s?#\u0000-\u001f\u007f]{0,999}$",
    max_length=1000,
)


class PageByPathView(DetailView):
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
        return self.detail(resolve_path(self.site, self.query["path"]))


SCHEMA_LANGUAGE = Param(
    "lang", "The descriptions' language.", parse=partial(content_language, name="lang")
)
SCHEMA_PARAMS = (
    Param("format", "json, or yaml (the default).", enum=("json", "yaml")),
    SCHEMA_LANGUAGE,
)


class SchemaView(ProblemErrors, SpectacularAPIView):
    """The OpenAPI 3 schema of this API (JSON with ``?format=json``, YAML otherwise). It takes
    no other parameter (the API's version is in its path)."""

    def initial(self, request, *args, **kwargs):
        parse_params(request.query_params, SCHEMA_PARAMS)
        super().initial(request, *args, **kwargs)


class DocsView(ProblemErrors, SpectacularSwaggerView):
    """Swagger UI for the schema, served from this project (drf-spectacular-sidecar).

    The page is the same for everyone, so that it can be cached publicly under a strict
    Content-Security-Policy (cms/csp.py): no inline script or style (a static script of ours
    starts Swagger UI, reading the schema's URL from the page), no CSRF token (the API is read
    only: "Try it out" sends GETs, which need none, and rendering one would set a cookie), no
    authentication (nobody's session is read, so the page does not vary by cookie), and the
    default Cross-Origin-Opener-Policy (drf-spectacular opens it for OAuth pop-ups; there are
    none here)."""

    template_name = "api/docs.html"
    authentication_classes: list = []

    def initial(self, request, *args, **kwargs):
        # It passes these on to the schema's URL: what the schema refuses is refused here.
        parse_params(request.query_params, (SCHEMA_LANGUAGE,))
        super().initial(request, *args, **kwargs)

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        del response["Cross-Origin-Opener-Policy"]
        return response


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
