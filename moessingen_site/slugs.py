"""Addresses (slugs) of new pages, the way German readers spell words without umlauts:
„Wohnraumbörse für Geflüchtete“ becomes ``wohnraumboerse-fuer-gefluechtete``, as the demo's
``arbeit-und-beschaeftigung`` — not ``wohnraumb%C3%B6rse-…`` (unicode slugs) nor
``wohnraumborse-…`` (Wagtail's own transliteration drops the umlauts' e).

Three places make a slug, and all three transliterate the same way:

- the admin's slug field, in the browser: ``GermanSlugInput`` hands the rules to Wagtail's
  slug controller as its ``formatters`` (applied before its own transliteration), both
  when the title fills the slug and when an editor types one;
- the same field on the server (``GermanSlugField``), for a form posted without scripts;
- the page itself when saved without a slug (``SitePage.save``, a page built in code or
  saved as a draft with an empty slug): ``unique_slug``.

And one more rule for a new page whose slug comes from its title (``SitePageForm``):
if a sibling holds that slug, the new page takes the next free one (``-2``, ``-3``) instead
of failing with „wird bereits verwendet“. Why: Wagtail's autosave stores a new page as a
draft as soon as its title is typed, so an abandoned „Neue Nachricht“ leaves a hidden,
never-published draft that would otherwise block every later attempt with the same title.
The editor is told which page holds the address (``slug_holder_message``) and can delete
the leftover draft and take the address over.
"""

from django import forms
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

# German spelling without umlauts. The capitals are lower-cased by the slug rules afterwards.
TRANSLITERATION = [
    ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss"), ("ẞ", "SS"),
]


def transliterate(text):
    for umlaut, replacement in TRANSLITERATION:
        text = text.replace(umlaut, replacement)
    return text


def german_slugify(text):
    """The slug of `text`: umlauts spelt out, other accents dropped (é → e), ASCII only."""
    return slugify(transliterate(text or ""), allow_unicode=False)


def slug_is_free(slug, parent, page=None):
    siblings = parent.get_children().filter(slug=slug)
    if page is not None and page.pk is not None:
        siblings = siblings.exclude(pk=page.pk)
    return not siblings.exists()


def unique_slug(base, parent, page=None):
    """`base`, or `base-2`, `base-3` … whichever no sibling under `parent` holds (the rule
    Wagtail applies to the slugs it makes itself)."""
    candidate, number = base, 1
    while not slug_is_free(candidate, parent, page):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class GermanSlugInput(SlugInput):
    """Wagtail's slug input (its Stimulus controller ``w-slug``) with the German rules as
    formatters: they run before Wagtail's own transliteration, which would turn ä into a."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=list(formatters or TRANSLITERATION), locale=locale)


class GermanSlugField(forms.SlugField):
    """A slug typed or posted with umlauts is spelt without them."""

    def to_python(self, value):
        return super().to_python(transliterate(value) if isinstance(value, str) else value)


# The form field of every SlugField in the admin's generated forms (pages, snippets, settings),
# registered when the page models are imported (base_page.py imports this module), so before
# any admin form class is built.
register_form_field_override(
    models.SlugField, override={"widget": GermanSlugInput, "form_class": GermanSlugField}, exact_class=True
)


class SitePageForm(WagtailAdminPageForm):
    """The admin form of every page type. An empty slug is made from the title; a new
    page whose title's slug is already held by a sibling takes the next free slug instead
    of failing (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False  # filled from the title in clean()

    def clean(self):
        slug = self.cleaned_data.get("slug")
        title = self.cleaned_data.get("title")
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if "slug" in self.fields and not slug and "slug" not in self.errors:
            slug = german_slugify(title)
            if not slug:
                self.add_error("slug", forms.Field.default_error_messages["required"])
            elif parent is not None:
                self.cleaned_data["slug"] = self.slug_from_server = unique_slug(slug, parent, self.instance)
        elif (
            self.instance.pk is None
            and parent is not None
            and slug
            and slug == german_slugify(title)
            and not slug_is_free(slug, parent)
        ):
            self.cleaned_data["slug"] = self.slug_from_server = unique_slug(slug, parent)
        return super().clean()

    def get_field_updates_for_resave(self):
        """After an autosave, the still-open editor takes the slug chosen here; else its
        next autosave would post the taken slug again."""
        updates = list(super().get_field_updates_for_resave())
        if getattr(self, "slug_from_server", None):
            updates.append(("slug", self.slug_from_server))
        return updates


def slug_holder(page):
    """The sibling that holds the slug `page`'s title would have had, when `page` got a
    numbered slug instead (``SitePageForm``); else None."""
    wanted = german_slugify(page.title)
    if not wanted or page.slug == wanted:
        return None
    parent = page.get_parent()
    if parent is None:
        return None
    return parent.get_children().filter(slug=wanted).exclude(pk=page.pk).first()


def slug_holder_message(page, holder):
    """What the editor reads after saving a new page that got a numbered slug."""
    values = {"wanted": holder.slug, "holder": holder.get_admin_display_title(), "slug": page.slug}
    if holder.live or holder.first_published_at is not None:
        return gettext(
            "Den Kurztitel „%(wanted)s“ hat schon die Seite „%(holder)s“. Diese Seite hat deshalb den "
            "Kurztitel „%(slug)s“ (Reiter „Veröffentlichung“)."
        ) % values
    return gettext(
        "Den Kurztitel „%(wanted)s“ hat ein nie veröffentlichter Entwurf „%(holder)s“ – wohl ein "
        "abgebrochener früherer Versuch, den die Verwaltung automatisch gespeichert hat. Diese Seite hat "
        "deshalb den Kurztitel „%(slug)s“. Brauchen Sie den alten Entwurf nicht, löschen Sie ihn; danach "
        "können Sie den Kurztitel im Reiter „Veröffentlichung“ ändern."
    ) % values
