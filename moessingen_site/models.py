"""Site-wide pieces: the home page, plain content pages and the site's contact settings."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from .base_page import SitePage
from .blocks import BaseStreamBlock


class HomePage(SitePage):
    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "concept.ConceptPage",
        "news.NewsIndexPage",
        "committee.CommitteePage",
        "events.EventIndexPage",
        "moessingen_site.StandardPage",
        "moessingen_site.AccessibilityStatementPage",
        "moessingen_site.EasyLanguagePage",
        "moessingen_site.SignLanguagePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def route(self, request, path_components):
        """Wagtail's routing, with the pages on the path read in one query instead of two
        per level (the child by slug, then its specific row).

        Each page type's own ``route()`` is honoured: the walk hands over to the first page
        on the path whose class overrides ``Page.route`` (routable pages such as the
        calendar or the Umsetzungsstand), and the last page always answers for itself
        (``Page.route`` checks that it is live).

        In another language's tree (/ar/…), an address that has no translation there is
        looked up in the German tree: the German page is served with the interface in the
        visitor's language and a notice (see ``languages``), never a 404 for a page that
        exists in German."""
        try:
            return route_in_tree(self, request, path_components)
        except Http404:
            source = self.source_home(request)
            if source is None:
                raise
            return route_in_tree(source, request, path_components)

    def source_home(self, request):
        """The home page in the default language, when this one is a translation; else None.
        It is the site's root page, which Wagtail has read with the site: no query."""
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        if root is None or root.pk == self.pk or root.translation_key != self.translation_key:
            return None
        return root


def route_in_tree(home, request, path_components):
    """``Page.route`` below `home` (a home page, of any page class), with the pages on the
    path read in one query (see ``HomePage.route``)."""
    if not path_components:
        return Page.route(home, request, path_components)
    url_paths = [home.url_path + "/".join(path_components[: depth + 1]) + "/" for depth in range(len(path_components))]
    on_path = {
        page.url_path: page
        for page in Page.objects.filter(path__startswith=home.path, url_path__in=url_paths).only(
            "id", "path", "depth", "url_path", "content_type_id", "live"
        )
    }
    for depth, url_path in enumerate(url_paths):
        page = on_path.get(url_path)
        if page is None:
            raise Http404
        remaining = path_components[depth + 1 :]
        if remaining and page.specific_class is not None and page.specific_class.route is not Page.route:
            return page.specific.route(request, remaining)
    return page.specific.route(request, [])


class StandardPage(SitePage):
    """Plain content pages: Kontakt, Impressum, Datenschutz, Barrierefreiheit and the like."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["moessingen_site.HomePage", "moessingen_site.StandardPage"]
    subpage_types = ["moessingen_site.StandardPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


# Imported so that Django registers them: the site settings (contact data, footer), the
# accessibility statement, its feedback and the Leichte Sprache / Gebärdensprache pages,
# the outbox of e-mails and the record of the scheduled jobs.
from .site_settings import SiteSettings  # noqa: E402,F401
from .accessibility import (  # noqa: E402,F401
    AccessibilityFeedback,
    AccessibilityStatementPage,
    EasyLanguagePage,
    SignLanguagePage,
)
from .outbox import OutboxMessage  # noqa: E402,F401
from .jobs import JobRun  # noqa: E402,F401
