from django.urls import path

from . import views

app_name = "clinical_review"
urlpatterns = [
    path("<int:task_state_id>/", views.ReviewView.as_view(), name="review"),
    path("pages/<int:page_id>/history/", views.SignoffHistoryView.as_view(), name="history"),
]
