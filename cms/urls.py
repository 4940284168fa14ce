from functools import wraps

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404, JsonResponse
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts.middleware import staff_needs_second_factor
from cms import health


def staff_only(view):
    """Uploaded documents are files nobody signs off, and no page links to them: they are for
    the admin's users (past the second factor when one is required), and the public gets the
    404 of a page that never existed."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.has_perm("wagtailadmin.access_admin") or staff_needs_second_factor(user):
            raise Http404("No document here.")
        return view(request, *args, **kwargs)

    return wrapped


def no_such_page(request, *args, **kwargs):
    """Wagtail's password form for a restricted page draws itself for any page id that exists,
    drafts included. Restricted pages are not public here (the 404 of a page that never
    existed), so the form has no public use: the same 404."""
    raise Http404("No page here.")


def no_such_object(request, *args, **kwargs) -> JsonResponse:
    """Answered, not raised: outside the admin's own 404 page, a raised 404 would be drawn
    after ``AdminWritesAtomic`` marked the write's transaction for rollback."""
    return JsonResponse({"detail": "No such object."}, status=404)


urlpatterns = [
    # Wagtail's editing-session ping looks up the object its URL names, and an id that is not a
    # number fails there with a 500 (every model edited here has a numeric id): a 404 instead.
    re_path(r"^admin/editing-sessions/ping/[^/]+/[^/]+/[^/]*[^/0-9][^/]*/\d+/$", no_such_object),
    # Health: with or without a trailing slash, whatever the load balancer was told.
    re_path(r"^health/live/?$", health.live, name="health-live"),
    re_path(r"^health/ready/?$", health.ready, name="health-ready"),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", include("api.urls", namespace="api")),
    path("kiosk/", include("kiosk.urls", namespace="kiosk")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(decorate_urlpatterns(wagtaildocs_urls.urlpatterns, staff_only))),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it catches every other path. A translation's pages are
# under its language's prefix (``/fr/…``); the default language's have none.
urlpatterns += i18n_patterns(
    re_path(r"^_util/authenticate_with_password/\d+/\d+/$", no_such_page),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
