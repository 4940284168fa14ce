from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Delivery (signed documents)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, doors  # noqa: F401  (checks registers the stale-documents check)

        doors.connect()
