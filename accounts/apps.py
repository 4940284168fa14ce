from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts: second factor and lockout"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import lockout

        user_logged_in.connect(lockout.clear_own_failures, dispatch_uid="accounts.clear_failures")
