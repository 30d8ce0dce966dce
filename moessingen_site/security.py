"""Security headers that Django and django-csp do not set on their own.

- Permissions-Policy: the site needs no camera, microphone, location or payment API;
  switching them off means an injected script could not use them either.
- The Wagtail admin runs inline scripts and styles (its editor, previews, the userbar),
  so it gets its own, looser Content-Security-Policy; the public site keeps the strict
  one from CONTENT_SECURITY_POLICY, without 'unsafe-inline'.

The middleware sits after csp.middleware.CSPMiddleware in MIDDLEWARE, so its
process_response runs first and can hand the admin policy to django-csp.
"""

from django.conf import settings

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
        if request.path_info.startswith(ADMIN_PREFIX) and getattr(response, "_csp_config", None) is None:
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return response
