"""Site-wide pieces: the home page, plain content pages and the site's contact settings."""

from collections import namedtuple

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

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
        (``Page.route`` checks that it is live)."""
        if not path_components:
            return super().route(request, path_components)
        url_paths = [self.url_path + "/".join(path_components[: depth + 1]) + "/" for depth in range(len(path_components))]
        on_path = {
            page.url_path: page
            for page in Page.objects.filter(path__startswith=self.path, url_path__in=url_paths).only(
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

    def get_context(self, request, *args, **kwargs):
        from django.utils.translation import get_language


        from . import structure

        context = super().get_context(request, *args, **kwargs)
        # Counts, links and the rendered news teasers come from the database (never from a
        # draft of this page): memoised per content version.
        context.update(
            structure.memo(("home", self.pk, structure.site_key(request), get_language()), lambda: self.summary(request))
        )
        return context

    def summary(self, request):
        """The concept's adoption date, link and status counts, and the newest news."""
        from concept.models import (
            ConceptPage,
            MeasurePage,
            NewsArticlePage,
            status_badges,
            status_counts,
            teaser_images,
            teasers_html,
        )

        summary = {"concept": None}
        concept = ConceptPage.objects.child_of(self).live().public().defer_streamfields().first()
        if concept is not None:
            summary["concept"] = ConceptLink(concept.adopted_on, concept.get_url(request))
            counts = status_counts(MeasurePage.objects.live().public().descendant_of(concept))
            badges = status_badges()
            summary["status_counts"] = [(badges[status.value], n) for status, n in counts]
            summary["measure_total"] = sum(n for _status, n in counts)
        summary["latest_news"] = teasers_html(
            NewsArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .defer_streamfields()
            .order_by("-date", "-pk")
            .prefetch_related(teaser_images())[:3],
            request,
        )
        return summary


# What the home page shows of the concept.
ConceptLink = namedtuple("ConceptLink", "adopted_on url")


class StandardPage(Page):
    """Plain content pages: Kontakt, Impressum, Datenschutz, Barrierefreiheit and the like."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["moessingen_site.HomePage", "moessingen_site.StandardPage"]
    subpage_types = ["moessingen_site.StandardPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


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
    ]

    class Meta:
        verbose_name = _("Kontakt und Fußbereich")

    def footer_links(self):
        """The legal pages in the order the footer shows them, fetched in one query."""
        ids = [self.contact_page_id, self.imprint_page_id, self.privacy_page_id, self.accessibility_page_id]
        pages = {p.pk: p for p in Page.objects.live().filter(pk__in=[i for i in ids if i])}
        return [pages[i] for i in ids if i in pages]


# The accessibility statement, its feedback and the Leichte Sprache / Gebärdensprache pages.
from .accessibility import (  # noqa: E402,F401
    AccessibilityFeedback,
    AccessibilityStatementPage,
    EasyLanguagePage,
    SignLanguagePage,
)
