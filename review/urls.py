from django.urls import path

from . import reports, views

app_name = "clinical_review"
urlpatterns = [
    path("<int:task_state_id>/", views.ReviewView.as_view(), name="review"),
    path("pages/<int:page_id>/history/", views.SignoffHistoryView.as_view(), name="history"),
    path(
        "pages/<int:page_id>/history/<int:signoff_id>/seen/",
        views.signed_page_as_seen,
        name="seen",
    ),
    path("reports/reviews/", reports.ClinicalReviewsReportView.as_view(), name="reviews_report"),
    path(
        "reports/reviews/results/",
        reports.ClinicalReviewsReportView.as_view(results_only=True),
        name="reviews_report_results",
    ),
    path(
        "reports/signoff-records/",
        reports.SignoffRecordsReportView.as_view(),
        name="signoff_records",
    ),
    path(
        "reports/signoff-records/results/",
        reports.SignoffRecordsReportView.as_view(results_only=True),
        name="signoff_records_results",
    ),
    path(
        "reports/unsigned-live/",
        reports.UnsignedLivePagesReportView.as_view(),
        name="unsigned_live",
    ),
    path(
        "reports/unsigned-live/results/",
        reports.UnsignedLivePagesReportView.as_view(results_only=True),
        name="unsigned_live_results",
    ),
]
