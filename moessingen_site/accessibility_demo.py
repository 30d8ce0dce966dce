"""Demo content for the accessibility pages: the statement and Gebärdensprache (the
Leichte-Sprache entry is the de-x-ls home page, built by demo_translations). Facts about
the concept come from the seeds; everything about the site's own assessment and the
Schlichtungsstelle is marked as sample text for the town to check before going live."""

import datetime

from moessingen_site.accessibility import (
    AccessibilityStatementPage,
    AssessmentMethod,
    ComplianceStatus,
    SignLanguagePage,
)
from moessingen_site.demo import ensure_child, stream

STATEMENT_SAMPLE = (
    "Beispielinhalt: Stand, Prüfdatum und die Angaben zur Schlichtungsstelle sind Vorlagen nach der "
    "Mustererklärung des Landes Baden-Württemberg. Die Stadt Mössingen muss sie vor der Veröffentlichung prüfen."
)


def load(home):
    """Creates the two pages once; returns the statement for the footer settings."""
    statement = ensure_child(
        home,
        AccessibilityStatementPage,
        "barrierefreiheit",
        title="Erklärung zur Barrierefreiheit",
        intro=(
            "Die Stadt Mössingen ist bemüht, ihre Website im Einklang mit dem Landes-Behindertengleichstellungsgesetz "
            "(L-BGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu "
            "machen. Diese Erklärung gilt für die Website „Zuhause in Mössingen“."
        ),
        compliance_status=ComplianceStatus.PARTIAL,
        compliance_text=f"<p><b>{STATEMENT_SAMPLE}</b></p>",
        known_limitations=(
            "<ul><li>Ältere Dokumente (PDF) zum Integrationskonzept sind nicht vollständig barrierefrei. "
            "Auf Wunsch schicken wir Ihnen die Inhalte in einer zugänglichen Form.</li>"
            "<li>Videos in Deutscher Gebärdensprache sind noch nicht für alle Inhalte vorhanden.</li></ul>"
        ),
        statement_date=datetime.date(2026, 1, 1),
        assessment_date=datetime.date(2026, 1, 1),
        assessment_method=AssessmentMethod.SELF,
        assessment_details=(
            "<p>Jede Seitenart dieser Website wird bei jeder Änderung automatisch in einem Browser geprüft: "
            "mit dem Prüfwerkzeug axe-core gegen die Regeln der WCAG 2.1 (Stufen A und AA), mit der Tastatur "
            "allein, bei 320 Pixel Breite und ohne JavaScript.</p>"
        ),
        feedback_text=(
            "<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Dann schreiben Sie uns mit "
            "dem Formular auf dieser Seite oder per E-Mail an "
            '<a href="mailto:integration@moessingen.de">integration@moessingen.de</a>.</p>'
        ),
        enforcement_text=(
            f"<p><b>{STATEMENT_SAMPLE}</b></p>"
            "<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die "
            "Ombudsstelle beziehungsweise Schlichtungsstelle nach § 10 L-BGG wenden. Sie ist bei der oder dem "
            "Beauftragten der Landesregierung für die Belange von Menschen mit Behinderungen eingerichtet. "
            "Das Schlichtungsverfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand.</p>"
            "<p>Hier stehen die Anschrift, die E-Mail-Adresse und die Telefonnummer der Schlichtungsstelle.</p>"
        ),
    )
    ensure_child(
        home,
        SignLanguagePage,
        "gebaerdensprache",
        title="Gebärdensprache",
        intro=(
            "Informationen in Deutscher Gebärdensprache (DGS) über diese Website. Zu jedem Video steht der "
            "Inhalt auch als Text darunter."
        ),
        videos=stream(
            (
                "video",
                {
                    "title": "Was steht auf dieser Website?",
                    "video": None,
                    "transcript": (
                        "<p><b>Beispielinhalt: Das Video in Gebärdensprache wird noch erstellt.</b></p>"
                        "<p>Diese Website zeigt das Integrationskonzept „Zuhause in Mössingen“. Der Gemeinderat "
                        "hat es am 2. Dezember 2019 beschlossen. Sie sehen hier, welche Maßnahmen die Stadt schon "
                        "umgesetzt hat und welche noch geplant sind.</p>"
                    ),
                },
            ),
            (
                "video",
                {
                    "title": "Wie benutze ich diese Website?",
                    "video": None,
                    "transcript": (
                        "<p><b>Beispielinhalt: Das Video in Gebärdensprache wird noch erstellt.</b></p>"
                        "<p>Oben auf jeder Seite finden Sie das Menü und die Suche. Unten auf jeder Seite finden "
                        "Sie den Kontakt, das Impressum, den Datenschutz und die Erklärung zur "
                        "Barrierefreiheit.</p>"
                    ),
                },
            ),
            (
                "video",
                {
                    "title": "Barrieren melden",
                    "video": None,
                    "transcript": (
                        "<p><b>Beispielinhalt: Das Video in Gebärdensprache wird noch erstellt.</b></p>"
                        "<p>Nicht alle Inhalte sind schon barrierefrei. Wenn Sie eine Barriere finden, schreiben "
                        "Sie uns über das Formular in der Erklärung zur Barrierefreiheit oder an "
                        "integration@moessingen.de.</p>"
                    ),
                },
            ),
        ),
    )
    return statement
