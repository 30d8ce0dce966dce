"""Forms visitors fill in: the calendar's filters and the registration ("Rückmeldung").

Below the page models: it knows the categories (snippets) and the fields of action, not the pages.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from concept.models import FieldOfActionPage

from moessingen_site.base_page import public
from moessingen_site.languages import in_default_language

from .snippets import EventCategory

# The listing's query parameters; the filters' names are the form's field names.
CATEGORY_PARAM = "kategorie"
FIELD_PARAM = "handlungsfeld"
MONTH_PARAM = "monat"
PAGE_PARAM = "seite"


def fields_of_action():
    """The fields of action a calendar can be filtered by: the live, public German ones."""
    return public(in_default_language(FieldOfActionPage.objects.live())).defer_streamfields().order_by("path")


class EventFilterForm(forms.Form):
    kategorie = forms.ModelChoiceField(
        label=_("Veranstaltungsart"), queryset=EventCategory.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Diese Veranstaltungsart gibt es nicht.")},
    )
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=FieldOfActionPage.objects.none(), to_field_name="slug",
        required=False, empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht.")},
    )

    def __init__(self, data=None, **kwargs):
        # Only the filter parameters count; "seite" and the like are the listing's business.
        if data is not None:
            data = {key: data.get(key) for key in (CATEGORY_PARAM, FIELD_PARAM) if data.get(key)} or None
        super().__init__(data, **kwargs)
        if self.is_bound:
            # Only validation reads them: the select offers the calendar's own list (its
            # context's ``fields_of_action``), so an unbound form – most visits – builds nothing.
            self.fields[FIELD_PARAM].queryset = fields_of_action()

    def filters(self):
        """(category, field of action) chosen by a valid form; None for each unset one."""
        if not (self.is_bound and self.is_valid()):
            return None, None
        return self.cleaned_data.get(CATEGORY_PARAM), self.cleaned_data.get(FIELD_PARAM)

    def query_string(self):
        """The valid filters as a query string, for the links between the calendar's views."""
        if not (self.is_bound and self.is_valid()):
            return ""
        values = {
            key: value.slug for key, value in self.cleaned_data.items() if value is not None
        }
        return urlencode(values)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    people = forms.IntegerField(
        label=_("Anzahl Personen"), min_value=1, max_value=10, initial=1,
        help_text=_("Sie selbst mitgezählt; höchstens 10."),
    )
    note = forms.CharField(
        label=_("Anmerkung (freiwillig)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. ob Sie eine Übersetzung oder einen barrierefreien Zugang brauchen."),
    )
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass meine Angaben zur Organisation der Veranstaltung gespeichert werden."),
        error_messages={"required": _("Ohne Ihre Einwilligung können wir die Anmeldung nicht speichern.")},
    )
    # A field people don't see; bots fill every field they find.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False, max_length=200)

    def clean_name(self):
        # One line: a name has no line breaks (a crafted POST could send them).
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Bitte lassen Sie dieses Feld leer."))
        return ""
