from django.apps import AppConfig


class KioskConfig(AppConfig):
    name = "kiosk"
    verbose_name = "Waiting-room kiosk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content_models.previews import register_preview

        from .views import preview_response

        register_preview("kiosk", preview_response)
