"""Template tags of the concept for other apps' templates and for the status badge:
``{% concept_summary %}`` (the home page's summary of the concept) and the
``measure_status`` filter (``templates/includes/status_badge.html``)."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.models import Page, Site

from moessingen_site.base_page import public
from moessingen_site.languages import Localized, active_locale_id, page_address

from ..pages import ConceptPage, MeasurePage
from ..progress import ProgressPage
from ..status import MeasureStatus, status_counts

register = template.Library()


@register.filter
def measure_status(value):
    """A status as stored ("umgesetzt") or a MeasureStatus, as MeasureStatus; None for
    anything else (the badge then shows nothing rather than failing the page)."""
    try:
        return MeasureStatus(value)
    except ValueError:
        return None


@register.inclusion_tag("concept/includes/concept_summary.html", takes_context=True)
def concept_summary(context):
    """What the town has done so far: the live, public concept page below the site's home
    page – the German one, whose measures are the record, shown in the visitor's language
    (``Localized``) –, its adoption date and its measures per status, each count a link to
    the overview's list filtered by that status, and the link to the overview. Nothing
    without a concept page.

    Two queries in every language: the concept, its overview and the concept's translation
    in the visitor's language in one (``concept_pages``), the counts in the other."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {}
    concept, translation, progress = concept_pages(site.root_page, request)
    if concept is None:
        return {}
    counts = status_counts(public(MeasurePage.objects.descendant_of(concept).live()))
    # The overview („Umsetzungsstand“): each count links to its list filtered by that
    # status. Its address in the visitor's language (as ProgressPage.address).
    progress_url = page_address(progress, get_language()) if progress is not None else ""
    return {
        "request": request,
        "concept": Localized(concept, translation, get_language()),
        "status_counts": [
            (status, count, f"{progress_url}?{urlencode({'status': status.value})}#alle-massnahmen" if progress_url else "")
            for status, count in counts
        ],
        "measure_total": sum(count for _status, count in counts),
        "progress_url": progress_url,
    }


def concept_pages(home, request):
    """(concept, its translation in the visitor's language or None, its overview or None):
    the first live, public concept page below the German `home`, as plain pages with the
    concept's ``adopted_on``. One query."""
    kinds = ContentType.objects.get_for_models(ConceptPage, ProgressPage)
    language_id = active_locale_id(request)
    pages = list(
        public(Page.objects.live())
        .filter(content_type__in=kinds.values(), depth__in=(home.depth + 1, home.depth + 2))
        .filter(Q(path__startswith=home.path) | Q(locale_id=language_id, depth=home.depth + 1))
        .annotate(adopted_on=F("conceptpage__adopted_on"))
        .only("id", "title", "slug", "url_path", "path", "depth", "locale", "translation_key", "content_type")
        .order_by("path")
    )
    concept = next(
        (page for page in pages if page.content_type_id == kinds[ConceptPage].pk and page.path.startswith(home.path)),
        None,
    )
    if concept is None:
        return None, None, None
    translation = next(
        (
            page for page in pages
            if page.translation_key == concept.translation_key and page.locale_id == language_id and page.pk != concept.pk
        ),
        None,
    )
    progress = next(
        (
            page for page in pages
            if page.content_type_id == kinds[ProgressPage].pk and page.depth == concept.depth + 1
            and page.path.startswith(concept.path)
        ),
        None,
    )
    return concept, translation, progress
