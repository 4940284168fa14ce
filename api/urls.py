"""Content API v1, mounted at /api/v1/ (namespace "api")."""

from django.urls import path, re_path

from . import views, views_preview
from .schema import SCHEMA_SETTINGS
from .views_kiosk import KioskBundleView

app_name = "api"

urlpatterns = [
    path("treatments/", views.TreatmentListView.as_view(), name="treatment-list"),
    path("treatments/<str:slug>/", views.TreatmentDetailView.as_view(), name="treatment-detail"),
    path("conditions/", views.ConditionListView.as_view(), name="condition-list"),
    path("conditions/<str:slug>/", views.ConditionDetailView.as_view(), name="condition-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("pages/", views.PageByPathView.as_view(), name="page-by-path"),
    path("kiosk/bundle/", KioskBundleView.as_view(), name="kiosk-bundle"),
    path("preview/<str:token>/", views_preview.PreviewView.as_view(), name="preview"),
    path(
        "schema/",
        views.SchemaView.as_view(custom_settings=SCHEMA_SETTINGS),
        name="schema",
    ),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    # Everything else under /api/v1/ answers the 404 problem body, never an HTML page.
    re_path(r"^.*$", views.not_found_view, name="not-found"),
]
