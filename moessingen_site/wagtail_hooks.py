"""Admin: the feedback sent through the accessibility statement, for the staff only.

Only the "Redaktion" group (and superusers) hold the view permission; the committee
does not see the menu item. Feedback can be read, marked as handled and deleted, but
never created in the admin: it comes from the public form.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .accessibility import AccessibilityFeedback
from .admin_ui import YesNoColumn


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AccessibilityFeedbackViewSet(ModelViewSet):
    model = AccessibilityFeedback
    icon = "mail"
    menu_label = _("Rückmeldungen Barrierefreiheit")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "rueckmeldungen-barrierefreiheit"
    list_display = ["created_at", "message", "page_url", "email", YesNoColumn("handled", label=_("Erledigt"))]
    list_filter = ["handled"]
    search_fields = ["message", "name", "email", "page_url"]
    search_backend_name = None  # plain database filtering; feedback is not in the search index
    form_fields = ["handled", "staff_note"]
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "name", "email", "page_url", "message", "handled", "staff_note"]
    copy_view_enabled = False
    permission_policy = FeedbackPermissionPolicy(AccessibilityFeedback)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return AccessibilityFeedbackViewSet("accessibility_feedback")


@hooks.register("load_demo_content", order=90)
def load_demo_translations(home):
    """The demo pages' translations, after every app has built its German pages."""
    from .demo_translations import load

    load(home)


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    from .translation_report import urls

    return urls()


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    from .translation_report import menu_item

    return menu_item()


@hooks.register("after_create_page")
def explain_numbered_slug(request, page):
    """A new page got ``…-2`` because a sibling holds its title's slug (slugs.py): say
    which page, so that a leftover autosaved draft can be found and deleted."""
    from django.contrib import messages

    from .slugs import slug_holder, slug_holder_message

    holder = slug_holder(page)
    if holder is not None:
        messages.warning(request, slug_holder_message(page, holder))
