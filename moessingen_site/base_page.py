"""The base of every page type of the site (``SitePage``) and ``public()``, the
view-restriction filter for listings: one query where Wagtail needs two."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search import index

from . import search
from .slugs import SitePageForm, german_slugify, unique_slug


def public(pages):
    """``pages.public()`` without its extra query: the same condition – neither the page nor
    any of its ancestors has a view restriction – as a subquery of the listing's own query
    (Wagtail's ``public()`` first reads every restriction). Tested against ``public()``."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))


def private_collections():
    """The ids of the document collections behind a view restriction, their own or one
    above them: what is kept there (titles included) is not for the public. One query."""
    restricted = CollectionViewRestriction.objects.filter(
        collection__path=Substr(OuterRef("path"), 1, Length("collection__path"))
    )
    return set(Collection.objects.filter(Exists(restricted)).values_list("pk", flat=True))


def translation_groups(request):
    """{translation_key: [page in each language]} of every live, public page, in the site's
    language order: one query per request (kept on it), for the sitemap's alternates."""
    groups = getattr(request, "moessingen_translation_groups", None)
    if groups is None:
        order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
        pages = public(Page.objects.live()).select_related("locale").only(
            "id", "path", "depth", "url_path", "translation_key", "locale__language_code"
        )
        groups = {}
        for page in sorted(pages, key=lambda found: order.get(found.locale.language_code, len(order))):
            groups.setdefault(page.translation_key, []).append(page)
        request.moessingen_translation_groups = groups
    return groups


class SitePage(Page):
    """What every page type of the site shares (the base of all of them)."""

    # Stems of the page's text in its language, so that singular and plural, ß and ss find
    # the same pages on SQLite and PostgreSQL (``search.py``). Page types extend this list.
    search_fields = Page.search_fields + [
        index.SearchField("search_title_words", boost=2),
        index.SearchField("search_words"),
    ]

    # New pages get German slugs without umlauts (slugs.py); page types with a form of
    # their own derive it from this one.
    base_form_class = SitePageForm

    class Meta:
        abstract = True

    def search_title_words(self):
        return search.search_words(self, title=True)

    def search_words(self):
        return search.search_words(self)

    def save(self, *args, **kwargs):
        """A page saved without a slug gets one from its title, umlauts spelt out and unique
        among its siblings (Wagtail would make ``wohnraumbörse``, see slugs.py)."""
        if not self.slug and self.path and self.title:
            base = german_slugify(self.title)
            if base:
                self.slug = unique_slug(base, self.get_parent(), self)
        return super().save(*args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, with the page's translations as ``hreflang`` alternates (and
        ``x-default``, the German page) when it has any."""
        urls = super().get_sitemap_urls(request)
        group = translation_groups(request).get(self.translation_key, []) if request is not None else []
        if len(group) > 1:
            alternates = [{"lang_code": page.locale.language_code, "location": page.get_full_url(request)} for page in group]
            default = [entry for entry in alternates if entry["lang_code"] == settings.LANGUAGE_CODE]
            alternates += [{"lang_code": "x-default", "location": entry["location"]} for entry in default]
            for url in urls:
                url["alternates"] = alternates
        return urls

    def get_view_restrictions(self):
        """Wagtail's rule – the restrictions of this page and of its ancestors, for an alias
        those of its source – in one query instead of two (Wagtail first reads the
        ancestors). Checked on every page served; tested against ``Page.get_view_restrictions``."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        aliases_on_path = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__in=aliases_on_path)
        )
