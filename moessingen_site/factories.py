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
