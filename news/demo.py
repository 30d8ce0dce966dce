"""Demo news, taken from the town's own pages (shared/seeds): the kick-off on 24 November
2018 and the presentation of the concept on 28 January 2020. The pictures are placeholders
drawn locally; their captions say so."""

import datetime

from moessingen_site.demo import demo_image, ensure_child, paragraph, stream

from .models import NewsArticlePage, NewsIndexPage, prepare_pictures


def load(home):
    news = ensure_child(home, NewsIndexPage, "aktuelles", title="Aktuelles", show_in_menus=True,
                        intro="Nachrichten rund um das Integrationskonzept „Zuhause in Mössingen“.")
    group = demo_image("Auftaktveranstaltung: Gruppenfoto", (46, 94, 140), "Gruppenfoto")
    participants = demo_image("Auftaktveranstaltung: Teilnehmende", (120, 84, 40), "Teilnehmende")
    speech = demo_image("Auftaktveranstaltung: Rede von Vera Sompon", (70, 110, 60), "Rede von Vera Sompon")
    ensure_child(
        news, NewsArticlePage, "auftaktveranstaltung-zusammenleben-in-moessingen",
        title="Zusammenleben in Mössingen – Auftaktveranstaltung zur Erarbeitung eines Integrationskonzepts",
        date=datetime.date(2018, 11, 24),
        teaser="Rund 60 Teilnehmende kamen an diesem Samstagnachmittag in den Mössinger Bürgersaal.",
        main_image=group,
        main_image_alt="Platzhalterbild für das Gruppenfoto der Auftaktveranstaltung",
        main_image_caption="Gruppenfoto (Platzhalterbild)",
        body=stream(
            paragraph(
                "Schon ein Blick auf die rund 60 Teilnehmenden an diesem Samstagnachmittag im Mössinger Bürgersaal "
                "stimmte optimistisch. Es war etwas gelungen, womit sich viele Kommunen in "
                "Bürgerbeteiligungsprozessen schwer tun: Eine bunte Mischung an Beteiligten einzubinden. "
                "Gemeinderäte, KiTa-Leiterinnen, Sozialarbeiter und Vertreter der Verwaltung trafen auf "
                "Bürgerinnen und Bürger jeden Alters, aus allen Ortsteilen und unterschiedlicher Herkunft.",
                "Zunächst begrüßte Oberbürgermeister Michael Bulander und machte deutlich: „Bei über 5000 Menschen "
                "mit internationalen Wurzeln ist Vielfalt in Mössingen im Grunde eine Normalität.“ Gleichzeitig "
                "wolle man Probleme nicht verschweigen, sondern offen und konstruktiv diskutieren – was die "
                "Teilnehmenden dann auch bis in den frühen Abend hinein taten.",
            ),
            ("image", {"image": participants.pk, "alt_text": "Platzhalterbild für ein Foto der Teilnehmenden",
                       "caption": "Teilnehmende (Platzhalterbild)", "credit": ""}),
            paragraph(
                "Die Referentin Vera Sompon, Sozialpädagogin und Dozentin an der Hochschule Esslingen, forderte die "
                "Anwesenden mit ihrer kurzen, engagierten Rede dann durchaus heraus: Fehlt nicht der wichtigste "
                "Punkt in diesen Handlungsfeldern? „Integration kann es ohne das Thema Anti-Rassismus und "
                "Anti-Diskriminierung eigentlich nicht geben“, sagte die gebürtige Kamerunerin, die seit 14 Jahren "
                "in Baden-Württemberg lebt.",
                "In Kleingruppen wurden Herausforderungen, Ideen und Visionen zu den jeweiligen Themenfeldern "
                "gesammelt. Die Teilnehmenden diskutierten über Paten- oder Tandemprogramme für Neuzugewanderte, "
                "die Rolle der KiTas für Integration oder die Frage, wer wie zusammenarbeiten müsste, damit mehr "
                "Geflüchtete einen Arbeits- oder Ausbildungsplatz finden. Die Ergebnisse fließen nun in die Arbeit "
                "des Steuerungskreises ein, der Mitte Februar zum ersten Mal tagt.",
            ),
            ("image", {"image": speech.pk, "alt_text": "Platzhalterbild für ein Foto der Rede von Vera Sompon",
                       "caption": "Rede von Vera Sompon (Platzhalterbild)", "credit": ""}),
        ),
    )
    hall = demo_image("Vorstellung: Bürgersaal", (140, 50, 60), "Vorstellung im Bürgersaal")
    gallery = [
        demo_image("Vorstellung: Interview", (60, 60, 120), "Interview"),
        demo_image("Vorstellung: Impulsvortrag", (30, 110, 110), "Impulsvortrag"),
        demo_image("Vorstellung: Stellwände", (110, 90, 30), "Stellwände"),
    ]
    ensure_child(
        news, NewsArticlePage, "integrationskonzept-vorgestellt",
        title="Integrationskonzept „Zuhause in Mössingen“ vorgestellt",
        date=datetime.date(2020, 1, 28),
        teaser="Bis auf den letzten Platz war der Bürgersaal bei der Vorstellung des Integrationskonzepts "
               "„Zuhause in Mössingen“ besetzt!",
        main_image=hall,
        main_image_alt="Platzhalterbild für ein Foto des vollen Bürgersaals",
        main_image_caption="Der Bürgersaal bei der Vorstellung (Platzhalterbild)",
        body=stream(
            paragraph(
                "Am Dienstag, 28. Januar 2020 wurde das im vergangenen Jahr von der Stadtverwaltung und vielen "
                "Beteiligten erarbeitete Integrationskonzept „Zuhause in Mössingen“ vorgestellt. Das Interesse war "
                "überwältigend, der Bürgersaal war bis auf den letzten Platz gefüllt.",
                "„Es freut mich, dass sich so viele die Zeit nehmen, die Ergebnisse des Arbeitsprozesses zum Thema "
                "Integration kennenzulernen“, so Bulander bei seiner Begrüßung. Gleichzeitig bedankte er sich "
                "herzlich bei allen, insbesondere Boris Kühn und seinem Team und den vielen Ehrenamtlichen, die zum "
                "Gelingen des Integrationskonzepts beigetragen haben.",
                "Ein Beispiel aus dem Integrationskonzept ist das Projekt „Raumteiler“: private Wohnungen, vor allem "
                "auch bisher leerstehende, zu akquirieren, um wohnungslose Menschen aus den Unterkünften zu bringen.",
                "Zu Beginn der Veranstaltung führte Boris Kühn, der städtische Integrationsbeauftragte, ein "
                "kurzweiliges Interview mit Oula Mahfouz darüber, was für sie Heimat bedeutet. Als Gastredner gab "
                "Prof. Reinhard Johler von der Universität Tübingen einen Impulsvortrag zum Thema „Heimat“ im Wandel.",
                "Nach einem Überblick von Boris Kühn über das Konzept und wie es weitergeht informierten und "
                "diskutierten die Gäste an den Stellwänden über die Themenbereiche des Integrationskonzepts: "
                "Bildung, Wohnen, Arbeit und Begegnung. Zwischendurch sorgte die Gruppe „DieVagari“ mit Folkmusik "
                "aus aller Welt für schwungvolle Stimmung.",
            ),
            ("quote", {"text": "Zuhause sein bedeutet auch: Ich gehöre dazu.", "attribution": "Prof. Reinhard Johler"}),
            ("gallery", {"title": "Integrationskonzept Bilder", "images": [
                {"image": img.pk, "alt_text": f"Platzhalterbild: {img.title.split(': ')[1]}",
                 "caption": f"{img.title.split(': ')[1]} (Platzhalterbild)", "credit": ""}
                for img in gallery
            ]}),
        ),
    )
    for article in NewsArticlePage.objects.child_of(news).select_related("main_image"):
        prepare_pictures(article)  # as publishing in the admin does
    return news
