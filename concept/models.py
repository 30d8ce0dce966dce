"""The concept's models, gathered here so that Django finds them: the page tree in
``pages.py``, the status vocabulary in ``status.py``, the status reports in
``reports.py``, the progress overview in ``progress.py``. Other apps and the migrations
may import any of them from here; inside the concept, modules import the module that
defines what they need.

News lives beside the concept under the home page (its move to an app of its own is
under way; until then its pages are defined below).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page
from wagtail.search import index

from moessingen_site import structure
from moessingen_site.blocks import BaseStreamBlock

from .pages import (  # noqa: F401
    ConceptPage,
    FieldOfActionPage,
    Goal,
    HistoryPage,
    LeitbildPage,
    MeasurePage,
    MeasurePageForm,
    TimelineEntry,
)
from .progress import ProgressPage  # noqa: F401
from .reports import EVENT_PAGE_TYPE, StatusReport, StatusReportQuerySet  # noqa: F401
from .status import STATUS_SYMBOLS, MeasureStatus, status_counts  # noqa: F401


# The {% picture %} of includes/news_teaser.html: AVIF, WebP and JPEG at two widths.
TEASER_PICTURE = "format-{avif,webp,jpeg} fill-{480x320,960x640}-c100"


# The {% picture %} of news_article_page.html.
ARTICLE_PICTURE = "format-{avif,webp,jpeg} width-{480,800,1200}"


def prepare_news_pictures(article):
    """Draws every rendition an article's pictures need (teaser and article page). AVIF
    takes about a second per large picture: better once when the article is published
    than for the first visitors of the news list, who would wait for all of them. Off in
    the test settings, where every demo load would pay for it."""
    from django.conf import settings

    if article.main_image_id and getattr(settings, "MOESSINGEN_PREPARE_RENDITIONS", True):
        article.main_image.get_renditions(*Filter.expand_spec(TEASER_PICTURE), *Filter.expand_spec(ARTICLE_PICTURE))


def teaser_images():
    """Prefetches news teaser images with their renditions: two queries for any number of articles."""
    specs = Filter.expand_spec(TEASER_PICTURE)
    return Prefetch("main_image", queryset=get_image_model().objects.prefetch_renditions(*specs))


def teasers_html(articles, request):
    """The news teasers (``includes/news_teaser.html``) of ``articles``, rendered in one go
    so that lists can keep the markup for the content version instead of drawing each
    teaser and image tag again for every visitor."""
    return mark_safe(
        "".join(render_to_string("includes/news_teaser.html", {"article": a, "request": request}) for a in articles)
    )


class NewsIndexPage(Page):
    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = ["concept.NewsArticlePage"]
    max_count = 1
    page_size = 10

    class Meta:
        verbose_name = _("Nachrichtenübersicht")

    def articles(self):
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-date", "-pk")
            .prefetch_related(teaser_images())
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The order of all articles (one query of ids) and each page's rendered teasers
        # are memoised per content version: they come from the database, not from a draft.
        ids = structure.memo(("news-ids", self.pk), lambda: tuple(self.articles().values_list("pk", flat=True)))
        articles = Paginator(ids, self.page_size).get_page(request.GET.get("seite"))
        context["articles"] = articles
        context["teasers"] = structure.memo(
            ("news-teasers", self.pk, articles.number, structure.site_key(request), get_language()),
            lambda: teasers_html(self.articles().filter(pk__in=articles.object_list), request),
        )
        return context


class NewsArticlePage(Page):
    date = models.DateField(_("Datum"), default=datetime.date.today)
    teaser = models.TextField(_("Vorspann"), help_text=_("Zwei, drei Sätze für die Übersicht."))
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_image_alt = models.CharField(_("Alternativtext des Aufmacherbilds"), max_length=250, blank=True)
    main_image_caption = models.CharField(_("Bildunterschrift"), max_length=250, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_alt"), FieldPanel("main_image_caption")],
            heading=_("Aufmacherbild"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]

    parent_page_types = ["concept.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

    def clean(self):
        super().clean()
        if self.main_image_id and not self.main_image_alt.strip():
            raise ValidationError({"main_image_alt": _("Bitte beschreiben Sie das Bild.")})

