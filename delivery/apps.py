from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Delivery (caching)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import routing, signals  # noqa: F401  (signals connects the content-version bumps)

        # Sent per app with models; the triggers sit on Wagtail's own tables.
        post_migrate.connect(
            lambda sender, using="default", **kwargs: routing.install(using),
            sender=apps.get_app_config("wagtailcore"),
            weak=False,
            dispatch_uid="delivery.routing_token",
        )
