"""Admin: the followers' counts (not their addresses) for staff; the privacy page's paragraph in the demo."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, demo


@hooks.register("register_admin_urls")
def register_follow_admin_urls():
    return [path("benachrichtigungen/", admin_views.FollowersView.as_view(), name="follow_admin")]


class FollowersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_follow_menu_item():
    return FollowersMenuItem(_("Benachrichtigungen"), reverse("follow_admin"), icon_name="mail", order=230)


@hooks.register("load_demo_content_after_users", order=90)
def load_demo_content(home):
    demo.privacy_paragraph(home)
