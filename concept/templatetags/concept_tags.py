"""Template tags of the concept for other apps' templates and for the status badge:
``{% concept_summary %}`` (the home page's summary of the concept) and the
``measure_status`` filter (``templates/includes/status_badge.html``)."""

from django import template
from wagtail.models import Site

from moessingen_site.base_page import public
from moessingen_site.languages import localized, source_of

from ..pages import ConceptPage
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
    its measures per status. Nothing without a concept page. Four queries in German, six
    in other languages (the German home page, the concept's translation)."""
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
    return {
        "request": request,
        "concept": localized([concept])[0],
        "status_counts": counts,
        "measure_total": sum(count for _status, count in counts),
    }
