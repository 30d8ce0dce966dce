"""Admin registration of people as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "function", "organisation", "show_contact_publicly"]
    list_filter = ["show_contact_publicly"]
    list_export = ["name", "function", "organisation", "email", "phone", "show_contact_publicly"]
    export_filename = "personen"
    search_fields = ["name", "function", "organisation"]


register_snippet(PersonViewSet)
