"""Admin wiring: the views' URLs (under /admin/account-security/), "Two-factor
authentication" in the account's actions, the account's password panel, "Sign-in lockouts" in
the settings menu for those who may unlock, and the script that keeps an idle sign-out from
losing a form."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import ChangePasswordPanel as WagtailChangePasswordPanel

from . import urls
from .forms import PasswordChangeForm
from .views import UNLOCK_PERMISSION


@hooks.register("register_admin_urls")
def register_accounts_urls():
    return [path("account-security/", include(urls, namespace="accounts"))]


@hooks.register("insert_global_admin_js")
def staff_session_js():
    return format_html(
        '<script src="{}" data-activity-url="{}" data-login-url="{}"></script>',
        static("accounts/js/staff-session.js"),
        reverse("accounts:activity"),
        reverse("wagtailadmin_login"),
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts:two_factor"),
        "label": "Two-factor authentication",
        "help_text": "An authenticator app and recovery codes: needed to sign off content.",
    }


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        "Sign-in lockouts", reverse("accounts:lockouts"), icon_name="lock", order=900
    )


class ChangePasswordPanel(WagtailChangePasswordPanel):
    """Wagtail's password panel (off through ``WAGTAIL_PASSWORD_MANAGEMENT_ENABLED``, which
    leaves password reset on), with a form that counts wrong old passwords."""

    form_class = PasswordChangeForm

    def is_active(self):
        return self.user.has_usable_password()

    def get_form(self):
        form = super().get_form()
        form.request = self.request
        return form


@hooks.register("register_account_settings_panel")
def register_password_panel(request, user, profile):
    return ChangePasswordPanel(request, user, profile)
