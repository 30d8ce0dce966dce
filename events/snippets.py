"""The snippets events refer to: their kind (EventCategory) and their place (Place).

Below the page models and the filter form, which both use them; imports nothing of its app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class EventCategory(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname in Adressen"), max_length=100, unique=True, allow_unicode=False,
        help_text=_("Erscheint in der Adresse des Kalender-Abos, z. B. „workshop-arbeitsgruppe“."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("Veranstaltungsart")
        verbose_name_plural = _("Veranstaltungsarten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Place(index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=200, help_text=_("z. B. „Bürgersaal, Rathaus Mössingen“"))
    address = models.TextField(_("Anschrift"), blank=True)
    accessibility = models.TextField(
        _("Hinweise zur Barrierefreiheit"), blank=True,
        help_text=_("z. B. Zugang ohne Stufen, Aufzug, barrierefreie Toilette, Induktionsschleife."),
    )

    panels = [FieldPanel("name"), FieldPanel("address"), FieldPanel("accessibility")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("address")]

    class Meta:
        verbose_name = _("Veranstaltungsort")
        verbose_name_plural = _("Veranstaltungsorte")
        ordering = ["name"]

    def __str__(self):
        return self.name
