"""The committee (group „Begleitgremium“) reaches its task in the admin and nothing else.

Wagtail guards most admin views with model permissions, but many of its URLs ask for no
more than admin access: the admin API (every image and document), the page and snippet
choosers, the site history report, the GET pages of bulk actions and move confirmations.
Taking permissions away cannot close those, so this middleware turns the logic around
for the committee: every URL under the admin is refused unless its name is on the
allow-list below. A URL a future Wagtail release adds is refused until someone decides
to allow it; `moessingen_site/tests/test_committee_permissions.py` walks the URL
resolver to prove it.

Why a middleware and not hooks: Wagtail has no hook that runs before every admin view
(`before_*` hooks exist only for page, snippet and image actions), and wrapping its URL
patterns would mean patching it. `process_view` sees the resolved URL name and runs
after authentication, so the rule stays in one place.
"""

from django.urls import reverse
from wagtail.admin.auth import permission_denied

from .roles import is_committee_only

# URL names (with namespace) the committee may open: its dashboard, its report view, its
# own account and the second factor, logging in and out, and what every admin page
# loads (icons, translations of the admin's scripts, dismissed hints of its own).
COMMITTEE_ALLOWED_URL_NAMES = frozenset({
    "wagtailadmin_home",
    "concept_report_status",
    "concept_submit_status_report",
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_dismissibles",
    # wagtail-2fa's views check themselves that a member handles only its own devices.
    "wagtail_2fa_auth",
    "wagtail_2fa_device_list",
    "wagtail_2fa_device_new",
    "wagtail_2fa_device_update",
    "wagtail_2fa_device_remove",
    "wagtail_2fa_device_qrcode",
})


class CommitteeAdminAllowListMiddleware:
    """Refuses admin URLs outside the allow-list for committee-only accounts.

    Must come after the authentication middleware. The refusal is Wagtail's own
    (`permission_denied`): a redirect to the dashboard with a message, or 403 for
    requests from scripts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if not is_committee_only(getattr(request, "user", None)):
            return None
        if request.resolver_match.view_name in COMMITTEE_ALLOWED_URL_NAMES:
            return None
        return permission_denied(request)
