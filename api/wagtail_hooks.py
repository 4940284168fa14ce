"""Admin wiring for the headless preview: the issuing URL and its "Preview in web app" buttons
in the page header and the page listing's "more" menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import preview
from .preview_admin import issue_preview


@hooks.register("register_admin_urls")
def register_preview_urls():
    return [path("preview-in-web-app/<int:page_id>/", issue_preview, name="api_issue_preview")]


def _preview_button(page, user, priority):
    if not issubclass(page.specific_class or type(page), preview.PREVIEWABLE):
        return None
    if not preview.may_preview(page, user):
        return None
    return Button(
        "Preview in web app",
        reverse("api_issue_preview", args=(page.pk,)),
        icon_name="view",
        attrs={"target": "_blank", "rel": "noopener"},
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_preview_button(page, user, view_name, next_url=None):
    if button := _preview_button(page, user, priority=7):
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_preview_button(page, user, next_url=None):
    if button := _preview_button(page, user, priority=5):
        yield button
