"""People of the concept: one Person is reused as committee member and as contact of a measure."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class Person(RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(
        _("Funktion"), max_length=200, blank=True, help_text=_("z. B. Integrationsbeauftragter")
    )
    organisation = models.CharField(_("Organisation oder Bereich"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt_text = models.CharField(_("Alternativtext des Fotos"), max_length=250, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("Verknüpft ein Admin-Konto (z. B. eines Gremiumsmitglieds) mit dieser Person."),
    )
    show_contact_publicly = models.BooleanField(
        _("Kontaktdaten öffentlich zeigen"),
        default=False,
        help_text=_("Nur mit Einverständnis der Person einschalten."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("function"),
        FieldPanel("organisation"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading=_("Foto")),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("show_contact_publicly")],
            heading=_("Kontakt"),
        ),
        FieldPanel("user"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("function"),
        index.SearchField("organisation"),
        index.FilterField("show_contact_publicly"),
    ]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.function}" if self.function else self.name

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError({"photo_alt_text": _("Bitte beschreiben Sie das Foto für Menschen, die es nicht sehen.")})

    @property
    def public_email(self):
        return self.email if self.show_contact_publicly else ""

    @property
    def public_phone(self):
        return self.phone if self.show_contact_publicly else ""
