"""``{% follow_box page %}``: the „Benachrichtigen“ form on measure, field and
„Umsetzungsstand“ pages. Without a CSRF token (see follow/views.py), so the pages stay in
the page cache; it costs no query of its own: the link to the privacy page comes from the
layout's pages (``site_parts``), in the visitor's language."""

from django import template
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from ..forms import FollowForm
from ..models import Frequency

register = template.Library()


def form_context(context, form):
    site_parts = context.get("site_parts")
    # Read only when the template renders the link (not when its fragment is current).
    privacy_page = SimpleLazyObject(lambda: site_parts.privacy_page if site_parts is not None else None)
    return {
        "form": form,
        "frequencies": Frequency.choices,
        "current_frequency": form["frequency"].value() or Frequency.IMMEDIATELY,
        "privacy_page": privacy_page,
        "privacy_url": SimpleLazyObject(lambda: privacy_page.url if privacy_page else ""),
    }


@register.inclusion_tag("follow/includes/follow_box.html", takes_context=True)
def follow_box(context, page):
    context_data = form_context(context, FollowForm(initial={"seite": page.pk}))
    context_data.update(
        action=reverse("follow:subscribe"), title=page.title, page_pk=page.pk,
        request=context.get("request"), cache_version=context.get("cache_version"), language=get_language(),
    )
    return context_data


@register.simple_tag(takes_context=True)
def follow_fields(context, form):
    return form_context(context, form)
