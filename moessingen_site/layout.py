"""What every public page shows besides its own content: the navigation, the footer's
contact data and legal pages, and the links to the Leichte Sprache and Gebärdensprache
pages (BITV 2.0 § 4).

``site_parts`` is a context processor: templates get ``site_parts``, read lazily – one
query for all these pages plus the settings row, and only when a template asks for them.
The templates keep what they render with ``{% wagtailcache %}`` per host, language and
content version, so on a warm cache they cost no query at all; any published change
makes a new content version and with it new navigation and footers everywhere.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .accessibility import EasyLanguagePage, SignLanguagePage
from .base_page import public
from .languages import Localized, localize, with_translations
from .site_settings import SiteSettings


# The locale whose home page is the Leichte-Sprache entry (settings.LANGUAGES).
EASY_LANGUAGE = "de-x-ls"

# What a link to a page needs: its title and what Wagtail builds its URL from.
LINK_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "translation_key")


class SiteParts:
    def __init__(self, request):
        self.request = request
        # The page whose translations ``_pages`` reads too (the first one asked for).
        self.translated_page = None

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def settings(self):
        # for_request keeps the row on the request: whoever else asks (a measure's
        # freshness) reads no second time.
        return SiteSettings.for_request(self.request) if self.site is not None else None

    @cached_property
    def _pages(self):
        """The home page, its children (those in menus are the navigation; the others serve
        ``home_child``), the legal pages and the Leichte Sprache / Gebärdensprache pages:
        live, public, in one query."""
        if self.site is None:
            return []
        root = self.site.root_page
        footer_ids = [pk for pk in self.footer_ids if pk]
        page = self.translated_page
        # Plain columns only (content type ids, the home page's translations by key), so that
        # PostgreSQL reads the rows through its indexes: conditions on joined tables here
        # made it scan every page and plan for milliseconds.
        wanted = (
            Q(translation_key=root.translation_key)
            | Q(depth=root.depth + 1, path__startswith=root.path)
            | Q(pk__in=footer_ids)
            | Q(content_type_id__in=[content_type_id(EasyLanguagePage), content_type_id(SignLanguagePage)], path__startswith=root.path)
        )
        above_page = above(page) if page is not None else []
        if page is not None:
            # The page shown: its versions in every language (the head's hreflang links, the
            # language switcher) and the pages above it (the breadcrumb).
            wanted |= Q(translation_key=page.translation_key) | Q(path__in=above_page)
        found = (
            with_translations(public(Page.objects.live().filter(wanted)))
            .annotate(language_code=F("locale__language_code"))
            .order_by("path")
            .only(*LINK_FIELDS, "show_in_menus", "content_type", "translation_key")
        )

        def asked_for(found_page):
            # The home page's versions in other languages are read to find the Leichte-Sprache
            # one (the header's entry); the others only as the shown page's versions or ancestors.
            if found_page.translation_key != root.translation_key or found_page.pk == root.pk:
                return True
            return (
                found_page.language_code == EASY_LANGUAGE
                or (page is not None and page.translation_key == root.translation_key)
                or found_page.path in above_page
                or found_page.pk in footer_ids
            )

        return [found_page for found_page in found if asked_for(found_page)]

    def translations(self, page):
        """{language code: page} of `page`'s live, public versions in every language (itself
        included) as ``languages.translations`` gives them, read with the layout's pages:
        no query of its own when asked before those were read (the head's hreflang links
        are); else None."""
        if self.translated_page is None and "_pages" not in self.__dict__:
            self.translated_page = page
        if self.translated_page is None or self.translated_page.translation_key != page.translation_key:
            return None
        return {found.language_code: found for found in self._pages if found.translation_key == page.translation_key}

    @cached_property
    def footer_ids(self):
        found = self.settings
        if found is None:
            return []
        return [found.contact_page_id, found.imprint_page_id, found.privacy_page_id, found.accessibility_page_id]

    @cached_property
    def navigation(self):
        """The home page first, then its children shown in menus, in the visitor's language
        (``languages.Localized``: a section without a translation in German, marked so)."""
        root = next((page for page in self._pages if page.pk == self.site.root_page_id), None)
        if root is None:
            return []
        children = [p for p in self._pages if p.show_in_menus and p.depth == root.depth + 1 and p.path.startswith(root.path)]
        return self._localized([root, *children])

    @cached_property
    def footer_links(self):
        by_id = {page.pk: page for page in self._pages}
        return self._localized([by_id[pk] for pk in self.footer_ids if pk in by_id])

    @cached_property
    def privacy_page(self):
        """The privacy page of the site settings, in the visitor's language (``Localized``),
        or None: read with the footer's links, no query of its own."""
        pk = self.settings.privacy_page_id if self.settings is not None else None
        return next((link for link in self.footer_links if link.pk == pk), None) if pk else None

    def ancestors(self, page):
        """The pages above ``page`` from the site's home page down, for the breadcrumb. Those
        already read for the navigation cost nothing – in another language their
        translations, read with them, too –; the others one query."""
        paths = above(page)
        known = {found.path: found for found in self._pages}
        # A translated page's ancestors are the translations of the navigation's pages: the
        # German page stands for its translation (``_localized`` shows the translation).
        translations = self._translations
        known.update(
            (translations[found.translation_key].path, found)
            for found in self._pages if found.translation_key in translations
        )
        missing = [path for path in paths if path not in known]
        if missing:
            read = with_translations(Page.objects.filter(path__in=missing).only(*LINK_FIELDS))
            known.update((found.path, found) for found in read)
        return self._localized([known[path] for path in paths if path in known])

    @cached_property
    def _translations(self):
        """The translations of the layout's pages in the visitor's language: one query, none
        in German."""
        return localize(self._pages)

    def _localized(self, pages):
        """`pages` as ``languages.Localized`` entries; pages not among the layout's own (a
        breadcrumb's) were read ``with_translations`` (no query)."""
        found = dict(self._translations)
        known = {page.pk for page in self._pages}
        missing = [page for page in pages if page.pk not in known]
        if missing:
            found.update(localize(missing))
        return [Localized(page, found.get(page.translation_key), get_language()) for page in pages]

    def home_child(self, model):
        """The first live, public child of the site's home page of `model`'s type (the home
        page's calendar), as a plain page read with the navigation; None if there is none."""
        if self.site is None:
            return None
        root = next((page for page in self._pages if page.pk == self.site.root_page_id), None)
        if root is None:
            return None
        return next(
            (
                page for page in self._pages
                if page.depth == root.depth + 1 and page.path.startswith(root.path)
                and page.content_type_id == content_type_id(model)
            ),
            None,
        )

    def _first_of_type(self, model):
        return next((page for page in self._pages if page.content_type_id == content_type_id(model)), None)

    @cached_property
    def easy_language(self):
        """The Leichte-Sprache entry: an EasyLanguagePage where one exists, else the home
        page of the Leichte-Sprache locale (/de-x-ls/), read with the other pages."""
        found = self._first_of_type(EasyLanguagePage)
        if found is None and self.site is not None:
            key = self.site.root_page.translation_key
            found = next(
                (page for page in self._pages if page.translation_key == key and page.language_code == EASY_LANGUAGE),
                None,
            )
        return found

    @cached_property
    def sign_language(self):
        return self._first_of_type(SignLanguagePage)


def content_type_id(model):
    """The id of `model`'s content type (Django keeps them once read)."""
    return ContentType.objects.get_for_model(model).pk


def above(page):
    """The paths of the pages above `page`, from the site's home page (below the tree's root) down."""
    return [page.path[:end] for end in range(2 * page.steplen, len(page.path), page.steplen)]


def site_parts(request):
    """Context processor (see the module's docstring)."""
    return {"site_parts": SiteParts(request)}
