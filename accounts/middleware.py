"""A second factor for every member of staff at sign-in, when ``OTP_REQUIRED_FOR_STAFF`` is on.

Wagtail's own sign-in page checks the password (and axes the lockout); this middleware, placed
after django-otp's ``OTPMiddleware``, then keeps a signed-in user with admin access out of the
admin until their session has passed a second factor: the code step (``accounts:verify``), or
enrolling an authenticator if they have none (``accounts:two_factor``). Signing out stays
open. Sign-off asks for a code every time whatever this setting says (``review.forms``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import otp


def staff_needs_second_factor(user) -> bool:
    """Whether ``user`` must pass a second factor before using the admin now."""
    return (
        getattr(settings, "OTP_REQUIRED_FOR_STAFF", False)
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
        and not user.is_verified()
    )


class SecondFactorRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            getattr(settings, "OTP_REQUIRED_FOR_STAFF", False)
            and request.path_info.startswith(reverse("wagtailadmin_home"))
            and staff_needs_second_factor(request.user)
        ):
            open_paths = {
                reverse("wagtailadmin_login"),
                reverse("wagtailadmin_logout"),
                reverse("accounts:verify"),
                # What the code step's own page loads: its translations and icons. A redirect
                # made the icon sprite a copy of the code step, form and all.
                reverse("wagtailadmin_javascript_catalog"),
                reverse("wagtailadmin_sprite"),
            }
            has_device = otp.has_second_factor(request.user)
            if not has_device:
                open_paths.add(reverse("accounts:two_factor"))
            if request.path_info not in open_paths:
                target = reverse("accounts:verify" if has_device else "accounts:two_factor")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
