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

from axes.handlers.database import AxesDatabaseHandler
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import caches
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse

from . import ratelimit
from .ratelimit import client_ip  # noqa: F401 – django-axes and the views ask for it here

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


# --- One limit for every login door ----------------------------------------------------
# Four forms take a secret or act on an account: the admin login (/admin/login/), the login
# of restricted pages (/_util/login/, in every language's prefix), the password of a
# password-protected page (/_util/authenticate_with_password/<restriction>/<page>/) and
# the admin's password reset. All of them go through LoginAddressLimitMiddleware, which
# counts in the "ratelimit" cache (moessingen_site.ratelimit: the database, shared by every
# worker and instance; should it fail, the limit is skipped, never the request failed).
#
# The limits, and why:
# - One account from one address: AXES_FAILURE_LIMIT (5) failed logins an hour lock that
#   pair (django-axes, for both login forms: its backend sits in AUTHENTICATION_BACKENDS).
#   The same account elsewhere still logs in, so a stranger cannot lock staff out.
# - One address, whatever it tries: MOESSINGEN_LOGIN_ADDRESS_LIMIT (50 an hour) failed
#   logins at either login form and wrong page passwords together. High, because the town
#   hall or a shelter shares one address; it stops spraying passwords over many accounts.
#   Over it, every door answers 429 for the rest of the hour (even the right password).
# - One protected page: MOESSINGEN_PAGE_PASSWORD_LIMITS = (per page and address, per page):
#   10 wrong passwords an hour from one address (a group mistyping a shared password), 100
#   an hour for the page from all addresses together (guessing spread over many addresses).
#   A flood of wrong guesses can so close one page's form for an hour; staff can lift it.
# - Password reset: MOESSINGEN_PASSWORD_RESET_LIMITS = (per address, per account):
#   10 requests an hour from one address (429), 3 an hour for one e-mail address, counted in
#   its normalised spelling whether or not an account has it. Over the account's limit the
#   answer is the usual "sent" page without a mail: nobody learns whether the address is an
#   account's, or whether someone asked before, and staff's mailboxes are not bombed.
# Staff lift an address's lock with `manage.py login_unlock <address>`; axes' own
# `axes_reset` and `axes_reset_ip <address>` lift it too (AxesHandler below). The limits
# switch off together with AXES_ENABLED.

LOGIN_DOORS = {"wagtailadmin_login", "wagtailcore_login"}
PAGE_PASSWORD_DOOR = "wagtailcore_authenticate_with_password"
PASSWORD_RESET_DOOR = "wagtailadmin_password_reset"
ADDRESS_SCOPE = "login:address"
PAGE_PASSWORD_LIMITS = ((10, 3600), (100, 3600))
PASSWORD_RESET_LIMITS = ((10, 3600), (3, 3600))


def page_password_limits():
    return getattr(settings, "MOESSINGEN_PAGE_PASSWORD_LIMITS", PAGE_PASSWORD_LIMITS)


def password_reset_limits():
    return getattr(settings, "MOESSINGEN_PASSWORD_RESET_LIMITS", PASSWORD_RESET_LIMITS)


def _address(request):
    return client_ip(request) or "unknown"


def count_address_failure(address):
    from . import ratelimit

    limit, seconds = settings.MOESSINGEN_LOGIN_ADDRESS_LIMIT
    ratelimit.hit(ADDRESS_SCOPE, address, limit, seconds)


def count_failed_login(sender, credentials=None, request=None, **kwargs):
    """Receiver of django.contrib.auth's user_login_failed (connected in apps.py)."""
    if request is None or not settings.AXES_ENABLED:
        return
    count_address_failure(_address(request))


def address_is_locked(request):
    from . import ratelimit

    limit, _seconds = settings.MOESSINGEN_LOGIN_ADDRESS_LIMIT
    return ratelimit.is_over(ADDRESS_SCOPE, _address(request), limit)


def unlock_address(address):
    """Lifts the address-wide lock of `address` (`manage.py login_unlock`, axes_reset)."""
    from . import ratelimit

    ratelimit.lift(ADDRESS_SCOPE, address)


def refuse(request, reason):
    limit, _seconds = settings.MOESSINGEN_LOGIN_ADDRESS_LIMIT
    context = {"failure_limit": limit, "reason": reason, "address_locked": reason == "address"}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)


class LoginAddressLimitMiddleware:
    """Applies the limits above to POSTs at the four doors (found by URL name, so every
    language's prefix is covered)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.AXES_ENABLED or request.method != "POST":
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        name = match.url_name
        if name in LOGIN_DOORS:
            if address_is_locked(request):
                return refuse(request, "address")
        elif name == PAGE_PASSWORD_DOOR:
            return self.page_password(request, match.kwargs.get("page_view_restriction_id"))
        elif name == PASSWORD_RESET_DOOR:
            refused = self.password_reset(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def page_password(self, request, restriction):

        address = _address(request)
        (pair_limit, pair_seconds), (page_limit, page_seconds) = page_password_limits()
        if address_is_locked(request):
            return refuse(request, "address")
        pair = f"{restriction}:{address}"
        if ratelimit.is_over("page-password:pair", pair, pair_limit) or ratelimit.is_over(
            "page-password:page", restriction, page_limit
        ):
            return refuse(request, "page")
        response = self.get_response(request)
        # Wagtail redirects to the page after the right password and shows its form again
        # after a wrong one.
        if response.status_code == 200:
            ratelimit.hit("page-password:pair", pair, pair_limit, pair_seconds)
            ratelimit.hit("page-password:page", restriction, page_limit, page_seconds)
            count_address_failure(address)
        return response

    def password_reset(self, request):

        (address_limit, address_seconds), (account_limit, account_seconds) = password_reset_limits()
        if ratelimit.hit("password-reset:address", _address(request), address_limit, address_seconds):
            return refuse(request, "reset")
        email = ratelimit.normalized_email(request.POST.get("email", ""))
        if email and ratelimit.hit("password-reset:account", email, account_limit, account_seconds):
            return redirect("wagtailadmin_password_reset_done")
        return None


class AxesHandler(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER) whose resets – `axes_reset`,
    `axes_reset_ip` – also lift the address-wide lock of the addresses they reset."""

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        from axes.models import AccessAttempt

        if ip_address:
            addresses = {ip_address}
        elif username:
            addresses = set()  # one account's lock; the address keeps its own
        else:
            addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True).distinct())
        count = super().reset_attempts(ip_address=ip_address, username=username, ip_or_username=ip_or_username)
        for address in addresses:
            if address:
                unlock_address(address)
        return count


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
from django.template.loader import render_to_string  # noqa: E402

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


# --- Removing a second factor ----------------------------------------------------------
# wagtail-2fa 1.8.0's remove view looks the device up with .get(): an unknown id was a 500
# (also for the committee, who may manage their own devices). This view answers 404 then;
# moessingen_site/urls.py serves it at wagtail-2fa's own URL name.
from django.shortcuts import get_object_or_404  # noqa: E402
from wagtail_2fa.views import DeviceDeleteView  # noqa: E402



class DeviceRemoveView(DeviceDeleteView):
    def dispatch(self, request, *args, **kwargs):
        get_object_or_404(TOTPDevice, pk=kwargs.get("pk"))
        return super().dispatch(request, *args, **kwargs)
