"""Template helpers for the parts every page repeats (see moessingen_site/layout.py)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import languages, search
from ..base_page import private_collections

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, page):
    """The address of `page` for a visitor reading the active language: the page's path
    under the language's prefix – its translation where the slugs agree, else the German
    page served in that language's frame (see ``languages``). No query."""
    return languages.page_address(page, get_language())


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Every language of the site, named in itself, leading to the current page's
    translation or, where there is none, to the German page in that language's frame."""
    request = context.get("request")
    page = context.get("page")
    return {"entries": languages.links(page, request, layout_translations(context, page)), "request": request}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    page = context.get("page")
    if page is None or not hasattr(page, "translation_key"):
        return {"alternates": []}
    return {"alternates": languages.alternates(page, context.get("request"), layout_translations(context, page))}


def layout_translations(context, page):
    """`page`'s translations read with the layout's pages (``SiteParts.translations``), or
    None (``languages.translations`` then reads them)."""
    site_parts = context.get("site_parts")
    if page is None or site_parts is None or not hasattr(page, "translation_key"):
        return None
    return site_parts.translations(page)


@register.simple_tag(takes_context=True)
def shown_in_german(context, page):
    """True when `page` is a German page shown to a visitor of another language (the
    fallback of ``HomePage.route``). No query: the default locale is the site home's."""
    if page is None or not hasattr(page, "locale_id") or get_language() == languages.default_language():
        return False
    return page.locale_id == languages.default_locale_id(context.get("request"))


@register.filter
def starts_with(text, prefix):
    return str(text).startswith(str(prefix))


@register.filter
def ancestors_of(site_parts, page):
    """The breadcrumb's pages above ``page`` (see ``layout.SiteParts.ancestors``)."""
    return site_parts.ancestors(page)


@register.filter
def localized(pages):
    """`pages` of the default language as the active language's visitor sees them in a
    listing: translated title and address where a translation is live (see
    ``languages.Localized``); one query."""
    return languages.localized(pages)


@register.filter
def search_snippet(page):
    return search.snippet(page)


@register.simple_tag(takes_context=True)
def content_lang(context):
    """` lang="de" dir="ltr"` on an element of the page's own content (title, text) when a
    German page is shown to a visitor of another language; the interface around it –
    labels, dates, forms – stays in the visitor's language. Empty otherwise."""
    if not context.get("in_german"):
        return ""
    return mark_safe(f' lang="{languages.default_language()}" dir="ltr"')


@register.simple_tag(takes_context=True)
def is_public_document(context, document):
    """False for a document kept in a collection behind a view restriction: a public page
    names neither it nor its title. One query per request (``base_page.private_collections``)."""
    if document is None:
        return False
    request = context.get("request")
    private = getattr(request, "moessingen_private_collections", None)
    if private is None:
        private = private_collections()
        if request is not None:
            request.moessingen_private_collections = private
    return document.collection_id not in private
