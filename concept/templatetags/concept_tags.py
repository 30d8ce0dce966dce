"""Template tags of the concept for other apps' templates and for the status badge:
``{% concept_summary %}`` (the home page's summary of the concept) and the
``measure_status`` filter (``templates/includes/status_badge.html``)."""

from django import template
from django.utils.http import urlencode
from wagtail.models import Site

from moessingen_site.base_page import public
from moessingen_site.languages import localized, source_of

from ..pages import ConceptPage
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
    """What the town has done so far: the live, public concept page below the page being
    shown (the home page) or below the site's root – the German one, whose measures are
    the record, shown in the visitor's language (``Localized``) –, its adoption date and
    its measures per status, each count a link to the overview's list filtered by that
    status, and the link to the overview. Nothing without a concept page. Five queries in
    German, seven in other languages (the German home page, the concept's translation)."""
    request = context.get("request")
    root = context.get("page")
    if root is None and request is not None:
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
    if root is None:
        return {}
    concept = public(ConceptPage.objects.child_of(source_of(root, request)).live().defer_streamfields()).first()
    if concept is None:
        return {}
    counts = status_counts(concept.measures())
    # The overview („Umsetzungsstand“): each count links to its list filtered by that
    # status. Its address in the visitor's language (ProgressPage.address).
    progress = public(ProgressPage.objects.child_of(concept).live().defer_streamfields()).first()
    progress_url = progress.address() if progress is not None else ""
    return {
        "request": request,
        "concept": localized([concept])[0],
        "status_counts": [
            (status, count, f"{progress_url}?{urlencode({'status': status.value})}#alle-massnahmen" if progress_url else "")
            for status, count in counts
        ],
        "measure_total": sum(count for _status, count in counts),
        "progress_url": progress_url,
    }
