from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import WebhookViewSet, deliveries_policy


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookViewSet("webhooks")


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [path("outbox/", include(urls, namespace="outbox"))]


class DeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        return deliveries_policy.user_has_any_permission(request.user, ["view", "change"])


@hooks.register("register_reports_menu_item")
def register_deliveries_report():
    return DeliveriesMenuItem(
        "Webhook and purge deliveries",
        reverse("outbox:deliveries"),
        icon_name="link-external",
        order=720,
    )
