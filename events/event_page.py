"""One event of the calendar (EventPage): a single date or a series that repeats by a rule,
with its exceptions, its .ics, its schema.org data and its registration ("Rückmeldung").

Imports downwards only: recurrence, the snippets, the forms, the iCal writer and the
registration handling; the calendar page and its listings (models.py) build on it.
"""

import datetime
import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from moessingen_site.blocks import BaseStreamBlock
from moessingen_site.base_page import SitePage, public
from moessingen_site.languages import (
    default_language, default_locale_id, in_default_language, localized, page_address, source_of, with_translations,
)
from moessingen_site.slugs import SitePageForm

from . import recurrence
from .forms import RegistrationForm
from .ical import calendar_file_url, calendar_response
from . import registration as registrations
from .registration_views import (
    handle_registration,
    handle_registration_sent,
    handle_registration_status,
    registration_date,
)
from .snippets import EventCategory, Place
from .words import absolute, localized_event

# What json_script escapes, so that data in a <script> element cannot end it early.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def event_queryset():
    """Events as listings show them, prepared as Wagtail's own listings are: live, public,
    without the body, with category and place joined. Exceptions are prefetched only where
    series are expanded (``.prefetch_related("exceptions")``)."""
    return public(in_default_language(EventPage.objects.live())).defer_streamfields().select_related("category", "place")


class EventPageForm(SitePageForm):
    def clean(self):
        """Exceptions must name dates the series actually has."""
        cleaned = super().clean()
        exceptions = self.formsets.get("exceptions")
        if (
            exceptions is not None
            and cleaned.get("start")
            and cleaned.get("recurrence_frequency")
            and exceptions.is_valid()
        ):
            probe = EventPage(
                start=cleaned["start"], end=cleaned.get("end") or cleaned["start"], all_day=cleaned.get("all_day"),
                recurrence_frequency=cleaned["recurrence_frequency"],
                recurrence_interval=cleaned.get("recurrence_interval") or 1,
                recurrence_monthly_mode=cleaned.get("recurrence_monthly_mode") or "weekday",
                recurrence_until=cleaned.get("recurrence_until"),
            )
            for form in exceptions.forms:
                day = form.cleaned_data.get("date")
                if day and not form.cleaned_data.get("DELETE") and not recurrence.is_occurrence_date(probe, day):
                    form.add_error("date", _("An diesem Tag findet kein Termin der Reihe statt."))
        return cleaned


# The German event's relations that its page shows (``EventPage.source_with_facts``).
FACT_RELATIONS = ("category", "place", "contact", "minutes", "field_of_action")


class EventPage(RoutablePageMixin, SitePage):
    """One event, or a series of dates that repeats by a rule (e.g. monthly on the 2nd Wednesday)."""

    teaser = models.TextField(_("Kurzbeschreibung"), help_text=_("Zwei, drei Sätze für die Übersicht."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"), help_text=_("Uhrzeit in Mössinger Zeit (Europe/Berlin)."))
    end = models.DateTimeField(
        _("Ende"), blank=True,
        help_text=_("Bei ganztägigen Terminen zählt nur das Datum; leer lassen für einen einzelnen Tag."),
    )
    all_day = models.BooleanField(_("Ganztägig"), default=False, help_text=_("Ohne Uhrzeit, z. B. wenn sie nicht feststeht."))
    category = models.ForeignKey(
        EventCategory, verbose_name=_("Veranstaltungsart"), null=True, on_delete=models.SET_NULL, related_name="events"
    )
    place = models.ForeignKey(
        Place, verbose_name=_("Ort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    field_of_action = models.ForeignKey(
        "concept.FieldOfActionPage", verbose_name=_("Handlungsfeld"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="events",
    )
    related_measures = ParentalManyToManyField(
        "concept.MeasurePage", verbose_name=_("Zugehörige Maßnahmen"), blank=True, related_name="events"
    )
    contact = models.ForeignKey(
        "committee.Person", verbose_name=_("Ansprechperson"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="contact_for_events",
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(_("Alternativtext des Bilds"), max_length=250, blank=True)
    fee = models.DecimalField(
        _("Eintritt in Euro"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Leer lassen, wenn der Eintritt frei ist."),
    )
    fee_note = models.CharField(_("Hinweis zum Eintritt"), max_length=200, blank=True, help_text=_("z. B. „ermäßigt 2 €“"))
    cancelled = models.BooleanField(_("Abgesagt"), default=False)
    cancellation_reason = models.CharField(_("Grund der Absage"), max_length=300, blank=True)
    minutes = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("Protokoll"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    recurrence_frequency = models.CharField(
        _("Wiederholung"), max_length=10, blank=True,
        choices=[("", _("keine (einzelner Termin)")), ("WEEKLY", _("wöchentlich")), ("MONTHLY", _("monatlich"))],
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        _("Abstand"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 = jede Woche bzw. jeden Monat, 2 = jede zweite …"),
    )
    recurrence_monthly_mode = models.CharField(
        _("Monatlich am"), max_length=10, default="weekday",
        choices=[
            ("weekday", _("gleichen Wochentag (z. B. jeden 2. Mittwoch)")),
            ("monthday", _("gleichen Tag des Monats (z. B. jeden 9.)")),
        ],
    )
    recurrence_until = models.DateField(_("Wiederholen bis"), null=True, blank=True, help_text=_("Leer: ohne Ende."))

    registration_enabled = models.BooleanField(_("Anmeldung über die Website"), default=False)
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer: bis zum Beginn der Veranstaltung.")
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leer: unbegrenzt. Wer keinen Platz mehr bekommt, kommt auf die Warteliste."),
    )

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")], heading=_("Zeit")
        ),
        MultiFieldPanel(
            [
                FieldPanel("recurrence_frequency"),
                FieldRowPanel([FieldPanel("recurrence_interval"), FieldPanel("recurrence_monthly_mode")]),
                FieldPanel("recurrence_until"),
                InlinePanel("exceptions", label=_("Ausnahme"), heading=_("Ausnahmen")),
            ],
            heading=_("Terminreihe"),
        ),
        FieldPanel("place"),
        FieldPanel("category"),
        MultiFieldPanel(
            [FieldPanel("field_of_action"), FieldPanel("related_measures", widget=forms.CheckboxSelectMultiple)],
            heading=_("Bezug zum Integrationskonzept"),
        ),
        FieldPanel("contact"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Bild")),
        FieldRowPanel([FieldPanel("fee"), FieldPanel("fee_note")], heading=_("Eintritt")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("cancelled"), FieldPanel("cancellation_reason")], heading=_("Absage")),
        FieldPanel("minutes"),
        MultiFieldPanel(
            [FieldPanel("registration_enabled"), FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("capacity")])],
            heading=_("Anmeldung"),
        ),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.RelatedFields("place", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self):
        super().clean()
        if self.start is None:
            return
        if self.all_day:
            # All-day events cover whole days in Berlin time, whatever time was typed.
            first_day = timezone.localtime(self.start, recurrence.BERLIN).date()
            last_day = timezone.localtime(self.end, recurrence.BERLIN).date() if self.end else first_day
            self.start = recurrence.start_of_day(first_day)
            self.end = recurrence.end_of_day(last_day) if last_day >= first_day else recurrence.start_of_day(last_day)
        if self.end is None:
            raise ValidationError({"end": _("Bitte geben Sie das Ende an (oder wählen Sie „Ganztägig“).")})
        if self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})
        if self.recurrence_until and self.recurrence_until < timezone.localtime(self.start, recurrence.BERLIN).date():
            raise ValidationError({"recurrence_until": _("Die Wiederholung kann nicht vor dem ersten Termin enden.")})
        if self.cancelled and not self.cancellation_reason.strip():
            raise ValidationError({"cancellation_reason": _("Bitte nennen Sie den Grund der Absage.")})
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Bitte beschreiben Sie das Bild.")})
        if self.registration_deadline and self.recurrence_frequency:
            raise ValidationError(
                {"registration_deadline": _(
                    "Bei einer Terminreihe schließt die Anmeldung zu jedem Termin mit seinem Beginn. "
                    "Bitte lassen Sie den Anmeldeschluss leer."
                )}
            )
        if self.registration_deadline and self.registration_deadline > self.start:
            raise ValidationError({"registration_deadline": _("Der Anmeldeschluss muss vor dem Beginn liegen.")})
        self.clean_registrations_stay_on_their_dates()

    def clean_registrations_stay_on_their_dates(self):
        """Registrations belong to dates: a series with registrations cannot become a single
        event (or the other way round), their dates would no longer mean anything."""
        if not self.pk:
            return
        stored = EventPage.objects.filter(pk=self.pk).values_list("recurrence_frequency", flat=True).first()
        if stored is None or bool(stored) == bool(self.recurrence_frequency):
            return
        if registrations.Registration.objects.filter(event_id=self.pk).exists():
            raise ValidationError(
                {"recurrence_frequency": _(
                    "Für diese Veranstaltung gibt es schon Anmeldungen. Eine Terminreihe kann darum nicht zu einem "
                    "einzelnen Termin werden und umgekehrt; legen Sie bitte eine neue Veranstaltung an."
                )}
            )

    # --- time -------------------------------------------------------------

    @property
    def is_recurring(self):
        return bool(self.recurrence_frequency)

    @property
    def local_start(self):
        return timezone.localtime(self.start, recurrence.BERLIN)

    @property
    def local_end(self):
        return timezone.localtime(self.end, recurrence.BERLIN)

    @property
    def when(self):
        return recurrence.describe_time(self.local_start, self.local_end, self.all_day)

    def upcoming_occurrences(self, limit=6):
        now = timezone.now()
        return recurrence.occurrences(self, now, now + datetime.timedelta(days=366), limit)

    def recurrence_description(self):
        return recurrence.describe_recurrence(self) if self.is_recurring else ""

    # --- registration -----------------------------------------------------

    @property
    def effective_deadline(self):
        """Until when a single event takes registrations (a series: each date until it begins)."""
        return self.registration_deadline or self.start

    @property
    def registration_closed(self):
        """Whether a single event takes no more registrations (a series: every date on its own)."""
        return timezone.now() > self.effective_deadline or self.cancelled

    def places_left(self, day=None):
        """Free places on the date `day` (a single event: its date); None without a limit."""
        return registrations.places_left(self, day or registrations.first_day(self))

    def occurrence_address(self, day):
        """The address of the date `day` of a series (its registration form), in the active language."""
        return self.address("occurrence", day=day.isoformat())

    def registration_context(self, request, event, day, next_occurrences=()):
        """What the page shows about registering: for a single event (or the date `day` of a
        series) the form; for a series without a date its `next_occurrences`, each with its
        state and its address (one query for all of them)."""
        context = {}
        if event.is_recurring and day is None:
            states = registrations.registration_states(next_occurrences)
            context["registration_dates"] = [
                (occurrence, states[(event.pk, occurrence.local_day)], self.occurrence_address(occurrence.local_day))
                for occurrence in next_occurrences
            ]
            return context
        occurrence = registration_date(event, day)
        context.update(
            registration_occurrence=occurrence,
            registration_closed=registrations.is_closed(event, occurrence),
            registration_deadline=timezone.localtime(registrations.deadline(event, occurrence), recurrence.BERLIN),
            places_left=registrations.places_left(event, occurrence.local_day),
            register_url=(
                self.address("occurrence_register", day=day.isoformat()) if event.is_recurring else self.address("register")
            ),
        )
        return context

    # --- views ------------------------------------------------------------

    def source(self, request=None):
        """The German event: the record of the facts (dates, place, capacity, registrations)
        that every translation shows; this page itself in German."""
        return source_of(self, request)

    def source_with_facts(self, request=None):
        """``source()`` with what the page shows of it besides its own fields – the category,
        the place, the contact, the minutes, the field of action – read in one query, where reading them one by one
        costs one each (and a translation's German event two: the page, then its row)."""
        found = (
            EventPage.objects.select_related(*FACT_RELATIONS)
            .filter(translation_key=self.translation_key, locale_id=default_locale_id(request))
            .first()
        )
        if found is None:
            return self.source(request)
        self.moessingen_source = found
        return found

    def address(self, name=None, *args, **kwargs):
        """This page's address – or its route `name`'s – in the active language's frame:
        a German page served under /ar/ keeps the visitor there."""
        url = page_address(self, get_language())
        return url if name is None else url + self.reverse_subpage(name, args=args or None, kwargs=kwargs or None)

    def get_context(self, request, *args, occurrence_day=None, **kwargs):
        """`occurrence_day`: the date of a series the page is shown for (its registration form)."""
        context = super().get_context(request, *args, **kwargs)
        event = self.source_with_facts(request)
        context["event"] = event
        # The German page's field of action was read with the facts; a translation's own points
        # to the field's translation (wagtail-localize). Shown in the visitor's language, its
        # link under the visitor's prefix (``languages.Localized``).
        field = event.field_of_action if event.pk == self.pk else self.field_of_action
        context["field_of_action"] = localized([field])[0] if field is not None else None
        context["facts_lang"] = default_language() if event.pk != self.pk and event.cancellation_reason else ""
        # In the visitor's language, their translations read in the same query.
        context["related_measure_list"] = localized(
            with_translations(public(self.related_measures.live()).defer_streamfields().order_by("path"))
        )
        context["structured_data"] = self.structured_data(request, event)
        context["ics_url"] = self.address("ics").removesuffix("/")
        if event.is_recurring:
            # One query for the exceptions, read by the next dates and the cancelled ones.
            prefetch_related_objects([event], "exceptions")
            context["next_occurrences"] = event.upcoming_occurrences()
            context["cancelled_dates"] = [e for e in event.exceptions.all() if e.show_as_cancelled]
        if occurrence_day is not None:
            context["occurrence"] = registrations.occurrence_of(event, occurrence_day)
        if event.registration_enabled:
            context.update(
                self.registration_context(request, event, occurrence_day, context.get("next_occurrences", ()))
            )
            if "register_url" in context:
                context.setdefault("registration_form", RegistrationForm())
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @re_path(r"^termin\.ics/$", name="ics")
    def ics(self, request):
        entry = localized_event(self.source(request), self)
        return calendar_response(request, [entry], entry.title, f"{self.slug}.ics")

    @path("anmelden/", name="register")
    def register(self, request):
        if request.method != "POST":
            return HttpResponseRedirect(self.address())
        return handle_registration(self, self.source(request), request)

    @path("anmelden/gesendet/", name="registration_sent")
    def registration_sent(self, request):
        return handle_registration_sent(self, self.source(request), request)

    # One date of a series: its page (with the registration form), the form's address and the answer.

    def series_date(self, event, day):
        """The date `day` ("2026-12-10") of the series `event`, or 404."""
        try:
            date = datetime.date.fromisoformat(day)
        except ValueError:
            raise Http404 from None
        if not event.is_recurring or registrations.occurrence_of(event, date) is None:
            raise Http404
        return date

    @re_path(r"^termin/(?P<day>\d{4}-\d{2}-\d{2})/$", name="occurrence")
    def occurrence(self, request, day):
        event = self.source(request)
        return self.render(request, occurrence_day=self.series_date(event, day))

    @re_path(r"^termin/(?P<day>\d{4}-\d{2}-\d{2})/anmelden/$", name="occurrence_register")
    def occurrence_register(self, request, day):
        event = self.source(request)
        date = self.series_date(event, day)
        if request.method != "POST":
            return HttpResponseRedirect(self.occurrence_address(date))
        return handle_registration(self, event, request, date)

    @re_path(r"^termin/(?P<day>\d{4}-\d{2}-\d{2})/anmelden/gesendet/$", name="occurrence_registration_sent")
    def occurrence_registration_sent(self, request, day):
        event = self.source(request)
        return handle_registration_sent(self, event, request, self.series_date(event, day))

    @re_path(r"^anmeldung/(?P<token>[-\w]+/[-\w]+)/$", name="registration")
    def registration(self, request, token):
        return handle_registration_status(self, self.source(request), request, token)

    def ics_url(self):
        return calendar_file_url(self, None, "ics")

    def structured_data(self, request, event=None):
        """schema.org Event as JSON-LD, escaped for a <script> element like json_script does.
        The words of this page, the facts of `event` (the German source)."""
        facts = event or self
        if facts.all_day:
            start, end = facts.local_start.date().isoformat(), facts.local_end.date().isoformat()
        else:
            start, end = facts.local_start.isoformat(), facts.local_end.isoformat()
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.teaser,
            "startDate": start,
            "endDate": end,
            "url": absolute(self.address(), self, request),
            "eventStatus": "https://schema.org/EventCancelled" if facts.cancelled else "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        if facts.place:
            data["location"] = {"@type": "Place", "name": facts.place.name, "address": facts.place.address or facts.place.name}
        if facts.fee:
            data["offers"] = {"@type": "Offer", "price": f"{facts.fee:.2f}", "priceCurrency": "EUR", "url": data["url"]}
        else:
            data["isAccessibleForFree"] = True
        data["organizer"] = {"@type": "Organization", "name": "Stadt Mössingen"}
        if facts.is_recurring:
            data["eventSchedule"] = {
                "@type": "Schedule",
                "repeatFrequency": "P1W" if facts.recurrence_frequency == "WEEKLY" else "P1M",
                "startDate": facts.local_start.date().isoformat(),
                "scheduleTimezone": settings.TIME_ZONE,
            }
            if facts.recurrence_until:
                data["eventSchedule"]["endDate"] = facts.recurrence_until.isoformat()
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
        return mark_safe(text)  # noqa: S308 — escaped for <script> above


class EventException(Orderable):
    """One date of a series that does not take place: left out, or shown as cancelled."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("Datum"))
    show_as_cancelled = models.BooleanField(
        _("Als abgesagt anzeigen"), default=True, help_text=_("Sonst fehlt der Termin ohne Hinweis.")
    )
    reason = models.CharField(_("Grund"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("show_as_cancelled")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausnahme")
        verbose_name_plural = _("Ausnahmen")
        constraints = [models.UniqueConstraint(fields=["page", "date"], name="events_exception_unique_date")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"

