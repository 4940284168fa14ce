from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo content"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the demo-account check)
