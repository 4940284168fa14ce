from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself: its production checks."""

    name = "cms"
    verbose_name = "Clinical Content CMS"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the checks)
