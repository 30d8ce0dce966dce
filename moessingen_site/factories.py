"""Factories for the site-wide page types and the site itself."""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Zuhause in Mössingen"
    slug = "start"
    intro = "Beispiel-Einleitung"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    intro = "Beispieltext"

    class Meta:
        model = StandardPage


def make_site(home):
    """Points the default site at `home`, removing Wagtail's welcome page."""
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


# --- Accessibility pages (issue 6) ---------------------------------------------------
from .accessibility import (  # noqa: E402
    AccessibilityFeedback,
    AccessibilityStatementPage,
    EasyLanguagePage,
    SignLanguagePage,
)


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Erklärung zur Barrierefreiheit"
    slug = "barrierefreiheit"
    intro = "Beispiel-Einleitung"
    known_limitations = "<p>Ältere PDF-Dokumente</p>"
    enforcement_text = "<p>Schlichtungsstelle nach § 10 L-BGG</p>"

    class Meta:
        model = AccessibilityStatementPage


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    message = factory.Sequence(lambda n: f"Der Kontrast auf Seite {n} ist zu schwach.")
    page_url = "/integrationskonzept/"

    class Meta:
        model = AccessibilityFeedback


class EasyLanguagePageFactory(wagtail_factories.PageFactory):
    title = "Leichte Sprache"
    slug = "leichte-sprache"
    intro = "Hier erklären wir diese Internet-Seite in Leichter Sprache."

    class Meta:
        model = EasyLanguagePage


class SignLanguagePageFactory(wagtail_factories.PageFactory):
    title = "Gebärdensprache"
    slug = "gebaerdensprache"
    intro = "Informationen in Deutscher Gebärdensprache."

    class Meta:
        model = SignLanguagePage
