from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Clinical review"
    default_auto_field = "django.db.models.BigAutoField"
