from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("deliveries/", views.DeliveriesReportView.as_view(), name="deliveries"),
    path(
        "deliveries/results/",
        views.DeliveriesReportView.as_view(results_only=True),
        name="deliveries_results",
    ),
    path("deliveries/<int:pk>/retry/", views.retry_delivery, name="retry"),
]
