"""Demo events: every date the town's pages name (shared/seeds), plus sample future events.

The seeds give times only for the kick-off (Sat 24 Nov 2018, 14:00–18:30); every other
seed date is entered as an all-day event rather than with an invented time. Events that
are not in the seeds carry "(Beispiel)" in their title, and their dates are computed
from the day the demo content is loaded so the upcoming list is never empty.
"""

import datetime

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from concept.models import FieldOfActionPage, MeasurePage
from moessingen_site.demo import ensure_child, paragraph, sample_box, stream

from .models import EventCategory, EventException, EventIndexPage, EventPage, Place
from .recurrence import BERLIN, end_of_day, start_of_day

CATEGORIES = [
    ("auftaktveranstaltung", "Auftaktveranstaltung"),
    ("workshop-arbeitsgruppe", "Workshop / Arbeitsgruppe"),
    ("sitzung-steuerungskreis", "Sitzung Steuerungskreis"),
    ("sitzung-begleitgremium", "Sitzung Begleitgremium"),
    ("informationsveranstaltung", "Informationsveranstaltung"),
    ("begegnung", "Begegnung"),
]

WORKING_GROUP_TEXT = (
    "In vier Arbeitsgruppen haben Mitglieder des Steuerungskreises gemeinsam mit Expert*innen aus dem "
    "jeweiligen Bereich Ziele und Maßnahmen für das Konzept erarbeitet."
)
WORKING_GROUPS = [
    # slug, title, date, field of action slug
    ("ag-bildung-und-betreuung", "Arbeitsgruppe Bildung und Betreuung", datetime.date(2019, 4, 11), "bildung-und-betreuung"),
    ("ag-wohnen-und-wohnumfeld", "Arbeitsgruppe Wohnen und Wohnumfeld", datetime.date(2019, 5, 7), "wohnen-und-wohnumfeld"),
    ("ag-arbeit-und-beschaeftigung", "Arbeitsgruppe Arbeit und Beschäftigung", datetime.date(2019, 6, 27),
     "arbeit-und-beschaeftigung"),
    ("ag-bildung-und-betreuung-folgetermin", "Arbeitsgruppe Bildung und Betreuung (Folgetermin)",
     datetime.date(2019, 7, 5), "bildung-und-betreuung"),
    ("ag-orte-der-begegnung", "Arbeitsgruppe Orte der Begegnung", datetime.date(2019, 7, 10), "orte-der-begegnung"),
    ("ag-orte-der-begegnung-folgetermin", "Arbeitsgruppe Orte der Begegnung (Folgetermin)",
     datetime.date(2019, 9, 11), "orte-der-begegnung"),
]

STEERING_RESULTS = (
    "In den weiteren Sitzungen des Kreises wurden die Ergebnisse und Vorschläge aus den Arbeitsgruppen "
    "vorgestellt, diskutiert und verabschiedet."
)
STEERING_MEETINGS = [
    # slug, date, teaser, at the Bürgersaal (only the first is placed there by the seeds)
    ("steuerungskreis-2019-02-14", datetime.date(2019, 2, 14),
     "Das erste Treffen des Steuerungskreises: eine Flipchart-Diskussion zu Leitbild und Integrationsverständnis, "
     "eine Vorstellung der zeitlichen Abläufe und die Einigung auf vier Handlungsfelder, die in "
     "„Expertenworkshops“ bearbeitet werden sollen.", True),
    ("steuerungskreis-2019-05-28", datetime.date(2019, 5, 28), STEERING_RESULTS, False),
    ("steuerungskreis-2019-09-23", datetime.date(2019, 9, 23), STEERING_RESULTS, False),
    ("steuerungskreis-2019-11-12", datetime.date(2019, 11, 12),
     "In der letzten Sitzung des Steuerungskreises wurden letzte Änderungen besprochen und das Gesamtkonzept dem "
     "Gemeinderat zur Verabschiedung empfohlen.", False),
]

SAMPLE_EVENT = (
    "Beispieltermin der Demo-Installation: Titel, Datum, Ort und Text sind erfunden und keine Ankündigung der "
    "Stadt Mössingen."
)


def all_day(day):
    return {"start": start_of_day(day), "end": end_of_day(day), "all_day": True}


def at(day, start, end):
    return {
        "start": datetime.datetime.combine(day, start, tzinfo=BERLIN),
        "end": datetime.datetime.combine(day, end, tzinfo=BERLIN),
    }


def second_wednesday_after(day):
    first = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    first_wednesday = first + datetime.timedelta(days=(2 - first.weekday()) % 7)
    return first_wednesday + datetime.timedelta(days=7)


def minutes_document():
    Document = get_document_model()
    title = "Protokoll der Sitzung des Begleitgremiums (Beispiel)"
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    text = "Beispielprotokoll der Demo-Installation. Es gibt kein echtes Protokoll dieser Sitzung.\n"
    document = Document(title=title, file=ContentFile(text.encode("utf-8"), name="protokoll-beispiel.txt"))
    document.save()
    return document


def load(home):
    categories = {}
    for slug, name in CATEGORIES:
        categories[slug], _created = EventCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    buergersaal, _created = Place.objects.get_or_create(name="Bürgersaal, Rathaus Mössingen")
    sample_place, _created = Place.objects.get_or_create(
        name="Beispielort (Beispiel)", defaults={"address": "Beispieladresse, Mössingen",
                                                 "accessibility": "Beispiel: Zugang ohne Stufen."}
    )
    fields = {page.slug: page for page in FieldOfActionPage.objects.all()}
    # By its label, as EventPage.contact names it: the calendar imports nothing of the committee app.
    contact = apps.get_model("committee", "Person").objects.filter(name="Boris Kühn").first()

    calendar = ensure_child(
        home, EventIndexPage, "veranstaltungen", title="Veranstaltungen", show_in_menus=True,
        intro="Termine rund um das Integrationskonzept: Begegnungen, Workshops und die Sitzungen des Begleitgremiums.",
    )

    ensure_child(
        calendar, EventPage, "auftaktveranstaltung-2018",
        title="Zusammenleben in Mössingen – Auftaktveranstaltung zur Erarbeitung eines Integrationskonzepts",
        teaser="Zur Auftaktveranstaltung sind alle Einwohnerinnen und Einwohner Mössingens herzlich eingeladen.",
        category=categories["auftaktveranstaltung"], place=buergersaal, contact=contact,
        registration_enabled=True,
        registration_deadline=end_of_day(datetime.date(2018, 11, 15)),
        body=stream(
            paragraph(
                "An diesem Nachmittag wollen wir gemeinsam Themen, Ideen und Einschätzungen sammeln. Diese werden in "
                "den folgenden Monaten in die Arbeit des Steuerungskreises und der Arbeitsgruppen einfließen."
            ),
            paragraph("Einige Leitfragen sind:"),
            ("paragraph",
             "<ul><li>Wie können wir das gegenseitige Verständnis und das respektvolle Miteinander von Alt- und "
             "Neubürger/innen fördern?</li><li>Wo erkennen wir Probleme oder Herausforderungen, wie können wir sie "
             "bewältigen?</li><li>Wie gelingt die Vernetzung relevanter Akteure?</li><li>Braucht es vielleicht hier "
             "und da veränderte Strukturen?</li></ul>"),
            paragraph(
                "Daneben soll die Veranstaltung auch Raum zum Austausch und Kennenlernen geben. Kulinarisches und "
                "Musik aus verschiedenen Ländern werden uns die Arbeit erleichtern.",
                'Wenn Sie teilnehmen können, dann geben Sie uns bitte bis 15.11. eine kurze Rückmeldung unter '
                '<a href="mailto:integration@moessingen.de">integration@moessingen.de</a>.',
            ),
        ),
        **at(datetime.date(2018, 11, 24), datetime.time(14), datetime.time(18, 30)),
    )
    for slug, date, teaser, in_buergersaal in STEERING_MEETINGS:
        ensure_child(
            calendar, EventPage, slug, title="Sitzung des Steuerungskreises", teaser=teaser,
            category=categories["sitzung-steuerungskreis"], place=buergersaal if in_buergersaal else None,
            **all_day(date),
        )
    for slug, title, date, field_slug in WORKING_GROUPS:
        ensure_child(
            calendar, EventPage, slug, title=title, teaser=WORKING_GROUP_TEXT,
            category=categories["workshop-arbeitsgruppe"], field_of_action=fields.get(field_slug),
            **all_day(date),
        )
    ensure_child(
        calendar, EventPage, "vorstellung-integrationskonzept-2020",
        title="Vorstellung des Integrationskonzepts „Zuhause in Mössingen“",
        teaser="Das im vergangenen Jahr von der Stadtverwaltung und vielen Beteiligten erarbeitete "
               "Integrationskonzept „Zuhause in Mössingen“ wird vorgestellt.",
        category=categories["informationsveranstaltung"], place=buergersaal,
        body=stream(paragraph(
            "Das Interesse war überwältigend, der Bürgersaal war bis auf den letzten Platz gefüllt."
        )),
        **all_day(datetime.date(2020, 1, 28)),
    )

    load_samples(calendar, categories, sample_place, fields)
    return calendar


def load_samples(calendar, categories, place, fields):
    today = timezone.localdate()
    cafe_day = second_wednesday_after(today)
    cafe_measure = MeasurePage.objects.filter(slug="begegnungscafe").first()
    cafe = ensure_child(
        calendar, EventPage, "begegnungscafe-beispiel",
        title="Begegnungscafé (Beispiel)",
        teaser="Beispiel: Jeden zweiten Mittwoch im Monat treffen sich Alt- und Neubürgerinnen und -bürger "
               "bei Kaffee und Tee.",
        category=categories["begegnung"], place=place, field_of_action=fields.get("orte-der-begegnung"),
        recurrence_frequency="MONTHLY", recurrence_monthly_mode="weekday",
        recurrence_until=cafe_day + datetime.timedelta(days=365),
        body=stream(sample_box(SAMPLE_EVENT)),
        exceptions=[EventException(
            date=second_wednesday_after(second_wednesday_after(cafe_day)), show_as_cancelled=True,
            reason="Beispiel: Das Café macht Ferienpause.",
        )],
        **at(cafe_day, datetime.time(15), datetime.time(17)),
    )
    if cafe_measure is not None and not cafe.related_measures.exists():
        cafe.related_measures.add(cafe_measure)
        cafe.save_revision().publish()

    meeting_day = today + datetime.timedelta(days=21)
    meeting_day += datetime.timedelta(days=(1 - meeting_day.weekday()) % 7)  # a Tuesday
    ensure_child(
        calendar, EventPage, "sitzung-begleitgremium-beispiel",
        title="Sitzung Begleitgremium (Beispiel)",
        teaser="Beispiel: Das Begleitgremium bespricht den Umsetzungsstand der Maßnahmen.",
        category=categories["sitzung-begleitgremium"], place=place,
        body=stream(sample_box(SAMPLE_EVENT)),
        **at(meeting_day, datetime.time(17), datetime.time(19)),
    )
    ensure_child(
        calendar, EventPage, "sitzung-begleitgremium-beispiel-protokoll",
        title="Sitzung Begleitgremium mit Protokoll (Beispiel)",
        teaser="Beispiel: Eine vergangene Sitzung des Begleitgremiums mit ihrem Protokoll.",
        category=categories["sitzung-begleitgremium"], place=place, minutes=minutes_document(),
        body=stream(sample_box(SAMPLE_EVENT)),
        **at(today - datetime.timedelta(days=60), datetime.time(17), datetime.time(19)),
    )
    workshop_day = today + datetime.timedelta(days=35)
    workshop = at(workshop_day, datetime.time(18), datetime.time(20))
    ensure_child(
        calendar, EventPage, "mitmach-workshop-beispiel",
        title="Mitmach-Workshop Orte der Begegnung (Beispiel)",
        teaser="Beispiel: Wo in Mössingen begegnen sich Menschen? Sammeln Sie mit uns Ideen.",
        category=categories["workshop-arbeitsgruppe"], place=place, field_of_action=fields.get("orte-der-begegnung"),
        registration_enabled=True, capacity=20,
        registration_deadline=workshop["start"] - datetime.timedelta(days=3),
        body=stream(sample_box(SAMPLE_EVENT)),
        **workshop,
    )
