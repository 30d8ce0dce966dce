"""Builds the benchmark's large data set on top of the demo content.

300 measures, 2,000 status reports, 1,000 events (every tenth one recurring), 50 news
articles with their own pictures and 30 people on the committee page. Parts whose app
or model does not exist (yet) are skipped with a note. Idempotent: counts what exists
and only adds the rest, so a second run costs a few queries.

Everything created here is sample data for load tests, titled "(Lasttest)", never shown
on a real site: run it only against the benchmark database.
"""

import datetime
import itertools
import random

from django.apps import apps
from django.db import transaction
from django.utils import timezone

MEASURES = 300
STATUS_REPORTS = 2000
EVENTS = 1000
NEWS = 50
PEOPLE = 30
SAMPLE = "(Lasttest)"


def log(message):
    print(f"[dataset] {message}", flush=True)


def model(label):
    app_label, name = label.split(".")
    if not apps.is_installed(app_label):
        return None
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def build():
    rng = random.Random(7)
    build_measures(rng)
    build_status_reports(rng)
    build_events(rng)
    build_news()
    build_people()
    analyze()


def analyze():
    """Fresh planner statistics: right after a bulk insert PostgreSQL still believes the
    tables are small and picks nested loops that cost 80 ms where an index takes 1 ms."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build_measures(rng):
    from concept.factories import MeasurePageFactory
    from concept.models import FieldOfActionPage, MeasurePage

    fields = list(FieldOfActionPage.objects.live().order_by("path"))
    missing = MEASURES - MeasurePage.objects.count()
    if missing <= 0 or not fields:
        log(f"measures: {MeasurePage.objects.count()} present")
        return
    start = MeasurePage.objects.count()
    for n, field in zip(range(start, start + missing), itertools.cycle(fields)):
        MeasurePageFactory(
            parent=field,
            title=f"Beispielmaßnahme {n} {SAMPLE}",
            slug=f"lasttest-massnahme-{n}",
            summary="Beispieltext für den Lasttest: eine Maßnahme mit zwei, drei Sätzen Beschreibung.",
        )
    log(f"measures: added {missing}")


def build_status_reports(rng):
    StatusReport = model("concept.StatusReport")
    if StatusReport is None:
        log("status reports: no StatusReport model, skipped")
        return
    from concept.models import MeasurePage, MeasureStatus

    missing = STATUS_REPORTS - StatusReport.objects.count()
    if missing <= 0:
        log(f"status reports: {StatusReport.objects.count()} present")
        return
    measures = list(MeasurePage.objects.live().only("pk"))
    statuses = [choice.value for choice in MeasureStatus]
    today = timezone.localdate()
    now = timezone.now()
    reports = [
        StatusReport(
            measure_id=rng.choice(measures).pk,
            status=rng.choice(statuses),
            date=today - datetime.timedelta(days=rng.randint(0, 1500)),
            note=f"Beispielbegründung {n} {SAMPLE}.",
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        for n in range(missing)
    ]
    with transaction.atomic():
        StatusReport.objects.bulk_create(reports, batch_size=500)
        # The measure's current status is its newest published report, as publishing sets it.
        for measure in measures:
            newest = StatusReport.objects.filter(measure_id=measure.pk, live=True).order_by("-date", "-pk").first()
            if newest is not None:
                MeasurePage.objects.filter(pk=measure.pk).update(status=newest.status, status_date=newest.date)
    log(f"status reports: added {missing}")


def build_events(rng):
    EventPage = model("events.EventPage")
    if EventPage is None:
        log("events: no events app, skipped")
        return
    from events.factories import EventPageFactory
    from events.models import EventCategory, EventIndexPage, Place

    index = EventIndexPage.objects.live().first()
    if index is None:
        log("events: no event calendar page, skipped")
        return
    missing = EVENTS - EventPage.objects.count()
    if missing <= 0:
        log(f"events: {EventPage.objects.count()} present")
        return
    categories = list(EventCategory.objects.all()) or [None]
    places = list(Place.objects.all()) or [None]
    base = timezone.now().replace(minute=0, second=0, microsecond=0)
    start_n = EventPage.objects.count()
    for n in range(start_n, start_n + missing):
        start = base + datetime.timedelta(days=rng.randint(-180, 180), hours=rng.randint(-6, 6))
        recurring = n % 10 == 0
        category = rng.choice(categories)
        EventPageFactory(
            parent=index,
            title=f"Beispielveranstaltung {n} {SAMPLE}",
            slug=f"lasttest-veranstaltung-{n}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            category=category,
            place=rng.choice(places),
            recurrence_frequency=rng.choice(["WEEKLY", "MONTHLY"]) if recurring else "",
            recurrence_until=(start + datetime.timedelta(days=365)).date() if recurring else None,
        )
    log(f"events: added {missing} (every tenth recurring)")


def build_news():
    from moessingen_site.demo import demo_image
    from news.factories import NewsArticlePageFactory
    from news.models import NewsArticlePage, NewsIndexPage, prepare_pictures

    index = NewsIndexPage.objects.live().first()
    missing = NEWS - NewsArticlePage.objects.count()
    if index is None or missing <= 0:
        for article in NewsArticlePage.objects.select_related("main_image"):
            prepare_pictures(article)  # as publishing in the admin does
        log(f"news: {NewsArticlePage.objects.count()} present")
        return
    start = NewsArticlePage.objects.count()
    today = timezone.localdate()
    for n in range(start, start + missing):
        colour = ((n * 53) % 200 + 30, (n * 97) % 200 + 30, (n * 151) % 200 + 30)
        NewsArticlePageFactory(
            parent=index,
            title=f"Beispielmeldung {n} {SAMPLE}",
            slug=f"lasttest-meldung-{n}",
            date=today - datetime.timedelta(days=n),
            teaser="Beispieltext für den Lasttest: der Vorspann einer Meldung.",
            main_image=demo_image(f"Lasttest-Bild {n}", colour, f"Lasttest {n}"),
            main_image_alt=f"Platzhalterbild {n} für den Lasttest",
        )
    for article in NewsArticlePage.objects.select_related("main_image"):
        prepare_pictures(article)  # as publishing in the admin does
    log(f"news: added {missing} with pictures")


def build_people():
    CommitteePage = model("committee.CommitteePage")
    from committee.models import Person

    missing = PEOPLE - Person.objects.count()
    if missing > 0:
        Person.objects.bulk_create(
            [Person(name=f"Beispielperson {n} {SAMPLE}", function="Beispielfunktion") for n in range(missing)]
        )
    if CommitteePage is None:
        log("people: no committee page model, memberships skipped")
        return
    from committee.models import Membership, MembershipGroup

    page = CommitteePage.objects.live().order_by("depth", "path").first()  # the current committee
    if page is None:
        log("people: no committee page, memberships skipped")
        return
    seated = set(Membership.objects.filter(page=page).values_list("person_id", flat=True))
    groups = itertools.cycle([choice.value for choice in MembershipGroup])
    new = [
        Membership(page=page, person=person, role="Beispielrolle", group=next(groups), sort_order=100 + i)
        for i, person in enumerate(Person.objects.exclude(pk__in=seated).order_by("pk"))
    ]
    Membership.objects.bulk_create(new)
    log(f"people: {Person.objects.count()} present, {len(new)} seated on {page.title}")
