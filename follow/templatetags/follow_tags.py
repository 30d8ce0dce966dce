"""``{% follow_box page %}``: the „Benachrichtigen“ form on measure, field and
„Umsetzungsstand“ pages. Without a CSRF token (see follow/views.py), so the pages stay in
the page cache; it costs no query beyond the site settings the page has read already."""

from django import template
from django.urls import reverse

from moessingen_site.models import SiteSettings

from ..forms import FollowForm
from ..models import Frequency

register = template.Library()


def form_context(request, form):
    privacy_page = None
    if request is not None:
        site_settings = SiteSettings.for_request(request)
        privacy_page = site_settings.privacy_page if site_settings.privacy_page_id else None
    return {
        "form": form,
        "frequencies": Frequency.choices,
        "current_frequency": form["frequency"].value() or Frequency.IMMEDIATELY,
        "privacy_page": privacy_page,
        "privacy_url": privacy_page.get_url(request) if privacy_page is not None else "",
    }


@register.inclusion_tag("follow/includes/follow_box.html", takes_context=True)
def follow_box(context, page):
    context_data = form_context(context.get("request"), FollowForm(initial={"seite": page.pk}))
    context_data.update(action=reverse("follow:subscribe"), title=page.title)
    return context_data


@register.simple_tag(takes_context=True)
def follow_fields(context, form):
    return form_context(context.get("request"), form)
