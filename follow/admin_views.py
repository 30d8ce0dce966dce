"""The staff's view of following: how many follow each page (counts only – no list of
addresses to export), the addresses paused after refusals (shown masked, with a button to
resume), and the switch that pauses all sending (Einstellungen → Benachrichtigungen)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .models import Follow, Follower, FollowSettings, masked

VIEW_PERMISSION = "follow.view_follower"
CHANGE_PERMISSION = "follow.change_follower"


def follower_counts():
    """[(page, immediately, weekly)] for every page with confirmed followers: two queries."""
    rows = (
        Follow.objects.filter(confirmed_at__isnull=False, follower__confirmed_at__isnull=False)
        .values("page_id")
        .annotate(
            immediately=Count("pk", filter=Q(follower__frequency="sofort")),
            weekly=Count("pk", filter=Q(follower__frequency="woechentlich")),
        )
    )
    counts = {row["page_id"]: row for row in rows}
    pages = Page.objects.filter(pk__in=counts).order_by("path").only("pk", "title", "path", "depth")
    return [(page, counts[page.pk]["immediately"], counts[page.pk]["weekly"]) for page in pages]


class FollowersView(WagtailAdminTemplateMixin, View):
    template_name = "follow/admin/followers.html"
    page_title = gettext_lazy("Benachrichtigungen")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        paused = Follower.objects.filter(paused_at__isnull=False).order_by("paused_at")
        context = self.get_context_data(
            counts=follower_counts(),
            followers=Follower.objects.filter(confirmed_at__isnull=False).count(),
            paused=[(follower.pk, masked(follower.email), follower.paused_at, follower.refusals) for follower in paused],
            sending_paused=FollowSettings.load(request_or_site=request).sending_paused,
            can_change=request.user.has_perm(CHANGE_PERMISSION),
        )
        return self.render_to_response(context)

    def post(self, request):
        """Resumes sending to a paused address (after staff learnt it works again)."""
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        pk = request.POST.get("resume", "")
        if pk.isdigit():
            Follower.objects.filter(pk=int(pk)).update(paused_at=None, refusals=0)
        return redirect("follow_admin")
