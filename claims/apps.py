from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims checker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.admin.panels import ObjectList

        from content_models.panels import REVIEW_CHECKS, register_panel

        from .panels import ReviewChecksPanel

        # The editor's "Review checks" tab on every clinical page type.
        register_panel(
            REVIEW_CHECKS, lambda: ObjectList([ReviewChecksPanel()], heading="Review checks")
        )
