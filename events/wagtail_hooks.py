"""Admin: categories and places as snippets; registrations for staff: all of them (a list
with filters and its CSV) and per event – each date with its places, waitlist positions and
unconfirmed registrations, and a CSV per event or per date (events/admin_views.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moessingen_site.choosers import SnippetChooserWithCreationViewSet
from moessingen_site.exports import SafeExportIndexView

from . import admin_views
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
    list_display = [
        "name", "email", "people", "status", Column("event", label=_("Veranstaltung")),
        Column("occurrence_display", label=_("Termin")), "created_at",
    ]
    list_filter = ["event", "occurrence", "status"]
    list_export = ["event", "name", "email", "people", "get_status_display", "note", "registered_at", "occurrence_display"]
    export_headings = {
        "event": _("Veranstaltung"),
        "occurrence_display": _("Termin"),
        "get_status_display": _("Status"),
        "registered_at": _("Angemeldet am"),
    }
    export_filename = "anmeldungen"
    index_view_class = SafeExportIndexView  # the site's CSV format (moessingen_site/exports.py)
    search_fields = ["name", "email"]
    ordering = ["event", "created_at"]

    def get_queryset(self, request):
        return Registration.objects.select_related("event")

    def get_urlpatterns(self):
        """Beside the list: one event's registrations, per date, and their CSV."""
        return super().get_urlpatterns() + [
            path("veranstaltung/<int:event_id>/", admin_views.EventRegistrationsView.as_view(viewset=self), name="event"),
            path("veranstaltung/<int:event_id>/csv/", admin_views.event_registrations_csv(self), name="event_csv"),
        ]


registrations = RegistrationViewSet("registrations")


def event_registrations_url(page):
    return reverse(registrations.get_url_name("event"), args=[page.pk])


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registrations


register_snippet(EventCategoryViewSet)
register_snippet(PlaceViewSet)


def may_see_registrations(page, user):
    return page.specific_class is EventPage and registrations.permission_policy.user_has_permission(user, "view")


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None, **kwargs):
    """ "Anmeldungen" in an event's menu in the page explorer, for those allowed to see them
    (no query per row)."""
    if may_see_registrations(page, user):
        yield Button(_("Anmeldungen"), event_registrations_url(page), icon_name="group", priority=60)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None, **kwargs):
    """The same in the "…" menu of the event's editor."""
    if may_see_registrations(page, user):
        yield Button(_("Anmeldungen"), event_registrations_url(page), icon_name="group", priority=80)


@hooks.register("load_demo_content", order=30)
def load_demo_content(home):
    from . import demo

    demo.load(home)
