from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself: its production checks, and the idle-session clock started at
    sign-in."""

    name = "cms"
    verbose_name = "Clinical Content CMS"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the checks)
        from .idle_sessions import start_clock

        user_logged_in.connect(start_clock, dispatch_uid="cms.idle_sessions.start_clock")
