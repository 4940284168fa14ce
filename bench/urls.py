"""The site's URLs plus, for the benchmark only, Wagtail's API v2 and the baselines."""

from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

from .peer import router
from .views import ConstantBytes, OneSelect

urlpatterns = [
    path("api/v2/", router.urls),
    path("bench/constant/<int:size>/", ConstantBytes.as_view(), name="bench-constant"),
    path("bench/select/<int:blob>/", OneSelect.as_view(), name="bench-select"),
    # The site's own, ending with Wagtail's catch-all page serving.
    *site_urlpatterns,
]
