"""Admin wiring: the views' URLs (under /admin/account-security/), "Two-factor
authentication" in the account's actions, "Sign-in lockouts" in the settings menu for those who
may unlock, and a clinician's account kept from deletion."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import UNLOCK_PERMISSION


@hooks.register("register_admin_urls")
def register_accounts_urls():
    return [path("account-security/", include(urls, namespace="accounts"))]


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


@hooks.register("before_delete_user")
def keep_clinicians_users(request, user):
    """A clinician's account is deactivated, never deleted: their profile names them in the
    sign-offs they made, so it protects the account (the database would refuse the delete)."""
    from content_models.models import ClinicianProfile

    if ClinicianProfile.objects.filter(user=user).exists():
        messages.error(
            request,
            f"{user.get_username()} has a clinician profile, which their sign-offs name: untick "
            "“Active” to stop them signing in, rather than deleting the account.",
        )
        return redirect("wagtailusers_users:edit", user.pk)
    return None


@hooks.register("before_bulk_action")
def keep_clinicians_users_in_bulk(request, action_type, objects, action_class_instance):
    """The same for a bulk delete of users (Wagtail runs no ``before_delete_user`` there)."""
    from django.contrib.auth import get_user_model

    from content_models.models import ClinicianProfile

    if action_type != "delete" or not objects or not isinstance(objects[0], get_user_model()):
        return None
    clinicians = ClinicianProfile.objects.filter(user__in=objects).select_related("user")
    names = [profile.user.get_username() for profile in clinicians]
    if not names:
        return None
    messages.error(
        request,
        f"{', '.join(names)} {'has' if len(names) == 1 else 'have'} a clinician profile, which "
        "their sign-offs name: untick “Active” to stop them signing in, rather than deleting "
        "the account.",
    )
    return redirect("wagtailusers_users:index")
