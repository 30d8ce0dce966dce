"""Admin report „Fehlende Übersetzungen“: which live German pages lack a live translation
in which of the site's other languages, for the staff who translate them.

Every German page is the source of its translations (see ``languages``); a page that has
none in a language is still served there in German with a notice, so nothing breaks –
but staff need to see where the words are missing. Each missing translation links to the
German page's edit view, where wagtail-localize's „Übersetzen“ action starts it (a draft
translation links to its own edit view). The cost is the same for 10 or 1,000 pages: one
query for the German pages, one for all their translations, one for the counts.
"""

import django_filters
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from .languages import default_language, path_in_tree, site_languages

URL_NAME = "moessingen_translation_report"

# A CSV cell starting with one of these is a formula to a spreadsheet; a leading
# apostrophe keeps it text (CSV injection). Wagtail guards the XLSX export itself.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LIVE, DRAFT, MISSING = "live", "draft", "missing"


def other_languages():
    """(code, name in itself) of every language but the default one: the report's columns."""
    return [(code, name) for code, name in site_languages() if code != default_language()]


def has_live_translation(code):
    """True for a page that has a live translation in `code` (a subquery, for filters and counts)."""
    return Exists(
        Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=code, live=True
        )
    )


def formula_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class MissingTranslationFilterSet(WagtailFilterSet):
    missing = django_filters.ChoiceFilter(
        label=_("Übersetzung fehlt in"),
        choices=other_languages,
        empty_label=_("Alle Sprachen"),
        method="filter_missing",
    )

    class Meta:
        model = Page
        fields = []

    def filter_missing(self, queryset, name, value):
        return queryset.filter(~has_live_translation(value)) if value else queryset


class TranslationState:
    """One cell of the report: the page's translation in one language – live, a draft, or
    missing – and where staff act on it."""

    def __init__(self, code, name, source, translation):
        self.code = code
        self.name = name
        if translation is None:
            self.state, self.edit_page_id = MISSING, source.pk
        else:
            self.state = LIVE if translation["live"] else DRAFT
            self.edit_page_id = translation["pk"]

    @property
    def is_live(self):
        return self.state == LIVE

    @property
    def is_draft(self):
        return self.state == DRAFT

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.edit_page_id])

    def __str__(self):
        """The value in the CSV/XLSX export."""
        if self.state == LIVE:
            return "✓"
        if self.state == DRAFT:
            return gettext("fehlt (Entwurf)")
        return gettext("fehlt")


class TranslationReportView(ReportView):
    page_title = _("Fehlende Übersetzungen")
    header_icon = "globe"
    results_template_name = "moessingen_site/admin/translation_report_results.html"
    filterset_class = MissingTranslationFilterSet
    index_url_name = URL_NAME
    index_results_url_name = URL_NAME + "_results"
    permission_policy = page_permission_policy
    permission_required = "change"
    export_filename = "fehlende-uebersetzungen"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        languages = other_languages()
        self.languages = languages
        self.list_export = ["title", "address", *[f"translations.{code}" for code, _name in languages]]
        self.export_headings = {
            "title": _("Seite"),
            "address": _("Adresse"),
            **{f"translations.{code}": name for code, name in languages},
        }
        self.custom_field_preprocess = {"title": {self.FORMAT_CSV: formula_safe}}

    def german_pages(self):
        """The live German pages this user may edit, in tree order (the home page first)."""
        return (
            page_permission_policy.instances_user_has_permission_for(self.request.user, "change")
            .filter(locale__language_code=default_language(), live=True, depth__gt=1)
            .only("id", "title", "url_path", "path", "depth", "translation_key", "locale")
            .order_by("path")
        )

    def get_queryset(self):
        self.queryset = self.german_pages()
        return super().get_queryset()

    def decorate_paginated_queryset(self, pages):
        """Each page with its translation in every other language: one query for all."""
        pages = list(pages)
        found = {}
        translations = (
            Page.objects.filter(translation_key__in={page.translation_key for page in pages})
            .exclude(locale__language_code=default_language())
            .values("pk", "live", "translation_key", "locale__language_code")
        )
        for translation in translations:
            key = (translation["translation_key"], translation["locale__language_code"])
            # A live translation wins over a draft one (there is at most one per locale).
            if key not in found or translation["live"]:
                found[key] = translation
        for page in pages:
            page.address = "/" + path_in_tree(page)
            page.translation_states = [
                TranslationState(code, name, page, found.get((page.translation_key, code)))
                for code, name in self.languages
            ]
            page.translations = {state.code: state for state in page.translation_states}
        return pages

    @cached_property
    def missing_counts(self):
        """(code, name, number of German pages without a live translation, filter URL) per
        language, over all pages whatever the filter: one query."""
        counts = self.german_pages().order_by().aggregate(
            total=Count("pk"),
            **{
                f"missing_{index}": Count("pk", filter=~Q(has_live_translation(code)))
                for index, (code, _name) in enumerate(self.languages)
            },
        )
        self.german_page_count = counts["total"]
        return [
            {"code": code, "name": name, "count": counts[f"missing_{index}"],
             "url": f"{self.index_url}?missing={code}"}
            for index, (code, name) in enumerate(self.languages)
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:
            context["missing_counts"] = self.missing_counts
            context["german_page_count"] = self.german_page_count
            context["languages"] = self.languages
        return context


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_permission(request.user, "change")


def menu_item():
    return TranslationReportMenuItem(
        _("Fehlende Übersetzungen"), reverse(URL_NAME), name="missing-translations", icon_name="globe", order=1300
    )


def urls():
    return [
        path("reports/missing-translations/", TranslationReportView.as_view(), name=URL_NAME),
        path(
            "reports/missing-translations/results/",
            TranslationReportView.as_view(results_only=True),
            name=URL_NAME + "_results",
        ),
    ]
