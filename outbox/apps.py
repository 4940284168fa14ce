from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox (webhooks and cache purges)"
    default_auto_field = "django.db.models.BigAutoField"
