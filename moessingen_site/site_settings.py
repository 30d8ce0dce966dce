"""The site's own settings: contact data, the pages linked in every page's footer, and
after how long a measure without a new status report is flagged as not current."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class SiteSettings(BaseSiteSetting):
    """Contact data and legal pages shown in every page's footer."""

    organisation = models.CharField(_("Stelle"), max_length=200, default="Stadt Mössingen, Stabsstelle Integration")
    email = models.EmailField(_("E-Mail"), default="integration@moessingen.de")
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    address = models.TextField(_("Anschrift"), blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Kontakt"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imprint_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Impressum"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Datenschutz"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Erklärung zur Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kausal Watch's timeliness bands, in one band: a measure whose newest report is older
    # than this is marked „Seit über … Monaten keine neue Meldung“ wherever it is listed.
    stale_after_months = models.PositiveSmallIntegerField(
        _("Hinweis auf veraltete Meldungen nach (Monaten)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Ist die neueste Statusmeldung einer Maßnahme älter, steht öffentlich bei der Maßnahme: "
            "„Seit über … Monaten keine neue Meldung“."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")],
            heading=_("Kontaktdaten"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_page"),
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Seiten im Fußbereich"),
        ),
        FieldPanel("stale_after_months"),
    ]

    class Meta:
        verbose_name = _("Kontakt und Fußbereich")
