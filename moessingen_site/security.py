"""Security headers that Django and django-csp do not set on their own.

- Permissions-Policy: the site needs no camera, microphone, location or payment API;
  switching them off means an injected script could not use them either.
- The Wagtail admin runs inline scripts and styles (its editor, previews, the userbar),
  so it gets its own, looser Content-Security-Policy; the public site keeps the strict
  one from CONTENT_SECURITY_POLICY, without 'unsafe-inline'.
- The editor's preview panel frames what the preview shows. Wagtail renders a preview
  through the public middleware chain (a request for the page's own URL, marked
  ``request.is_preview``), so it would get the public frame-ancestors 'none' and the panel
  stays blank. Preview responses, and only they, may be framed by the site's own origin.

Both policy choices live in SiteCSPMiddleware, django-csp's middleware extended at its
documented extension point, get_policy_parts.
"""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.urls import reverse

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


ADMIN_PREFIX = "/admin/"


def client_ip(request):
    """The visitor's address for django-axes.

    REMOTE_ADDR, unless the site runs behind TRUSTED_PROXY_COUNT proxies: then the
    address the outermost trusted proxy saw, from the right end of X-Forwarded-For
    (entries further left are whatever the client chose to send).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with the admin's policy for the admin and framing by the site itself for previews."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX) and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


# --- Failed logins per address ----------------------------------------------------------
# django-axes locks the username-and-address pair (AXES_LOCKOUT_PARAMETERS) after
# AXES_FAILURE_LIMIT failures. Axes has one limit for all of its lockout parameters, so the
# much higher limit for one address alone (the whole town hall shares one) is counted here:
# Django's user_login_failed signal adds to a counter in the "ratelimit" cache (the
# database, shared by every worker and instance), and LoginAddressLimitMiddleware refuses
# login attempts from an address over MOESSINGEN_LOGIN_ADDRESS_LIMIT = (failures, seconds).
# Both switch off together with AXES_ENABLED.


def _address_key(address):
    return f"login-failures:{address}"


def count_failed_login(sender, credentials=None, request=None, **kwargs):
    """Receiver of django.contrib.auth's user_login_failed (connected in apps.py)."""
    if request is None or not settings.AXES_ENABLED:
        return
    _limit, seconds = settings.MOESSINGEN_LOGIN_ADDRESS_LIMIT
    key = _address_key(client_ip(request))
    cache = caches["ratelimit"]
    try:
        cache.add(key, 0, seconds)
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
    except Exception:  # a cache outage must not turn a failed login into a 500
        logger.exception("Could not count a failed login")


def address_is_locked(request):
    limit, _seconds = settings.MOESSINGEN_LOGIN_ADDRESS_LIMIT
    try:
        failures = caches["ratelimit"].get(_address_key(client_ip(request)), 0)
    except Exception:
        logger.exception("Could not read the failed-login count")
        return False
    return failures >= limit


class LoginAddressLimitMiddleware:
    """Refuses login attempts (POST to the admin login) from an address over its limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.AXES_ENABLED
            and request.method == "POST"
            and request.path_info == reverse("wagtailadmin_login")
            and address_is_locked(request)
        ):
            limit, _seconds = settings.MOESSINGEN_LOGIN_ADDRESS_LIMIT
            return render(
                request,
                settings.AXES_LOCKOUT_TEMPLATE,
                {"failure_limit": limit, "address_locked": True},
                status=429,
            )
        return self.get_response(request)


# --- Second factor ---------------------------------------------------------------------
# wagtail-2fa 1.8.0's code form has no device field, and django-otp >= 1.7.1 no longer
# tries every device of the user ("Please select a device", labd/wagtail-2fa#284), so
# every code was refused. This form picks the device itself; moessingen_site/urls.py
# serves it at wagtail-2fa's own URL name.
from django_otp.oath import TOTP  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from wagtail_2fa.forms import TokenForm as Wagtail2faTokenForm  # noqa: E402
from wagtail_2fa.views import LoginView as Wagtail2faLoginView  # noqa: E402


def matching_device(user, token):
    """The user's confirmed TOTP device this code belongs to, checked without side effects;
    otherwise the most recently used one, so that a wrong code throttles that device."""
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-last_used_at", "-pk"))
    try:
        number = int(token)
    except (TypeError, ValueError):
        number = None
    if number is not None:
        for device in devices:
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            if totp.verify(number, device.tolerance, device.last_t + 1):
                return device
    return devices[0] if devices else None


class TokenForm(Wagtail2faTokenForm):
    def clean(self):
        device = matching_device(self.user, self.cleaned_data.get("otp_token"))
        if device is not None:
            self.cleaned_data["otp_device"] = device.persistent_id
        return super().clean()


class SecondFactorView(Wagtail2faLoginView):
    form_class = TokenForm
