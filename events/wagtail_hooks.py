"""Admin: categories and places as snippets; registrations per event for staff, with CSV export."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moessingen_site.choosers import SnippetChooserWithCreationViewSet
from moessingen_site.exports import SafeExportIndexView

from .models import EventCategory, EventPage, Place, Registration


class EventCategoryChooserViewSet(SnippetChooserWithCreationViewSet):
    form_fields = ["name", "slug"]


class PlaceChooserViewSet(SnippetChooserWithCreationViewSet):
    form_fields = ["name", "address", "accessibility"]


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    chooser_viewset_class = EventCategoryChooserViewSet
    icon = "tag"
    menu_label = _("Veranstaltungsarten")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    chooser_viewset_class = PlaceChooserViewSet
    icon = "site"
    menu_label = _("Veranstaltungsorte")
    list_display = ["name", "address"]
    search_fields = ["name", "address"]


class RegistrationViewSet(ModelViewSet):
    """Read, export and delete only: registrations come from the public form.

    Only the staff group ("Redaktion") holds the view/delete permissions; the committee does not.
    """

    model = Registration
    icon = "group"
    menu_label = _("Anmeldungen")
    menu_order = 220
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["note"]
    list_display = ["name", "email", "people", "status", Column("event", label=_("Veranstaltung")), "created_at"]
    list_filter = ["event", "status"]
    list_export = ["event", "name", "email", "people", "get_status_display", "note", "registered_at"]
    export_headings = {
        "event": _("Veranstaltung"),
        "get_status_display": _("Status"),
        "registered_at": _("Angemeldet am"),
    }
    export_filename = "anmeldungen"
    index_view_class = SafeExportIndexView  # the site's CSV format (moessingen_site/exports.py)
    search_fields = ["name", "email"]
    ordering = ["event", "created_at"]

    def get_queryset(self, request):
        return Registration.objects.select_related("event")


registrations = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registrations


register_snippet(EventCategoryViewSet)
register_snippet(PlaceViewSet)


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None, **kwargs):
    """ "Anmeldungen" in an event's menu, for those allowed to see them (no query per row)."""
    if page.specific_class is EventPage and registrations.permission_policy.user_has_any_permission(
        user, ["view", "delete"]
    ):
        url = reverse(registrations.get_url_name("index")) + f"?event={page.pk}"
        yield Button(_("Anmeldungen"), url, icon_name="group", priority=60)


@hooks.register("load_demo_content", order=30)
def load_demo_content(home):
    from . import demo

    demo.load(home)
