"""News about the integration concept: the „Aktuelles" list and its articles with photos
and galleries.

The models moved here from ``concept``; their tables keep the names they had there
(``concept_newsindexpage``, ``concept_newsarticlepage``), so the move touched no data
(migrations: news 0001/0002, concept 0005).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from moessingen_site.blocks import BaseStreamBlock
from moessingen_site.base_page import SitePage, public
from moessingen_site.languages import Localized, default_language, read_translations, source_of, with_translations

# The {% picture %} of news/includes/news_teaser.html: AVIF, WebP and JPEG at two widths.
TEASER_PICTURE = "format-{avif,webp,jpeg} fill-{480x320,960x640}-c100"

# What a teaser shows of an article's translation besides its title (``with_translations``).
TEASER_WORDS = ("teaser",)

# The {% picture %} of news/news_article_page.html.
ARTICLE_PICTURE = "format-{avif,webp,jpeg} width-{480,800,1200}"


def prepare_pictures(article):
    """Draws every rendition an article's pictures need (teaser and article page). AVIF
    takes about a second per large picture: better once when the article is published
    than for the first visitors of the news list, who would wait for all of them. Off in
    the test settings, where every demo load would pay for it."""
    if article.main_image_id and getattr(settings, "MOESSINGEN_PREPARE_RENDITIONS", True):
        article.main_image.get_renditions(*Filter.expand_spec(TEASER_PICTURE), *Filter.expand_spec(ARTICLE_PICTURE))


class NewsArticleQuerySet(PageQuerySet):
    def teasers(self):
        """Live, public articles, newest first, prepared for news/includes/news_teaser.html:
        the teaser pictures come with the articles, their renditions in one more query for
        any number of articles (as Wagtail's ``prefetch_renditions``), the bodies are not
        read."""
        renditions = get_image_model().get_rendition_model().objects.filter(
            filter_spec__in=Filter.expand_spec(TEASER_PICTURE)
        )
        return (
            public(self.live())
            .defer_streamfields()
            .order_by("-date", "-pk")
            .select_related("main_image")
            .prefetch_related(Prefetch("main_image__renditions", queryset=renditions, to_attr="prefetched_renditions"))
        )


class LocalizedArticle(Localized):
    """An article of the default language as a teaser shows it in the active language: the
    translation's title, teaser and address where one is live, else the German ones
    (``lang`` is "de" then); date and picture of the German article."""

    @property
    def teaser(self):
        return (self.translation or self.source).teaser


def localized_articles(articles, language=None):
    """German `articles` as ``LocalizedArticle`` entries: one query for their translations,
    none in German."""
    language = language or get_language()
    articles = list(articles)
    keys = {article.translation_key for article in articles}
    found = {}
    read = read_translations(articles) if language != default_language() and keys else None
    if read is not None:
        found = read
    elif language != default_language() and keys:
        found = {
            article.translation_key: article
            for article in NewsArticlePage.objects.filter(translation_key__in=keys, locale__language_code=language)
            .live()
            .only("id", "title", "slug", "url_path", "path", "depth", "locale", "translation_key", "teaser")
        }
    return [LocalizedArticle(article, found.get(article.translation_key), language) for article in articles]


class NewsIndexPage(SitePage):
    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count = 1
    page_size = 10

    class Meta:
        db_table = "concept_newsindexpage"
        verbose_name = _("Nachrichtenübersicht")

    def articles(self, request=None):
        """The German articles (a translated news page lists them too, in its language:
        ``localized_articles``)."""
        return with_translations(NewsArticlePage.objects.child_of(source_of(self, request)).teasers(), fields=TEASER_WORDS)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        number = request.GET.get("seite") or "1"
        # Lazy: when the template finds the list in its fragment cache, no query runs for it.
        context["articles"] = SimpleLazyObject(lambda: Paginator(self.articles(request), self.page_size).get_page(number))
        context["page_number"] = number
        return context


class NewsArticlePage(SitePage):
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

    objects = PageManager.from_queryset(NewsArticleQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_alt"), FieldPanel("main_image_caption")],
            heading=_("Aufmacherbild"),
        ),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("teaser"), index.SearchField("body")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        db_table = "concept_newsarticlepage"
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

    def clean(self):
        super().clean()
        if self.main_image_id and not self.main_image_alt.strip():
            raise ValidationError({"main_image_alt": _("Bitte beschreiben Sie das Bild.")})
