"""Admin registration of people as snippets: searchable, filterable, exportable for the staff.

The CSV export lives in the same index view as the list, so it is open to exactly those
who may see the people list: the staff ("Redaktion"), never the committee's accounts.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moessingen_site.admin_ui import YesNoColumn, yes_no
from moessingen_site.choosers import SnippetChooserWithCreationViewSet
from moessingen_site.exports import SafeExportSnippetIndexView

from .models import CommitteePage, MembershipGroup, Person


def committees(request):
    return CommitteePage.objects.order_by("title")


class PersonFilterSet(WagtailFilterSet):
    committee = django_filters.ModelChoiceFilter(
        label=_("Gremium"), queryset=committees, field_name="memberships__page", distinct=True
    )
    group = django_filters.ChoiceFilter(
        label=_("Gruppe im Gremium"), choices=MembershipGroup.choices, field_name="memberships__group", distinct=True
    )
    has_account = django_filters.BooleanFilter(
        label=_("Mit Benutzerkonto"), field_name="user", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Person
        fields = ["show_contact_publicly"]


class PersonIndexView(SafeExportSnippetIndexView):
    """The site's CSV format (moessingen_site/exports.py), yes/no in German."""

    custom_field_preprocess = {"show_contact_publicly": {"csv": yes_no, "xlsx": yes_no}}


class PersonChooserViewSet(SnippetChooserWithCreationViewSet):
    """A contact person can be added from the measure's chooser; photo and account later, in the editor."""

    form_fields = ["name", "function", "organisation", "email", "phone", "show_contact_publicly"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name", "function", "organisation",
        YesNoColumn("show_contact_publicly", label=_("Kontaktdaten öffentlich zeigen")),
    ]
    filterset_class = PersonFilterSet
    chooser_viewset_class = PersonChooserViewSet
    list_export = ["name", "function", "organisation", "email", "phone", "show_contact_publicly"]
    export_filename = "personen"
    index_view_class = PersonIndexView
    # No field list: Wagtail's database search backend on SQLite fails when asked to
    # restrict an autocomplete search to fields; Person.search_fields decides instead.


register_snippet(PersonViewSet)


@hooks.register("load_demo_content", order=20)
def load_demo_content(home):
    from . import demo

    demo.load(home)


@hooks.register("load_demo_content_after_users", order=10)
def link_demo_account(home):
    from . import demo

    demo.link_demo_account()
