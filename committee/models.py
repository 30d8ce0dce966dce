"""People and committees of the concept.

One Person is reused as committee member and as contact of a measure. A committee
(the Begleitgremium today, the Steuerungskreis historically) is a CommitteePage whose
memberships say who belongs to it, in which role and group, since when and until when.
Its meetings are the calendar's events of one category: the page asks events.calendar.
"""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page, RevisionMixin
from wagtail.search import index

from events import calendar
from moessingen_site.base_page import SitePage
from moessingen_site.blocks import BaseStreamBlock
from moessingen_site.slugs import SitePageForm

# The {% picture %} of includes/member.html: AVIF, WebP and JPEG, 160 px for an 80 px circle.
PORTRAIT_PICTURE = "format-{avif,webp,jpeg} fill-160x160-c100"


class Person(RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(
        _("Funktion"), max_length=200, blank=True, help_text=_("z. B. Integrationsbeauftragter")
    )
    organisation = models.CharField(_("Organisation oder Bereich"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt_text = models.CharField(_("Alternativtext des Fotos"), max_length=250, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("Verknüpft ein Admin-Konto (z. B. eines Gremiumsmitglieds) mit dieser Person."),
    )
    show_contact_publicly = models.BooleanField(
        _("Kontaktdaten öffentlich zeigen"),
        default=False,
        help_text=_("Nur mit Einverständnis der Person einschalten."),
    )
    # The office's own mailbox and number (e.g. the Stabsstelle's), not the person's: shown
    # with the person as contact of a measure or event without further consent.
    office_email = models.EmailField(
        _("E-Mail der Dienststelle"),
        blank=True,
        help_text=_("Die allgemeine Adresse der Stelle, z. B. integration@moessingen.de. Wird öffentlich gezeigt."),
    )
    office_phone = models.CharField(
        _("Telefon der Dienststelle"),
        max_length=50,
        blank=True,
        help_text=_("Die allgemeine Nummer der Stelle. Wird öffentlich gezeigt."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("function"),
        FieldPanel("organisation"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading=_("Foto")),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("show_contact_publicly")],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel([FieldPanel("office_email"), FieldPanel("office_phone")], heading=_("Dienststelle")),
        FieldPanel("user"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("function"),
        index.SearchField("organisation"),
        index.FilterField("show_contact_publicly"),
    ]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.function}" if self.function else self.name

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError({"photo_alt_text": _("Bitte beschreiben Sie das Foto für Menschen, die es nicht sehen.")})

    @property
    def public_email(self):
        return self.email if self.show_contact_publicly else ""

    @property
    def public_phone(self):
        return self.phone if self.show_contact_publicly else ""

    @property
    def contact_email(self):
        """What the public may use to write: the person's own address where they agreed to
        show it, else the office's."""
        return self.public_email or self.office_email

    @property
    def contact_phone(self):
        return self.public_phone or self.office_phone


class MembershipGroup(models.TextChoices):
    """The part of the town a member speaks for; the roster is grouped by it, in this order."""

    GEMEINDERAT = "gemeinderat", _("Gemeinderat")
    BUERGERSCHAFT = "buergerschaft", _("Engagierte Bürgerinnen und Bürger")
    VEREINE = "vereine", _("Vereine und Einrichtungen")
    VERWALTUNG = "verwaltung", _("Verwaltung")


GROUP_ORDER = {value: position for position, value in enumerate(MembershipGroup.values)}


class CommitteePageForm(SitePageForm):
    """Keeps the record of who belonged to the committee: an ended membership is never deleted."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("active_from") and cleaned.get("active_until") and cleaned["active_until"] < cleaned["active_from"]:
            self.add_error("active_until", _("Das Ende darf nicht vor dem Beginn liegen."))
        formset = self.formsets.get("memberships")
        if formset is not None and formset.is_valid():
            for form in formset.deleted_forms:
                if form.instance.pk and form.initial.get("member_until"):
                    self.add_error(
                        None,
                        _(
                            "Die beendete Mitgliedschaft von %(name)s bleibt als ehemaliges Mitglied erhalten "
                            "und kann nicht gelöscht werden."
                        )
                        % {"name": form.instance.person.name},
                    )
        return cleaned


class CommitteePage(SitePage):
    """A committee of the concept with its roster, mandate, working method and meetings."""

    intro = models.TextField(_("Einleitung"), blank=True)
    active_from = models.DateField(_("Tätig seit"), null=True, blank=True)
    active_until = models.DateField(
        _("Tätig bis"),
        null=True,
        blank=True,
        help_text=_("Nur für Gremien, deren Arbeit abgeschlossen ist, z. B. den Steuerungskreis."),
    )
    mandate = StreamField(BaseStreamBlock(), verbose_name=_("Auftrag"), blank=True)
    working_method = StreamField(BaseStreamBlock(), verbose_name=_("Arbeitsweise"), blank=True)
    meeting_category = models.ForeignKey(
        "events.EventCategory",
        verbose_name=_("Veranstaltungsart der Sitzungen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Die Veranstaltungen dieser Art erscheinen als Sitzungen des Gremiums, mit ihrem Protokoll, "
            "z. B. „Sitzung Begleitgremium“."
        ),
    )

    # How many meetings the page lists; older ones are in the calendar's archive.
    upcoming_meetings_shown = 5
    past_meetings_shown = 10
    upcoming_horizon = datetime.timedelta(days=365)

    base_form_class = CommitteePageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("active_from"), FieldPanel("active_until")], heading=_("Zeitraum")),
        InlinePanel(
            "memberships",
            label=_("Mitgliedschaft"),
            heading=_("Mitglieder"),
            help_text=_(
                "Scheidet jemand aus, tragen Sie „Mitglied bis“ ein, statt die Zeile zu löschen: "
                "ehemalige Mitglieder werden gesondert gezeigt."
            ),
        ),
        FieldPanel("mandate"),
        FieldPanel("working_method"),
        FieldPanel("meeting_category"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("mandate"),
        index.SearchField("working_method"),
        # Citizens search for a member's name and find the committee.
        index.RelatedFields(
            "memberships", [index.SearchField("role"), index.RelatedFields("person", [index.SearchField("name")])]
        ),
    ]

    parent_page_types = ["moessingen_site.HomePage", "concept.HistoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")

    def clean(self):
        super().clean()
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError({"active_until": _("Das Ende darf nicht vor dem Beginn liegen.")})

    def is_historic(self, today=None):
        today = today or timezone.localdate()
        return self.active_until is not None and self.active_until < today

    def membership_list(self):
        """All memberships with their people and portraits: two queries for any number of members
        (the photos are joined; their renditions as prefetch_renditions would fetch them).

        Goes through the page's own relation so that previews show unsaved rows too.
        """
        specs = Filter.expand_spec(PORTRAIT_PICTURE)
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        return list(
            self.memberships.select_related("person", "person__photo").prefetch_related(
                Prefetch("person__photo__renditions", queryset=renditions, to_attr="prefetched_renditions")
            )
        )

    def roster(self, today=None):
        """Who belongs to the committee on `today`: a Roster of Membership instances."""
        today = today or timezone.localdate()
        memberships = self.membership_list()
        # Rows saved without an order (e.g. by the demo loader) keep the order they were added in.
        current = sorted(
            (m for m in memberships if not m.has_ended(today)),
            key=lambda m: (GROUP_ORDER[m.group], m.sort_order or 0, m.pk or 0),
        )
        former = sorted(
            (m for m in memberships if m.has_ended(today)),
            key=lambda m: (m.member_until, m.person.name),
            reverse=True,
        )
        groups = [
            (MembershipGroup(group), list(members)) for group, members in groupby(current, key=lambda m: m.group)
        ]
        return Roster(groups, former)

    def meetings(self, request=None, now=None):
        """The calendar's events of the meeting category (events.calendar.Meetings), or None."""
        if not self.meeting_category_id:
            return None
        return calendar.meetings(
            self.meeting_category_id, request, upcoming=self.upcoming_meetings_shown, past=self.past_meetings_shown,
            horizon=self.upcoming_horizon, now=now,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The roster changes with the date (memberships end), so its fragment cache names the day.
        context["today"] = timezone.localdate()
        # The next meetings change with the clock: the content fragment's key names the minute.
        context["minute"] = timezone.now().strftime("%Y%m%d%H%M")
        # Read only when the template's content fragment is not current.
        context["meetings"] = SimpleLazyObject(lambda: self.meetings(request))
        return context


@dataclass
class Roster:
    """Who belongs to a committee on a day."""

    groups: list  # (MembershipGroup, [Membership]) of the current members, in GROUP_ORDER
    former: list  # Membership: ended ones, newest departure first


class Membership(Orderable):
    """One person's seat in a committee. Kept after it ends, so the roster remembers former members."""

    page = ParentalKey(CommitteePage, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person,
        verbose_name=_("Person"),
        on_delete=models.PROTECT,  # a person with a committee history cannot silently vanish from it
        related_name="memberships",
    )
    role = models.CharField(
        _("Rolle im Gremium"), max_length=200, blank=True, help_text=_("z. B. „engagierte Bürgerin“, „Gemeinderat“")
    )
    group = models.CharField(_("Gruppe"), max_length=20, choices=MembershipGroup.choices)
    member_since = models.DateField(_("Mitglied seit"), null=True, blank=True)
    member_until = models.DateField(
        _("Mitglied bis"), null=True, blank=True, help_text=_("Leer lassen, solange die Person Mitglied ist.")
    )

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("group")]),
        FieldRowPanel([FieldPanel("member_since"), FieldPanel("member_until")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")

    def __str__(self):
        return f"{self.person.name} ({self.page.title})"

    def clean(self):
        super().clean()
        if self.member_since and self.member_until and self.member_until < self.member_since:
            raise ValidationError({"member_until": _("„Mitglied bis“ darf nicht vor „Mitglied seit“ liegen.")})

    def has_ended(self, today=None):
        """Whoever leaves on a day is still a member on that day."""
        today = today or timezone.localdate()
        return self.member_until is not None and self.member_until < today

    @property
    def group_choice(self):
        return MembershipGroup(self.group)

    @property
    def role_label(self):
        return self.role or self.person.function
