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


# --- Enrolling a second factor needs a link from the mailbox --------------------------
# wagtail-2fa lets an account without a device set one up right after the password
# (VerifyUserMiddleware allows its device pages then). Whoever knows a password could so
# enrol their own phone and have full access. With MOESSINGEN_2FA_ENROLMENT_LINK the
# device pages need a signed link as well, sent to the account's e-mail address (or
# issued by staff: `manage.py second_factor_link <username>`). The link names the account
# and its number of confirmed devices, so it is spent once a device is confirmed, and
# expires after MOESSINGEN_2FA_ENROLMENT_LINK_MAX_AGE seconds.
import django_otp  # noqa: E402
from django.core import signing  # noqa: E402
from django.core.mail import send_mail  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

ENROLMENT_URL_NAMES = {"wagtail_2fa_device_list", "wagtail_2fa_device_new", "wagtail_2fa_device_qrcode"}
ENROLMENT_SALT = "moessingen.second-factor-enrolment"
ENROLMENT_SESSION_KEY = "moessingen_second_factor_enrolment"
ENROLMENT_QUERY = "einrichtung"


def _confirmed_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).count()


def enrolment_token(user):
    return signing.dumps({"user": user.pk, "devices": _confirmed_devices(user)}, salt=ENROLMENT_SALT)


def enrolment_link(user):
    from .base_url import absolute_url

    return absolute_url(f"{reverse('wagtail_2fa_device_new')}?{ENROLMENT_QUERY}={enrolment_token(user)}")


def enrolment_token_is_valid(token, user):
    if not token:
        return False
    try:
        data = signing.loads(token, salt=ENROLMENT_SALT, max_age=settings.MOESSINGEN_2FA_ENROLMENT_LINK_MAX_AGE)
    except signing.BadSignature:
        return False
    return data == {"user": user.pk, "devices": _confirmed_devices(user)}


def send_enrolment_link(user):
    """Sends the link, at most once in ten minutes per account; False if it could not."""
    if not user.email:
        return False
    if not caches["ratelimit"].add(f"second-factor-link:{user.pk}", 1, 600):
        return True  # sent a moment ago
    context = {"user": user, "link": enrolment_link(user), "site_name": settings.WAGTAIL_SITE_NAME}
    try:
        send_mail(
            render_to_string("security/enrolment_link_subject.txt", context).strip(),
            render_to_string("security/enrolment_link_email.txt", context),
            None,
            [user.email],
        )
    except Exception:  # the mail server is down: the page says whom to ask instead
        logger.exception("Could not send the second-factor enrolment link")
        caches["ratelimit"].delete(f"second-factor-link:{user.pk}")
        return False
    return True


class SecondFactorEnrolmentMiddleware:
    """Guards wagtail-2fa's device pages for accounts that have no second factor yet.
    Sits after wagtail_2fa.middleware.VerifyUserMiddleware (which sets is_verified)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.guarded(request):
            return self.get_response(request)
        token = request.GET.get(ENROLMENT_QUERY)
        if token is not None:
            if enrolment_token_is_valid(token, request.user):
                request.session[ENROLMENT_SESSION_KEY] = token
                return redirect(request.path)
            return render(request, "security/enrolment_link.html", {"invalid": True}, status=400)
        if enrolment_token_is_valid(request.session.get(ENROLMENT_SESSION_KEY), request.user):
            return self.get_response(request)
        sent = send_enrolment_link(request.user)
        return render(request, "security/enrolment_link.html", {"sent": sent}, status=403)

    def guarded(self, request):
        if not (settings.WAGTAIL_2FA_REQUIRED and settings.MOESSINGEN_2FA_ENROLMENT_LINK):
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return False
        return name in ENROLMENT_URL_NAMES and not django_otp.user_has_device(user, confirmed=True)
