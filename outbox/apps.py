from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox (webhooks and cache purges)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .wagtail_purges import route_wagtails_page_purges_through_the_outbox

        route_wagtails_page_purges_through_the_outbox()
