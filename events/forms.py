"""Forms visitors fill in: the calendar's filters and the registration ("Rückmeldung")."""

from urllib.parse import urlencode

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from concept.models import FieldOfActionPage

from . import recurrence
from .models import CATEGORY_PARAM, FIELD_PARAM, EventCategory


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
        self.fields[FIELD_PARAM].queryset = (
            FieldOfActionPage.objects.live().public().defer_streamfields().order_by("path")
        )

    def query_string(self):
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

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Bitte lassen Sie dieses Feld leer."))
        return ""


WEEKDAY_NAMES = [_("Montag"), _("Dienstag"), _("Mittwoch"), _("Donnerstag"), _("Freitag"), _("Samstag"), _("Sonntag")]


def describe_recurrence(event):
    """The rule in German: "jeden 2. Mittwoch im Monat, bis 30. Juni 2027"."""
    start = recurrence.local(event.start)
    interval = event.recurrence_interval or 1
    weekday = WEEKDAY_NAMES[start.weekday()]
    if event.recurrence_frequency == "WEEKLY":
        text = (
            _("jeden %(weekday)s") % {"weekday": weekday}
            if interval == 1
            else _("alle %(n)s Wochen am %(weekday)s") % {"n": interval, "weekday": weekday}
        )
    elif event.recurrence_monthly_mode == "weekday":
        nth, _code = recurrence.weekday_position(start.date())
        position = _("letzten") if nth == -1 else f"{nth}."
        text = ngettext(
            "jeden %(position)s %(weekday)s im Monat",
            "jeden %(position)s %(weekday)s alle %(n)s Monate",
            interval,
        ) % {"position": position, "weekday": weekday, "n": interval}
    else:
        text = ngettext(
            "jeden Monat am %(day)s.", "alle %(n)s Monate am %(day)s.", interval
        ) % {"day": start.day, "n": interval}
    if event.recurrence_until:
        text += ", " + _("bis %(date)s") % {"date": date_format(event.recurrence_until, "j. F Y")}
    return text
