"""Shows committees on pages of other apps, e.g. the Steuerungskreis on the history page."""

from django import template
from django.db.models import Prefetch

from committee.models import CommitteePage, Membership
from moessingen_site.base_page import public

register = template.Library()


@register.inclusion_tag("committee/includes/committee_summaries.html", takes_context=True)
def committee_summaries(context, parent):
    """The committees below `parent` with their members: two queries for any number of either.

    Used on the concept's history page ("Entstehung") for the historic Steuerungskreis.
    """
    memberships = Membership.objects.select_related("person").order_by("sort_order")
    committees = (
        public(CommitteePage.objects.child_of(parent).live())
        .defer_streamfields()
        .order_by("path")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
    )
    return {"committees": committees, "request": context.get("request")}
