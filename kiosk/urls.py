"""The kiosk app, mounted at /kiosk/ (namespace "kiosk")."""

from django.urls import path

from . import views

app_name = "kiosk"

urlpatterns = [
    path("", views.KioskAppView.as_view(), name="app"),
    path("sw.js", views.ServiceWorkerView.as_view(), name="service-worker"),
]
