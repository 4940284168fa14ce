from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("two-factor/verify/", views.VerifyView.as_view(), name="verify"),
    path("lockouts/", views.LockoutsView.as_view(), name="lockouts"),
    path("activity/", views.activity, name="activity"),
]
