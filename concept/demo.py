"""Demo content of the concept, taken from the town's own pages (shared/seeds).

Facts (dates, names, numbers, quotes) are the seeds' own. Where the seeds are silent —
the Leitbild's wording, most goals and measures — the text says it is sample content.
"""

import datetime

from moessingen_site.demo import ensure_child, paragraph, sample_box, stream

from .pages import ConceptPage, FieldOfActionPage, Goal, HistoryPage, LeitbildPage, MeasurePage, TimelineEntry
from .progress import ProgressPage
from .reports import StatusReport
from .status import MeasureStatus

SAMPLE_MEASURE = (
    "Beispielmaßnahme der Demo-Installation: Titel, Text und Umsetzungsstand sind nicht aus dem "
    "Integrationskonzept übernommen."
)

FIELDS = [
    # slug, title, intro, goals
    (
        "bildung-und-betreuung",
        "Bildung und Betreuung",
        "Beispieltext: Kinder, Jugendliche und Erwachsene finden in Mössingen Zugang zu Bildung und Betreuung.",
        ["Beispielziel: Neuzugewanderte finden Begleitung durch Patinnen, Paten und Tandems."],
    ),
    (
        "wohnen-und-wohnumfeld",
        "Wohnen und Wohnumfeld",
        "Menschen, die in Unterkünften untergebracht sind, sollen die Chance auf eine eigene Wohnung bekommen.",
        ["Untergebrachte Menschen bekommen die Chance auf eine eigene Wohnung."],
    ),
    (
        "arbeit-und-beschaeftigung",
        "Arbeit und Beschäftigung",
        "Beispieltext: Mehr Geflüchtete finden einen Arbeits- oder Ausbildungsplatz.",
        ["Beispielziel: Die Akteure rund um Arbeit und Ausbildung arbeiten abgestimmt zusammen."],
    ),
    (
        "orte-der-begegnung",
        "Orte der Begegnung",
        "Beispieltext: Alt- und Neubürgerinnen und -bürger begegnen sich mit Respekt und Verständnis.",
        ["Beispielziel: Es gibt offene Orte, an denen sich Menschen aller Herkunft begegnen."],
    ),
]

SAMPLE_MEASURES = {
    # field slug: [(slug, title, summary, status, responsible unit)]
    "bildung-und-betreuung": [
        ("patenschaften-und-tandems", "Patenschaften und Tandems (Beispiel)",
         "Beispiel: Ehrenamtliche begleiten Neuzugewanderte im Alltag.", MeasureStatus.IN_PROGRESS,
         "Stabsstelle Integration"),
        ("kitas-als-orte-der-integration", "KiTas als Orte der Integration (Beispiel)",
         "Beispiel: KiTas werden in ihrer Rolle für die Integration gestärkt.", MeasureStatus.PLANNED,
         "Beispiel: Fachbereich Kinderbetreuung"),
    ],
    "arbeit-und-beschaeftigung": [
        ("netzwerk-arbeit-und-ausbildung", "Netzwerk Arbeit und Ausbildung (Beispiel)",
         "Beispiel: Wer Geflüchtete in Arbeit und Ausbildung begleitet, stimmt sich regelmäßig ab.",
         MeasureStatus.ONGOING, "Integrationsmanagement für Geflüchtete"),
    ],
    "orte-der-begegnung": [
        ("begegnungscafe", "Begegnungscafé (Beispiel)",
         "Beispiel: Ein regelmäßiges Café, in dem sich Menschen aus Mössingen kennenlernen.",
         MeasureStatus.DONE, "Stabsstelle Integration"),
        ("interkulturelles-fest", "Interkulturelles Fest (Beispiel)",
         "Beispiel: Ein Fest mit Kulinarischem und Musik aus verschiedenen Ländern.",
         MeasureStatus.DEFERRED, "Beispiel: Kulturamt"),
    ],
}

TIMELINE = [
    (datetime.date(2018, 6, 25), "Gemeinderat beschließt den Beteiligungsprozess",
     "Der Gemeinderat hat am 25. Juni 2018 einstimmig den Beteiligungsprozess zur Erarbeitung eines "
     "Integrationskonzepts beschlossen."),
    (datetime.date(2018, 11, 24), "Auftaktveranstaltung „Zusammenleben in Mössingen“",
     "Rund 60 Teilnehmende sammelten im Bürgersaal des Rathauses Themen, Ideen und Einschätzungen."),
    (datetime.date(2019, 2, 14), "Erste Sitzung des Steuerungskreises",
     "Im Bürgersaal einigte sich der Steuerungskreis auf vier Handlungsfelder, die in Expertenworkshops "
     "bearbeitet werden sollten."),
    (datetime.date(2019, 4, 11), "Arbeitsgruppe Bildung und Betreuung", "Folgetermin am 5. Juli 2019."),
    (datetime.date(2019, 5, 7), "Arbeitsgruppe Wohnen und Wohnumfeld", ""),
    (datetime.date(2019, 5, 28), "Sitzung des Steuerungskreises",
     "Ergebnisse und Vorschläge aus den Arbeitsgruppen wurden vorgestellt, diskutiert und verabschiedet."),
    (datetime.date(2019, 6, 27), "Arbeitsgruppe Arbeit und Beschäftigung", ""),
    (datetime.date(2019, 7, 5), "Arbeitsgruppe Bildung und Betreuung (Folgetermin)", ""),
    (datetime.date(2019, 7, 10), "Arbeitsgruppe Orte der Begegnung", "Folgetermin am 11. September 2019."),
    (datetime.date(2019, 9, 11), "Arbeitsgruppe Orte der Begegnung (Folgetermin)", ""),
    (datetime.date(2019, 9, 23), "Sitzung des Steuerungskreises",
     "Ergebnisse und Vorschläge aus den Arbeitsgruppen wurden vorgestellt, diskutiert und verabschiedet."),
    (datetime.date(2019, 11, 12), "Letzte Sitzung des Steuerungskreises",
     "Letzte Änderungen wurden besprochen und das Gesamtkonzept dem Gemeinderat zur Verabschiedung empfohlen."),
    (datetime.date(2019, 12, 2), "Gemeinderat verabschiedet das Integrationskonzept",
     "Das Integrationskonzept „Zuhause in Mössingen“ wurde einstimmig verabschiedet."),
    (datetime.date(2020, 1, 28), "Öffentliche Vorstellung im Bürgersaal",
     "Das Interesse war überwältigend, der Bürgersaal war bis auf den letzten Platz gefüllt."),
]


def load(home):
    concept = ensure_child(
        home, ConceptPage, "integrationskonzept",
        title="Integrationskonzept",
        show_in_menus=True,
        adopted_on=datetime.date(2019, 12, 2),
        adoption_note="einstimmig",
        intro=(
            "<p>Von September 2018 bis November 2019 hatten wir uns in mehreren Schritten und Arbeitsgruppen mit "
            "dem Thema „Integration“ beschäftigt. Ziel war, die Integrationsarbeit in Mössingen zu stärken, zu "
            "vernetzen und zu verstetigen. In einem Steuerungskreis und mehreren Experten-Workshops wurden ein "
            "Leitbild, Ziele und Maßnahmen erarbeitet.</p>"
            "<p>Ein Moderations-Tandem der Führungsakademie Baden-Württemberg hat den Beteiligungsprozess "
            "begleitet, gefördert aus Mitteln des Ministeriums für Soziales und Integration Baden-Württemberg.</p>"
            "<p>Die Umsetzung und Weiterentwicklung der beschlossenen Maßnahmen wird nun von einem Gremium "
            "begleitet.</p>"
        ),
    )
    ensure_child(
        concept, LeitbildPage, "leitbild",
        title="Leitbild",
        intro="Ein kleines Redaktionsteam um den Integrationsbeauftragten hat einen Entwurf für ein Leitbild "
              "erarbeitet und dem Steuerungskreis zur Diskussion vorgelegt.",
        body=stream(
            sample_box("Der Wortlaut des Leitbilds steht im Integrationskonzept; diese Demo-Installation gibt ihn "
                       "nicht wieder. Die Zitate unten stammen von der Vorstellung des Konzepts am 28. Januar 2020."),
            ("quote", {"text": "Zuhause sein bedeutet auch: Ich gehöre dazu.", "attribution": "Prof. Reinhard Johler, Universität Tübingen"}),
            ("quote", {"text": "Um sich zuhause zu fühlen ist es wichtig, die Sprache zu lernen und es brauche "
                               "Akzeptanz, Toleranz und Respekt von beiden Seiten.", "attribution": "Oula Mahfouz"}),
        ),
    )
    fields = {}
    for slug, title, intro, goals in FIELDS:
        fields[slug] = ensure_child(
            concept, FieldOfActionPage, slug, title=title, intro=intro,
            goals=[Goal(title=goal) for goal in goals],
        )

    wohnen = fields["wohnen-und-wohnumfeld"]
    ensure_child(
        wohnen, MeasurePage, "raumteiler",
        title="Raumteiler",
        summary="Private Wohnungen, vor allem auch bisher leerstehende, akquirieren, um wohnungslose Menschen "
                "aus den Unterkünften zu bringen.",
        plain_language_summary="Viele Menschen wohnen in einer Unterkunft. Sie sollen eine eigene Wohnung "
                               "bekommen. Die Stadt sucht dafür Wohnungen, auch Wohnungen, die leer stehen.",
        responsible_unit="Projekt-Team der Stadtverwaltung",
        partners="Gebäudemanagement\nIntegration\nÖffentlichkeit",
        status=MeasureStatus.PLANNED,
        status_date=datetime.date(2020, 1, 28),
        goals=list(wohnen.goals.all()),
        body=stream(
            paragraph(
                "Ein Beispiel aus dem Integrationskonzept ist das Projekt „Raumteiler“. Hier geht es darum, "
                "private Wohnungen, vor allem auch bisher leerstehende, zu akquirieren um wohnungslose Menschen "
                "aus den Unterkünften zu bringen. Dazu wird ein Projekt-Team aus den Bereichen "
                "Gebäudemanagement, Integration und Öffentlichkeit zusammenarbeiten."
            ),
            ("quote", {"text": "Von dieser Arbeit sollen untergebrachte Menschen profitieren und die Chance auf "
                               "eine eigene Wohnung bekommen.", "attribution": "Oberbürgermeister Michael Bulander"}),
        ),
    )
    for field_slug, measures in SAMPLE_MEASURES.items():
        field = fields[field_slug]
        for slug, title, summary, status, unit in measures:
            ensure_child(
                field, MeasurePage, slug, title=title, summary=summary, status=status,
                responsible_unit=unit, goals=list(field.goals.all()),
                body=stream(sample_box(SAMPLE_MEASURE)),
            )

    ensure_child(
        concept, HistoryPage, "entstehung",
        title="Entstehung",
        show_in_menus=True,
        intro=(
            "<p>Von Herbst 2018 bis zum Herbst 2019 hat sich Mössingen in verschiedenen Schritten und "
            "Arbeitsgruppen mit dem Thema „Integration“ beschäftigt, unterstützt durch das Landes-Förderprogramm "
            "„Integration durch Bürgerschaftliches Engagement und Zivilgesellschaft“.</p>"
        ),
        timeline_entries=[TimelineEntry(date=d, title=t, text=f"<p>{x}</p>" if x else "") for d, t, x in TIMELINE],
        # The Steuerungskreis and its planning group are a committee page below this one (committee/demo.py).
    )
    ensure_child(
        concept, ProgressPage, "umsetzungsstand",
        title="Umsetzungsstand",
        show_in_menus=True,
        intro="<p>Am 2. Dezember 2019 wurde das Integrationskonzept „Zuhause in Mössingen“ vom Gemeinderat "
              "einstimmig verabschiedet. An dieser Stelle informieren wir über den aktuellen Umsetzungsstand der "
              "beschlossenen Maßnahmen.</p>",
        open_data_intro="<p>Die Daten zum Umsetzungsstand dürfen Sie frei weiterverwenden.</p>",
    )
    return concept


SAMPLE_REPORT = "Beispielmeldung der Demo-Installation, keine Aussage der Stadt Mössingen: "

STATUS_REPORTS = {
    # measure slug: [(date, status, note, decision)], oldest first; the last one is the current status.
    "raumteiler": [
        (datetime.date(2020, 1, 28), MeasureStatus.PLANNED,
         "Dazu wird ein Projekt-Team aus den Bereichen Gebäudemanagement, Integration und Öffentlichkeit "
         "zusammenarbeiten.",
         "Vorstellung des Integrationskonzepts im Bürgersaal am 28. Januar 2020"),
    ],
    "patenschaften-und-tandems": [
        (datetime.date(2020, 3, 2), MeasureStatus.PLANNED, SAMPLE_REPORT + "Die Stabsstelle sucht Ehrenamtliche.", ""),
        (datetime.date(2021, 5, 10), MeasureStatus.IN_PROGRESS, SAMPLE_REPORT + "Die ersten Tandems treffen sich.", ""),
    ],
    "kitas-als-orte-der-integration": [
        (datetime.date(2020, 6, 15), MeasureStatus.PLANNED, SAMPLE_REPORT + "Ein erstes Treffen ist vereinbart.", ""),
    ],
    "netzwerk-arbeit-und-ausbildung": [
        (datetime.date(2020, 2, 20), MeasureStatus.IN_PROGRESS, SAMPLE_REPORT + "Das Netzwerk trifft sich.", ""),
        (datetime.date(2020, 11, 5), MeasureStatus.ONGOING, SAMPLE_REPORT + "Das Netzwerk trifft sich jetzt "
         "regelmäßig.", ""),
    ],
    "begegnungscafe": [
        (datetime.date(2020, 4, 1), MeasureStatus.IN_PROGRESS, SAMPLE_REPORT + "Ein Raum ist gefunden.", ""),
        (datetime.date(2022, 9, 30), MeasureStatus.DONE, SAMPLE_REPORT + "Das Café hat eröffnet.", ""),
    ],
    "interkulturelles-fest": [
        (datetime.date(2020, 5, 4), MeasureStatus.DEFERRED, SAMPLE_REPORT + "Das Fest ist verschoben.", ""),
    ],
}


def load_status_reports(user=None):
    """Published status reports for the demo measures, reported by `user` (the staff demo
    user, when it exists). Measures that already have reports are left alone."""
    from wagtail.models import Page

    # The presentation on 28 Jan 2020 is in the events calendar when that app loaded its demo.
    presentation = Page.objects.filter(
        slug="vorstellung-integrationskonzept-2020", content_type__app_label="events"
    ).first()
    meetings = {("raumteiler", datetime.date(2020, 1, 28)): presentation}
    for slug, entries in STATUS_REPORTS.items():
        measure = MeasurePage.objects.filter(slug=slug).first()
        if measure is None or StatusReport.objects.filter(measure=measure).exists():
            continue
        for date, status, note, decision in entries:
            report = StatusReport(measure=measure, date=date, status=status, note=note, decision=decision,
                                  reported_by=user, meeting=meetings.get((slug, date)))
            report.save()
            report.save_revision(user=user).publish(user=user)
