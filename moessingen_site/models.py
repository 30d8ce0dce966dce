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
        """``SitePage.route`` (one query for the pages on the path). In another language's
        tree (/ar/…), an address that has no translation there is looked up in the German
        tree: the German page is served with the interface in the visitor's language and a
        notice (see ``languages``), never a 404 for a page that exists in German."""
        try:
            return super().route(request, path_components)
        except Http404:
            source = self.source_home(request)
            if source is None:
                raise
            return SitePage.route(source, request, path_components)

    def source_home(self, request):
        """The home page in the default language, when this one is a translation; else None.
        It is the site's root page, which Wagtail has read with the site: no query."""
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        if root is None or root.pk == self.pk or root.translation_key != self.translation_key:
            return None
        return root


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
