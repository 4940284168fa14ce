"""Admin views: one's own second factor (enrol, new recovery codes, replace the app), the
sign-in's code step, the administrator's list of lockouts, and the editor's activity check."""

from __future__ import annotations

import ipaddress

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import lockout, otp
from .forms import CodeForm, ConfirmDeviceForm

WRONG_CODE = "That code is not right, or was used already. Enter the code your app shows now."
UNLOCK_PERMISSION = "axes.delete_accessattempt"
REPLACING = "accounts.replacing_device"  # session key: the pending device that may replace


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Two-factor authentication for the signed-in user.

    Without an authenticator: a QR code of a new key and a form to confirm it with a code from
    the app; confirming shows ten recovery codes, once. With one: how many recovery codes are
    left, and (each after a current code, so that a stolen password alone cannot swap in
    someone else's app) new recovery codes or a new app.
    """

    template_name = "accounts/two_factor.html"
    page_title = "Two-factor authentication"
    header_icon = "key"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = otp.authenticator(user)
        pending = otp.pending_authenticator(user) if device is None else self.replacement()
        context.update(
            {
                "device": device,
                "pending": pending,
                "qr_code": otp.qr_code_svg(pending) if pending else "",
                "secret": otp.secret(pending) if pending else "",
                "confirm_form": kwargs.get("confirm_form") or ConfirmDeviceForm(),
                "code_form": kwargs.get("code_form") or CodeForm(),
                "recovery_codes_left": otp.recovery_codes_left(user) if device else 0,
                "recovery_codes": kwargs.get("recovery_codes"),
                "next": get_valid_next_url_from_request(self.request),
            }
        )
        return context

    def replacement(self):
        """The new app being set up in place of the current one, after a current code."""
        pk = self.request.session.get(REPLACING)
        return otp.pending_authenticator(self.request.user, pk=pk) if pk else None

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "confirm":
            return self.confirm()
        if action in ("recovery-codes", "replace") and otp.authenticator(request.user):
            return self.with_current_code(action)
        return redirect("accounts:two_factor")

    def confirm(self):
        user = self.request.user
        pending = otp.pending_authenticator(user) if not otp.authenticator(user) else None
        pending = pending or self.replacement()
        if pending is None:
            return redirect("accounts:two_factor")
        form = ConfirmDeviceForm(self.request.POST)
        codes = otp.confirm(pending, form.cleaned_data["code"]) if form.is_valid() else None
        if codes is None:
            if form.is_valid():
                form.add_error("code", WRONG_CODE)
            return self.render_to_response(self.get_context_data(confirm_form=form))
        self.request.session.pop(REPLACING, None)
        pending.refresh_from_db()
        django_otp.login(self.request, pending)  # this session has just passed it
        messages.success(self.request, "Two-factor authentication is on.")
        return self.render_to_response(self.get_context_data(recovery_codes=codes))

    def with_current_code(self, action: str):
        """New recovery codes, or a new app: either needs a code from the current one (or a
        recovery code). A wrong code counts towards the lockout."""
        user = self.request.user
        form = CodeForm(self.request.POST)
        if form.is_valid() and lockout.is_locked_out(self.request, user.get_username()):
            form.add_error("code", lockout.locked_out_message("checking codes"))
        elif form.is_valid() and otp.verify(user, form.cleaned_data["code"]) is None:
            lockout.record_failure(self.request, user.get_username())
            form.add_error("code", WRONG_CODE)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(code_form=form))
        if action == "replace":
            self.request.session[REPLACING] = otp.pending_authenticator(user).pk
            return self.render_to_response(self.get_context_data())
        codes = otp.issue_recovery_codes(user)
        messages.success(self.request, "New recovery codes: the old ones no longer work.")
        return self.render_to_response(self.get_context_data(recovery_codes=codes))


class VerifyView(WagtailAdminTemplateMixin, TemplateView):
    """The second step of signing in when ``OTP_REQUIRED_FOR_STAFF`` is on: a code from the
    app or a recovery code. Wrong codes count towards the lockout; once locked out the user is
    signed out."""

    template_name = "accounts/verify.html"
    page_title = "Enter your code"
    header_icon = "key"

    def get(self, request, *args, **kwargs):
        if request.user.is_verified() or not otp.has_second_factor(request.user):
            return HttpResponseRedirect(self.next_url())
        return super().get(request, *args, **kwargs)

    def next_url(self) -> str:
        """A URL, never reversed as a view's name (``?next=abc`` would be one)."""
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CodeForm())
        context["next"] = get_valid_next_url_from_request(self.request)
        return context

    def post(self, request, *args, **kwargs):
        user = request.user
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        username = user.get_username()
        if lockout.is_locked_out(request, username):
            return self.signed_out()
        verification = otp.verify(user, form.cleaned_data["code"])
        if verification is None:
            if lockout.record_failure(request, username):
                return self.signed_out()
            form.add_error("code", WRONG_CODE)
            return self.render_to_response(self.get_context_data(form=form))
        django_otp.login(request, verification.device)
        return HttpResponseRedirect(self.next_url())

    def signed_out(self):
        logout(self.request)
        messages.error(self.request, lockout.locked_out_message())
        return redirect("wagtailadmin_login")


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Usernames and addresses with failed attempts that still count, and an "Unlock" for
    each: for administrators (``axes.delete_accessattempt``)."""

    template_name = "accounts/lockouts.html"
    page_title = "Sign-in lockouts"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(UNLOCK_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            locks=lockout.counted_failures(),
            limit=settings.AXES_FAILURE_LIMIT,
            minutes=lockout.cool_off_minutes(),
        )
        return context

    def post(self, request, *args, **kwargs):
        kind, value = request.POST.get("kind"), request.POST.get("value", "")
        if kind not in ("username", "ip_address") or not value or "\x00" in value:
            messages.error(request, "Choose a username or an address to unlock.")
            return redirect("accounts:lockouts")
        if kind == "ip_address":
            try:
                ipaddress.ip_address(value)
            except ValueError:
                messages.error(request, f"“{value}” is not an IP address.")
                return redirect("accounts:lockouts")
        lockout.unlock(**{kind: value})
        what = "username" if kind == "username" else "address"
        messages.success(request, f"Unlocked the {what} “{value}”.")
        return redirect("accounts:lockouts")


@never_cache
@require_GET
def activity(request: HttpRequest) -> JsonResponse:
    """The admin's pages ask here while someone types (at most once a minute) and before a form
    is sent (static/accounts/js/staff-session.js): a request is activity, so the session stays
    alive while its user works; one that has ended answers 401 (cms.idle_sessions), and the form
    waits. The CSRF token comes back because signing in again (in another tab) replaces it."""
    return JsonResponse({"csrf_token": get_token(request)})
