"""People and committees of the concept.

One Person is reused as committee member and as contact of a measure. A committee
(the Begleitgremium today, the Steuerungskreis historically) is a CommitteePage whose
memberships say who belongs to it, in which role and group, since when and until when.
"""

import datetime
import itertools
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page, RevisionMixin
from wagtail.search import index

from moessingen_site import structure
from moessingen_site.blocks import BaseStreamBlock

# The {% picture %} of includes/member.html: AVIF, WebP and JPEG, 160 px for an 80 px circle.
PORTRAIT_PICTURE = "format-{avif,webp,jpeg} fill-160x160-c100"
# The end of the window in which single meetings count as upcoming: they have no horizon.
FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


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

    panels = [
        FieldPanel("name"),
        FieldPanel("function"),
        FieldPanel("organisation"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading=_("Foto")),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("show_contact_publicly")],
            heading=_("Kontakt"),
        ),
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


class MembershipGroup(models.TextChoices):
    """The part of the town a member speaks for; the roster is grouped by it, in this order."""

    GEMEINDERAT = "gemeinderat", _("Gemeinderat")
    BUERGERSCHAFT = "buergerschaft", _("Engagierte Bürgerinnen und Bürger")
    VEREINE = "vereine", _("Vereine und Einrichtungen")
    VERWALTUNG = "verwaltung", _("Verwaltung")


GROUP_ORDER = {value: position for position, value in enumerate(MembershipGroup.values)}


class CommitteePageForm(WagtailAdminPageForm):
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


class CommitteePage(Page):
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
    search_fields = Page.search_fields + [
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
        """Current members grouped by MembershipGroup, and former members (newest departure first)."""
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
        return groups, former

    def roster_html(self, request):
        """The rendered roster, the same for every visitor of the day: kept for the day and
        content version – except in a preview, which shows the editor's unsaved rows."""
        today = timezone.localdate()

        def compute():
            groups, former = self.roster(today)
            return render_to_string(
                "committee/includes/roster.html", {"member_groups": groups, "former_members": former}
            )

        if getattr(request, "is_preview", False):
            return compute()
        return structure.memo(("committee:roster", self.pk, today, get_language()), compute)

    def meetings(self, now=None, request=None):
        """The committee's upcoming meeting dates and its past meetings with their minutes.

        Meetings are the calendar's events of the page's meeting category. Upcoming dates
        include the dates of a series; past meetings are single events, since minutes
        belong to one meeting. A fixed number of queries whatever the number of meetings;
        the upcoming dates are read and expanded once per day and content version.
        """
        if not self.meeting_category_id:
            return [], []
        from events import recurrence
        from events.models import event_queryset, listing_events, listings

        now = now or timezone.now()
        today = timezone.localdate(now)
        calendar_url = self.calendar_links(request)[0]
        events = event_queryset().filter(category_id=self.meeting_category_id)
        horizon = now + self.upcoming_horizon
        window_start = recurrence.start_of_day(today)
        window_end = recurrence.start_of_day(timezone.localdate(horizon) + datetime.timedelta(days=1))

        def compute():
            # One query for the committee's future meetings, single or series (a committee
            # meets a few times a year); single meetings have no horizon, series do.
            found = listing_events(events).filter(
                Q(recurrence_frequency="", end__gt=window_start)
                | (
                    ~Q(recurrence_frequency="")
                    & Q(start__lt=window_end)
                    & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=today))
                )
            )
            occurrences = []
            for event in found:
                end = window_end if event.recurrence_frequency else FAR_FUTURE
                occurrences.extend(recurrence.occurrences(event, window_start, end))
            occurrences.sort(key=lambda o: o.sort_key)
            return tuple(listings(occurrences, calendar_url))

        key = ("committee:upcoming", self.meeting_category_id, today, calendar_url, get_language())
        upcoming = [
            row.formatted()
            for row in itertools.islice(
                (
                    row
                    for row in structure.memo(key, compute)
                    if row.end > now and (row.start < horizon or not row.event.is_recurring)
                ),
                self.upcoming_meetings_shown,
            )
        ]
        past = list(
            events.prefetch_related(None)
            .select_related("minutes")
            .filter(recurrence_frequency="", end__lte=now)
            .order_by("-start", "-pk")[: self.past_meetings_shown]
        )
        return upcoming, past

    def calendar_links(self, request=None):
        """(the calendar's URL, its archive filtered to this committee's meetings), or ("", "")
        without a calendar; one query, kept for the content version."""
        from events.models import CATEGORY_PARAM, EventCategory, EventIndexPage

        def compute():
            slug = EventCategory.objects.filter(pk=self.meeting_category_id).values("slug")[:1]
            calendar = (
                EventIndexPage.objects.live().public().defer_streamfields().annotate(category_slug=Subquery(slug)).first()
            )
            if calendar is None:
                return "", ""
            url = calendar.get_url(request)
            if not calendar.category_slug:
                return url, ""
            return url, f"{url}{calendar.reverse_subpage('archive')}?{CATEGORY_PARAM}={calendar.category_slug}"

        return structure.memo(("committee:calendar", self.meeting_category_id, structure.site_key(request)), compute)

    def meetings_archive_url(self, request):
        """The calendar's archive, filtered to this committee's meetings."""
        return self.calendar_links(request)[1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["roster_html"] = self.roster_html(request)
        if self.meeting_category_id:
            upcoming, past = self.meetings(request=request)
            context["upcoming_meetings"] = upcoming
            context["past_meetings"] = past
            context["meetings_archive_url"] = self.meetings_archive_url(request)
        return context


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
