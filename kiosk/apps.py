from django.apps import AppConfig


class KioskConfig(AppConfig):
    name = "kiosk"
    verbose_name = "Waiting-room kiosk"
    default_auto_field = "django.db.models.BigAutoField"
