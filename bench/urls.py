"""The site's URLs plus, for the benchmark only, Wagtail's API v2 and the constant view."""

from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

from .peer import router
from .views import constant_bytes

urlpatterns = [
    path("api/v2/", router.urls),
    path("bench/constant/<int:size>/", constant_bytes, name="bench-constant"),
    # The site's own, ending with Wagtail's catch-all page serving.
    *site_urlpatterns,
]
