"""The base of every page type of the site (``SitePage``) and ``public()``, the
view-restriction filter for listings: one query where Wagtail needs two."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def public(pages):
    """``pages.public()`` without its extra query: the same condition – neither the page nor
    any of its ancestors has a view restriction – as a subquery of the listing's own query
    (Wagtail's ``public()`` first reads every restriction). Tested against ``public()``."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))


class SitePage(Page):
    """What every page type of the site shares (the base of all of them)."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's rule – the restrictions of this page and of its ancestors, for an alias
        those of its source – in one query instead of two (Wagtail first reads the
        ancestors). Checked on every page served; tested against ``Page.get_view_restrictions``."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        aliases_on_path = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__in=aliases_on_path)
        )
