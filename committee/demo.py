"""Demo content of the committees, from the town's own pages (shared/seeds).

The Begleitgremium with its eight members exactly as the seed lists them, and the
historic Steuerungskreis with the people the seed names. The seeds give no photos,
personal contact data or membership dates, so none are set (only the Stabsstelle's
mailbox, from the invitation); where they only link to the
committee's mandate, the text is marked as sample text.
"""

import datetime

from django.contrib.auth import get_user_model

from concept.models import HistoryPage
from moessingen_site.demo import ensure_child, paragraph, sample_box, stream

from events.models import EventCategory

from .models import CommitteePage, Membership, MembershipGroup, Person

# name, function, organisation — only what the seeds say about each person
PEOPLE = [
    ("Jürgen Wissenbach", "Gemeinderat", ""),
    ("Ulrike Hagemann", "Gemeinderätin", ""),
    ("Melissa Wach", "", ""),
    ("Klaus Conrad", "", ""),
    ("Boris Kühn", "Integrationsbeauftragter", "Stabsstelle Integration"),
    ("Dilek Aydin", "Mitarbeiterin", "Stabsstelle Integration"),
    ("Silvia Bürth", "", "Jugendreferat"),
    ("Alexander Zanellati", "", "Integrationsmanagement für Geflüchtete"),
    ("Barbara Schott", "Koordinatorin für das Bürgerschaftliche Engagement", ""),
    ("Tanja Vo-Van", "Jugendreferentin", ""),
    ("Michael Bulander", "Oberbürgermeister", ""),
]

# The Begleitgremium as the seed lists it: name, role in the committee, group.
BEGLEITGREMIUM = [
    ("Jürgen Wissenbach", "Gemeinderat", MembershipGroup.GEMEINDERAT),
    ("Ulrike Hagemann", "Gemeinderätin", MembershipGroup.GEMEINDERAT),
    ("Melissa Wach", "engagierte Bürgerin", MembershipGroup.BUERGERSCHAFT),
    ("Klaus Conrad", "engagierter Bürger", MembershipGroup.BUERGERSCHAFT),
    ("Boris Kühn", "Integrationsbeauftragter", MembershipGroup.VERWALTUNG),
    ("Dilek Aydin", "Mitarbeiterin Stabsstelle Integration", MembershipGroup.VERWALTUNG),
    ("Silvia Bürth", "Jugendreferat", MembershipGroup.VERWALTUNG),
    ("Alexander Zanellati", "Integrationsmanagement für Geflüchtete", MembershipGroup.VERWALTUNG),
]

# The Steuerungskreis (~30 people): the seed names the Oberbürgermeister and the
# internal planning group that prepared its sessions.
STEUERUNGSKREIS = [
    ("Michael Bulander", "Oberbürgermeister", MembershipGroup.VERWALTUNG),
    ("Boris Kühn", "Planungsgruppe, Stabsstelle Integration", MembershipGroup.VERWALTUNG),
    ("Dilek Aydin", "Planungsgruppe, Stabsstelle Integration", MembershipGroup.VERWALTUNG),
    ("Barbara Schott", "Planungsgruppe, Koordinatorin für das Bürgerschaftliche Engagement", MembershipGroup.VERWALTUNG),
    ("Tanja Vo-Van", "Planungsgruppe, Jugendreferentin", MembershipGroup.VERWALTUNG),
]

MANDATE_SAMPLE = (
    "Die Seiten der Stadt verweisen für „Auftrag und Arbeitsweise des Begleitgremiums Integrationskonzept“ auf "
    "ein eigenes Dokument, das dieser Demo-Installation nicht vorliegt. Der Text in diesem Abschnitt ist ein "
    "Platzhalter und keine Aussage der Stadt Mössingen."
)

DEMO_ACCOUNT_PERSON = "Demo-Gremiumsmitglied (Beispiel)"


def meeting_category(slug, name):
    """The calendar's category of a committee's meetings; the events demo uses the same slugs."""
    category, _created = EventCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    return category


# The one contact address the seeds give: the Stabsstelle Integration's mailbox (the
# invitation asks for replies „unter integration@moessingen.de“). An office address, shown
# with its people as contacts of measures and events.
OFFICE_EMAILS = {"Stabsstelle Integration": "integration@moessingen.de"}


def people():
    """The seeds' people as Person snippets, found again by name on a second run."""
    result = {}
    for name, function, organisation in PEOPLE:
        result[name], _created = Person.objects.get_or_create(
            name=name,
            defaults={"function": function, "organisation": organisation,
                      "office_email": OFFICE_EMAILS.get(organisation, "")},
        )
    return result


def memberships(persons, rows):
    return [Membership(person=persons[name], role=role, group=group) for name, role, group in rows]


def load(home):
    persons = people()
    begleitgremium = ensure_child(
        home, CommitteePage, "begleitgremium",
        title="Begleitgremium",
        seo_title="Begleitgremium Integrationskonzept",
        show_in_menus=True,
        intro="Die Umsetzung und Weiterentwicklung der beschlossenen Maßnahmen des Integrationskonzepts "
              "„Zuhause in Mössingen“ wird von einem Gremium begleitet: dem „Begleitgremium Integrationskonzept“.",
        memberships=memberships(persons, BEGLEITGREMIUM),
        meeting_category=meeting_category("sitzung-begleitgremium", "Sitzung Begleitgremium"),
        mandate=stream(
            sample_box(MANDATE_SAMPLE),
            paragraph("Das Begleitgremium begleitet die Umsetzung und Weiterentwicklung der Maßnahmen, die der "
                      "Gemeinderat am 2. Dezember 2019 mit dem Integrationskonzept „Zuhause in Mössingen“ "
                      "einstimmig beschlossen hat."),
        ),
        working_method=stream(
            sample_box(MANDATE_SAMPLE),
            paragraph("Beispieltext: Hier beschreibt die Stadt, wie oft das Begleitgremium tagt, wie es sich über "
                      "den Umsetzungsstand der Maßnahmen informiert und wie es seine Empfehlungen gibt."),
        ),
    )

    history = HistoryPage.objects.descendant_of(home).first()
    if history is not None:
        ensure_child(
            history, CommitteePage, "steuerungskreis",
            title="Steuerungskreis",
            active_from=datetime.date(2019, 2, 14),
            active_until=datetime.date(2019, 11, 12),
            intro="Ein Kreis aus etwa 30 Personen begleitete den Prozess, in dem von September 2018 bis November "
                  "2019 das Leitbild, die Ziele und die Maßnahmen des Integrationskonzepts erarbeitet wurden.",
            memberships=memberships(persons, STEUERUNGSKREIS),
            meeting_category=meeting_category("sitzung-steuerungskreis", "Sitzung Steuerungskreis"),
            mandate=stream(
                paragraph("So beschrieb die Einladung zur Auftaktveranstaltung am 24. November 2018 die Aufgabe des "
                          "Steuerungskreises:"),
                ("quote", {"text": "Der Steuerungskreis begleitet und gestaltet die Entwicklung des "
                                   "Integrationskonzepts und wird sich dazu 3-4 Mal im Laufe des einjährigen Prozess "
                                   "treffen. Neben Akteuren aus Verwaltung, Politik und Einrichtungen, können sechs "
                                   "bis acht Bürger/innen Teil des Steuerungskreises sein.",
                           "attribution": "Einladung zur Auftaktveranstaltung"}),
                ("heading", {"text": "Mitgewirkt haben", "level": "h3"}),
                ("paragraph", "<ul><li>Oberbürgermeister Bulander und Mitarbeitende verschiedener Bereiche der "
                              "Stadtverwaltung</li><li>Vertreter*innen der Gemeinderatsfraktionen</li>"
                              "<li>Vertreter*innen von (Migranten-)Vereinen, Religionsgemeinschaften, Sozialarbeit "
                              "und aus den Bildungseinrichtungen</li><li>7 Bürger*innen mit und ohne "
                              "Migrationserfahrung</li></ul>"),
                sample_box("Die Seiten der Stadt nennen nur den Oberbürgermeister und die Mitglieder der "
                           "Planungsgruppe mit Namen; die übrigen Mitglieder des Steuerungskreises führt diese "
                           "Demo-Installation deshalb nicht auf."),
            ),
            working_method=stream(
                paragraph("Die Sitzungen wurden von einer internen Planungsgruppe vorbereitet, sie bestand aus "
                          "Boris Kühn und Dilek Aydin (Stabsstelle Integration), Barbara Schott (Koordinatorin für "
                          "das Bürgerschaftliche Engagement) und Tanja Vo-Van (Jugendreferentin) sowie dem "
                          "Moderationstandem der Führungsakademie.",
                          "Ein Moderations-Tandem der Führungsakademie Baden-Württemberg hat den Beteiligungsprozess "
                          "begleitet, gefördert aus Mitteln des Ministeriums für Soziales und Integration "
                          "Baden-Württemberg."),
                paragraph("In vier Arbeitsgruppen haben Mitglieder des Steuerungskreises gemeinsam mit "
                          "Expert*innen aus dem jeweiligen Bereich Ziele und Maßnahmen für das Konzept erarbeitet."),
            ),
        )
    return begleitgremium


def link_demo_account():
    """Links the demo account "gremium" to a clearly marked sample person.

    Linking it to one of the eight real members would claim that this person uses a
    published demo password; the sample person is in no committee's roster.
    """
    user = get_user_model().objects.filter(username="gremium").first()
    if user is None or Person.objects.filter(user=user).exists():
        return None
    return Person.objects.create(
        name=DEMO_ACCOUNT_PERSON,
        function="Beispielkonto der Demo-Installation",
        user=user,
    )
