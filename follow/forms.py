"""The „Benachrichtigen“ form: an address, how often, and the page to follow."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from concept.models import FieldOfActionPage, MeasurePage, ProgressPage
from moessingen_site.base_page import public

from .models import Frequency

# The pages one can follow: their changes are status reports.
FOLLOWABLE = (MeasurePage, FieldOfActionPage, ProgressPage)


class FollowForm(forms.Form):
    seite = forms.IntegerField(widget=forms.HiddenInput)
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("Wie oft?"), choices=Frequency.choices, initial=Frequency.IMMEDIATELY, widget=forms.RadioSelect
    )
    # A field people don't see; bots fill every field they find.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False, max_length=200)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Bitte lassen Sie dieses Feld leer."))
        return ""

    def clean_seite(self):
        page = public(Page.objects.live()).filter(pk=self.cleaned_data["seite"]).first()
        if page is None or not issubclass(page.specific_class or Page, FOLLOWABLE):
            raise forms.ValidationError(_("Dieser Seite kann man nicht folgen."))
        return page
