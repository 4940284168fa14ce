from django.apps import AppConfig


class ContentModelsConfig(AppConfig):
    name = "content_models"
    verbose_name = "Clinical content"
    default_auto_field = "django.db.models.BigAutoField"
