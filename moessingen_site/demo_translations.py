"""Demo translations: the main pages of the demo site in Leichte Sprache, English, Turkish,
Arabic and Ukrainian, and the Leichte-Sprache home.

Only the words are translated; facts (a measure's status and dates, the committee's members,
dates of events) stay the German source's records. Every text states only what the town's own
pages (shared/seeds) say, and is marked „Beispielübersetzung": a professional translator (for
Leichte Sprache: a reviewer of the target group) has to check it before the site goes live.

Each translation is made with Wagtail's ``copy_for_translation`` (so it is linked to its
German page by ``translation_key`` and keeps its slug), then given its words and published.
A translation that exists already is left alone, so a second run changes nothing and keeps
editors' changes.

The former Leichte-Sprache entry page (EasyLanguagePage at /leichte-sprache/) has become the
home page of the ``de-x-ls`` locale; its old address redirects there permanently.
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from moessingen_site import accessibility_demo
from moessingen_site.accessibility import EasyLanguagePage
from moessingen_site.demo import paragraph, stream
from moessingen_site.layout import EASY_LANGUAGE

OLD_EASY_LANGUAGE_PATH = "/leichte-sprache"

# The pages translated, parents first: (key, path below the German home page).
SOURCES = [
    ("home", ""),
    ("concept", "integrationskonzept/"),
    ("leitbild", "integrationskonzept/leitbild/"),
    ("bildung", "integrationskonzept/bildung-und-betreuung/"),
    ("wohnen", "integrationskonzept/wohnen-und-wohnumfeld/"),
    ("arbeit", "integrationskonzept/arbeit-und-beschaeftigung/"),
    ("begegnung", "integrationskonzept/orte-der-begegnung/"),
    ("raumteiler", "integrationskonzept/wohnen-und-wohnumfeld/raumteiler/"),
    ("progress", "integrationskonzept/umsetzungsstand/"),
    ("calendar", "veranstaltungen/"),
    ("committee", "begleitgremium/"),
    ("statement", "barrierefreiheit/"),
]


def p(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def note_box(title, text):
    return ("info_box", {"title": title, "text": f"<p>{text}</p>"})


def quote(text, attribution):
    return ("quote", {"text": text, "attribution": attribution})


MAIL = '<a href="mailto:integration@moessingen.de">integration@moessingen.de</a>'

# ---------------------------------------------------------------------------------------
# Leichte Sprache: short sentences, one statement each, hard words explained.
# ---------------------------------------------------------------------------------------
LS_NOTE = "Beispiel-Übersetzung: Prüferinnen und Prüfer für Leichte Sprache haben diesen Text noch nicht geprüft."

EASY = {
    "home": {
        "title": "Zuhause in Mössingen in Leichter Sprache",
        "intro": "Hier erklären wir diese Internet-Seite in Leichter Sprache.",
        "body": stream(
            note_box("Beispiel-Übersetzung", LS_NOTE),
            ("heading", {"text": "Was steht auf dieser Internet-Seite?", "level": "h2"}),
            paragraph(
                "Die Stadt Mössingen hat einen Plan gemacht. Der Plan heißt: Integrations-Konzept.",
                "In dem Plan steht: So sollen alle Menschen in Mössingen gut zusammen leben. "
                "Auch Menschen, die neu nach Mössingen gekommen sind.",
                "Der Gemeinderat hat den Plan am 2. Dezember 2019 beschlossen. "
                "Der Gemeinderat sind Menschen aus Mössingen. Sie entscheiden für die Stadt.",
                "Auf dieser Internet-Seite steht: Was hat die Stadt schon gemacht? Was macht die Stadt noch?",
            ),
            ("heading", {"text": "Wie benutze ich diese Internet-Seite?", "level": "h2"}),
            paragraph(
                "Oben auf jeder Seite ist ein Menü. Dort finden Sie alle Themen.",
                "Sie können auch etwas suchen. Das Such-Feld ist oben rechts.",
                "Sie können die Internet-Seite auch nur mit der Tastatur benutzen.",
            ),
            ("heading", {"text": "Ist die Internet-Seite barriere-frei?", "level": "h2"}),
            paragraph(
                "Barriere-frei heißt: Alle Menschen können die Internet-Seite gut benutzen.",
                "Das wollen wir.",
                "Manche Teile sind noch nicht barriere-frei. Zum Beispiel manche alten Dokumente.",
                f"Haben Sie ein Problem mit der Internet-Seite? Dann schreiben Sie uns. Die E-Mail-Adresse ist: {MAIL}",
            ),
        ),
    },
    "concept": {
        "title": "Der Plan für Integration",
        "intro": p(
            LS_NOTE,
            "Integration heißt: Alle Menschen in Mössingen leben gut zusammen. "
            "Auch Menschen, die neu nach Mössingen gekommen sind.",
            "Die Stadt Mössingen hat dafür einen Plan gemacht. Der Plan heißt: Integrations-Konzept.",
            "Viele Menschen haben an dem Plan mitgearbeitet. Von September 2018 bis November 2019.",
            "Der Gemeinderat hat den Plan am 2. Dezember 2019 beschlossen. Alle im Gemeinderat waren dafür.",
            "Jetzt hilft eine Gruppe bei der Umsetzung. Die Gruppe heißt: Begleit-Gremium.",
        ),
    },
    "leitbild": {
        "title": "Das Leit-Bild",
        "intro": "Ein Leit-Bild sagt: Das ist uns wichtig. Danach richten wir uns.",
        "body": stream(
            note_box("Beispiel-Übersetzung", LS_NOTE),
            paragraph(
                "Eine kleine Gruppe hat das Leit-Bild geschrieben.",
                "In der Gruppe war der Integrations-Beauftragte. Er arbeitet bei der Stadt für die Integration.",
                "Dann haben viele Menschen über das Leit-Bild gesprochen.",
            ),
            quote("Zuhause sein heißt auch: Ich gehöre dazu.", "Prof. Reinhard Johler, Universität Tübingen"),
        ),
    },
    "bildung": {
        "title": "Bildung und Betreuung",
        "intro": f"{LS_NOTE} Bildung heißt: Man lernt etwas. In der Kita, in der Schule oder im Kurs. "
                 "Alle Menschen in Mössingen sollen gut lernen können.",
    },
    "wohnen": {
        "title": "Wohnen",
        "intro": f"{LS_NOTE} Manche Menschen wohnen in einer Unterkunft. "
                 "Eine Unterkunft ist ein Haus für viele Menschen. Die Menschen sollen eine eigene Wohnung bekommen.",
    },
    "arbeit": {
        "title": "Arbeit",
        "intro": f"{LS_NOTE} Viele geflüchtete Menschen suchen Arbeit. "
                 "Oder sie suchen eine Ausbildung. Eine Ausbildung heißt: Man lernt einen Beruf.",
    },
    "begegnung": {
        "title": "Orte zum Treffen",
        "intro": f"{LS_NOTE} Menschen sollen sich treffen können. "
                 "Menschen von hier und Menschen, die neu in Mössingen sind.",
    },
    "raumteiler": {
        "title": "Das Projekt Raumteiler",
        "summary": "Die Stadt sucht Wohnungen. Auch Wohnungen, die leer stehen. "
                   "Dann können Menschen aus der Unterkunft ausziehen.",
        "plain_language_summary": "Viele Menschen wohnen in einer Unterkunft. Sie sollen eine eigene Wohnung "
                                  "bekommen. Die Stadt sucht dafür Wohnungen.",
        "body": stream(
            note_box("Beispiel-Übersetzung", LS_NOTE),
            paragraph(
                "Das Projekt heißt: Raumteiler.",
                "Manche Wohnungen in Mössingen stehen leer. Niemand wohnt dort.",
                "Die Stadt fragt die Besitzer: Können Menschen aus der Unterkunft in Ihrer Wohnung wohnen?",
                "Dabei arbeiten 3 Teile der Stadt-Verwaltung zusammen: Gebäude-Management, Integration und "
                "Öffentlichkeits-Arbeit.",
            ),
        ),
    },
    "progress": {
        "title": "Was hat die Stadt schon gemacht?",
        "intro": p(
            LS_NOTE,
            "Der Plan hat viele Maßnahmen. Eine Maßnahme ist eine Sache, die die Stadt machen will.",
            "Hier sehen Sie: Welche Maßnahmen sind fertig? Welche Maßnahmen sind noch nicht fertig?",
        ),
        "open_data_intro": p("Sie dürfen diese Daten frei benutzen."),
    },
    "calendar": {
        "title": "Termine",
        "intro": f"{LS_NOTE} Hier stehen Termine zum Plan für Integration. Zum Beispiel Treffen und Workshops. "
                 "Ein Workshop ist ein Treffen. Dort arbeiten Menschen zusammen an einem Thema.",
    },
    "committee": {
        "title": "Das Begleit-Gremium",
        "seo_title": "Das Begleit-Gremium",
        "intro": f"{LS_NOTE} Ein Gremium ist eine Gruppe. Die Gruppe trifft sich regelmäßig. "
                 "Das Begleit-Gremium hilft bei der Umsetzung vom Plan für Integration.",
    },
    "statement": {
        "title": "Barriere-Freiheit",
        "intro": f"{LS_NOTE} Barriere-frei heißt: Alle Menschen können die Internet-Seite gut benutzen. "
                 "Auch Menschen mit Behinderung. Das will die Stadt Mössingen.",
        "known_limitations": p(
            "Manche Teile sind noch nicht barriere-frei.",
            "Zum Beispiel: alte Dokumente. Die Dokumente sind PDF-Dateien.",
            "Sie möchten so ein Dokument lesen? Dann schicken wir Ihnen den Inhalt in einer anderen Form.",
        ),
        "feedback_text": p(
            "Haben Sie ein Problem mit der Internet-Seite? Dann schreiben Sie uns.",
            "Sie können das Formular auf dieser Seite benutzen.",
            f"Oder Sie schreiben eine E-Mail an: {MAIL}",
        ),
    },
}

# ---------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------
EN_NOTE = "Sample translation („Beispielübersetzung“): a professional translation is still needed."

ENGLISH = {
    "home": {
        "title": "At home in Mössingen",
        "intro": f"{EN_NOTE} On 2 December 2019 the town council unanimously adopted the integration concept "
                 "„Zuhause in Mössingen“ (At home in Mössingen). Here we report on how far the measures it "
                 "decided have been implemented.",
    },
    "concept": {
        "title": "Integration concept",
        "intro": p(
            EN_NOTE,
            "From September 2018 to November 2019 we worked on the subject of integration in several steps and "
            "working groups. The aim was to strengthen integration work in Mössingen, to connect it and to make it "
            "lasting. A steering group and several expert workshops drew up a mission statement, goals and measures.",
            "A team of two facilitators from the Führungsakademie Baden-Württemberg guided the participation "
            "process, funded by the Ministry of Social Affairs and Integration of Baden-Württemberg.",
            "A committee now accompanies the implementation and further development of the measures adopted.",
        ),
    },
    "leitbild": {
        "title": "Mission statement",
        "intro": f"{EN_NOTE} A small editorial team around the integration officer drafted a mission statement "
                 "and put it to the steering group for discussion.",
        "body": stream(
            note_box("Sample translation", "The wording of the mission statement is in the integration concept; "
                     "this demo does not reproduce it. The quotations below are from the presentation of the "
                     "concept on 28 January 2020."),
            quote("Being at home also means: I belong.", "Prof. Reinhard Johler, University of Tübingen"),
            quote("To feel at home it is important to learn the language, and it takes acceptance, tolerance "
                  "and respect from both sides.", "Oula Mahfouz"),
        ),
    },
    "bildung": {"title": "Education and care",
                "intro": f"{EN_NOTE} Sample text: children, young people and adults in Mössingen find access "
                         "to education and care."},
    "wohnen": {"title": "Housing and neighbourhood",
               "intro": f"{EN_NOTE} People housed in shelters should get the chance of a flat of their own."},
    "arbeit": {"title": "Work and employment",
               "intro": f"{EN_NOTE} Sample text: more refugees find a job or an apprenticeship."},
    "begegnung": {"title": "Places to meet",
                  "intro": f"{EN_NOTE} Sample text: long-standing and new residents meet with respect and "
                           "understanding."},
    "raumteiler": {
        "title": "The Raumteiler project",
        "summary": "Acquiring private flats, above all ones that have stood empty so far, so that homeless "
                   "people can move out of the shelters.",
        "plain_language_summary": "Many people live in a shelter. They should get a flat of their own. The "
                                  "town is looking for flats, also flats that stand empty.",
        "body": stream(
            note_box("Sample translation", EN_NOTE),
            paragraph(
                "One example from the integration concept is the project „Raumteiler“. It is about acquiring "
                "private flats, above all ones that have stood empty so far, so that homeless people can move out "
                "of the shelters. A project team from building management, integration and public relations will "
                "work together on it."
            ),
            quote("The people housed should benefit from this work and get the chance of a flat of their own.",
                  "Lord Mayor Michael Bulander"),
        ),
    },
    "progress": {
        "title": "Implementation status",
        "intro": p(EN_NOTE, "On 2 December 2019 the town council unanimously adopted the integration concept "
                   "„Zuhause in Mössingen“. Here we report on how far the measures it decided have been "
                   "implemented."),
        "open_data_intro": p("You may reuse the data on the implementation status freely."),
    },
    "calendar": {"title": "Events",
                 "intro": f"{EN_NOTE} Dates around the integration concept: encounters, workshops and the "
                          "meetings of the accompanying committee."},
    "committee": {
        "title": "Accompanying committee",
        "seo_title": "Accompanying committee of the integration concept",
        "intro": f"{EN_NOTE} A committee accompanies the implementation and further development of the measures "
                 "of the integration concept „Zuhause in Mössingen“: the „Begleitgremium Integrationskonzept“.",
    },
    "statement": {
        "title": "Accessibility statement",
        "intro": f"{EN_NOTE} The town of Mössingen endeavours to make its website accessible in accordance with "
                 "the state law on equal opportunities for people with disabilities (L-BGG) and the accessible "
                 "information technology ordinance (BITV 2.0). This statement applies to the website "
                 "„Zuhause in Mössingen“.",
        "known_limitations": "<ul><li>Older documents (PDF) on the integration concept are not fully accessible. "
                             "On request we send you their content in an accessible form.</li>"
                             "<li>Videos in German Sign Language do not yet exist for all content.</li></ul>",
        "feedback_text": p("Have you noticed barriers to accessing content? Then write to us using the form on "
                           f"this page or by e-mail to {MAIL}."),
    },
}

# ---------------------------------------------------------------------------------------
# Turkish
# ---------------------------------------------------------------------------------------
TR_NOTE = "Örnek çeviri („Beispielübersetzung“): profesyonel bir çeviri henüz gereklidir."

TURKISH = {
    "home": {
        "title": "Mössingen'de evimdeyim",
        "intro": f"{TR_NOTE} „Zuhause in Mössingen“ (Mössingen'de evimdeyim) uyum konsepti 2 Aralık 2019'da "
                 "belediye meclisi tarafından oy birliğiyle kabul edildi. Burada kararlaştırılan önlemlerin "
                 "uygulanmasındaki güncel durum hakkında bilgi veriyoruz.",
    },
    "concept": {
        "title": "Uyum konsepti",
        "intro": p(
            TR_NOTE,
            "Eylül 2018'den Kasım 2019'a kadar birkaç adımda ve çalışma gruplarında „uyum“ konusunu ele aldık. "
            "Amaç, Mössingen'deki uyum çalışmalarını güçlendirmek, birbirine bağlamak ve kalıcı hale getirmekti. "
            "Bir yönlendirme grubu ve birkaç uzman çalıştayında bir ilke metni, hedefler ve önlemler hazırlandı.",
            "Katılım sürecine Baden-Württemberg Yönetim Akademisi'nden (Führungsakademie) iki kişilik bir "
            "moderasyon ekibi eşlik etti; süreç Baden-Württemberg Sosyal İşler ve Uyum Bakanlığı tarafından "
            "desteklendi.",
            "Kararlaştırılan önlemlerin uygulanmasına ve geliştirilmesine artık bir kurul eşlik ediyor.",
        ),
    },
    "leitbild": {
        "title": "İlke metni",
        "intro": f"{TR_NOTE} Uyum sorumlusunun çevresindeki küçük bir yazı ekibi bir ilke metni taslağı hazırladı "
                 "ve tartışılmak üzere yönlendirme grubuna sundu.",
        "body": stream(
            note_box("Örnek çeviri", "İlke metninin tam metni uyum konseptinde yer alır; bu demo onu aktarmaz. "
                     "Aşağıdaki alıntılar, konseptin 28 Ocak 2020'deki tanıtımından alınmıştır."),
            quote("Evinde olmak şu anlama da gelir: Ben de buraya aitim.",
                  "Prof. Reinhard Johler, Tübingen Üniversitesi"),
            quote("Kendini evinde hissetmek için dili öğrenmek önemlidir; her iki taraftan da kabul, hoşgörü ve "
                  "saygı gerekir.", "Oula Mahfouz"),
        ),
    },
    "bildung": {"title": "Eğitim ve bakım",
                "intro": f"{TR_NOTE} Örnek metin: Mössingen'de çocuklar, gençler ve yetişkinler eğitime ve bakıma "
                         "erişebilir."},
    "wohnen": {"title": "Konut ve yaşam çevresi",
               "intro": f"{TR_NOTE} Toplu konaklama yerlerinde kalan insanlar kendi evlerine sahip olma şansı "
                        "bulmalıdır."},
    "arbeit": {"title": "Çalışma ve istihdam",
               "intro": f"{TR_NOTE} Örnek metin: Daha fazla mülteci bir iş ya da meslek eğitimi yeri bulur."},
    "begegnung": {"title": "Buluşma yerleri",
                  "intro": f"{TR_NOTE} Örnek metin: Eski ve yeni Mössingenliler birbirleriyle saygı ve anlayışla "
                           "buluşur."},
    "raumteiler": {
        "title": "Raumteiler projesi",
        "summary": "Konaklama yerlerindeki evsiz insanların taşınabilmesi için özel konutları, özellikle de "
                   "şimdiye kadar boş duranları kiralamak.",
        "plain_language_summary": "Birçok insan bir konaklama yerinde yaşıyor. Kendi evleri olmalı. Belediye "
                                  "bunun için konut arıyor, boş duran konutları da.",
        "body": stream(
            note_box("Örnek çeviri", TR_NOTE),
            paragraph(
                "Uyum konseptinden bir örnek „Raumteiler“ projesidir. Amaç, evsiz insanları konaklama yerlerinden "
                "çıkarabilmek için özel konutları, özellikle de şimdiye kadar boş duranları edinmektir. Bunun için "
                "bina yönetimi, uyum ve halkla ilişkiler alanlarından bir proje ekibi birlikte çalışacak."
            ),
            quote("Bu çalışmadan barındırılan insanlar yararlanmalı ve kendi evlerine sahip olma şansı bulmalı.",
                  "Belediye Başkanı Michael Bulander"),
        ),
    },
    "progress": {
        "title": "Uygulama durumu",
        "intro": p(TR_NOTE, "„Zuhause in Mössingen“ uyum konsepti 2 Aralık 2019'da belediye meclisi tarafından oy "
                   "birliğiyle kabul edildi. Burada kararlaştırılan önlemlerin güncel durumu hakkında bilgi "
                   "veriyoruz."),
        "open_data_intro": p("Uygulama durumuna ilişkin verileri serbestçe yeniden kullanabilirsiniz."),
    },
    "calendar": {"title": "Etkinlikler",
                 "intro": f"{TR_NOTE} Uyum konsepti ile ilgili tarihler: buluşmalar, çalıştaylar ve izleme "
                          "kurulunun toplantıları."},
    "committee": {
        "title": "İzleme kurulu",
        "seo_title": "Uyum konsepti izleme kurulu",
        "intro": f"{TR_NOTE} „Zuhause in Mössingen“ uyum konseptindeki önlemlerin uygulanmasına ve "
                 "geliştirilmesine bir kurul eşlik ediyor: „Begleitgremium Integrationskonzept“.",
    },
    "statement": {
        "title": "Erişilebilirlik beyanı",
        "intro": f"{TR_NOTE} Mössingen Belediyesi, web sitesini eyaletin engellilerin eşitliği yasası (L-BGG) ve "
                 "erişilebilir bilgi teknolojisi yönetmeliği (BITV 2.0) uyarınca erişilebilir kılmaya "
                 "çalışmaktadır. Bu beyan „Zuhause in Mössingen“ web sitesi için geçerlidir.",
        "known_limitations": "<ul><li>Uyum konseptine ait eski belgeler (PDF) tamamen erişilebilir değildir. "
                             "İsterseniz içeriklerini size erişilebilir bir biçimde göndeririz.</li>"
                             "<li>Alman İşaret Dili videoları henüz tüm içerikler için mevcut değildir.</li></ul>",
        "feedback_text": p("İçeriklere erişimde engellerle karşılaştınız mı? O halde bu sayfadaki formu kullanarak "
                           f"ya da {MAIL} adresine e-posta göndererek bize yazın."),
    },
}

# ---------------------------------------------------------------------------------------
# Arabic (right to left; names and German terms kept as written)
# ---------------------------------------------------------------------------------------
AR_NOTE = "ترجمة نموذجية („Beispielübersetzung“): ما زالت هناك حاجة إلى ترجمة احترافية."

ARABIC = {
    "home": {
        "title": "في بيتنا في موسينغن",
        "intro": f"{AR_NOTE} في 2 ديسمبر 2019 أقرّ المجلس البلدي بالإجماع مفهوم الاندماج "
                 "„Zuhause in Mössingen“ (في بيتنا في موسينغن). نعرض هنا الوضع الحالي لتنفيذ الإجراءات المقرّرة.",
    },
    "concept": {
        "title": "مفهوم الاندماج",
        "intro": p(
            AR_NOTE,
            "من سبتمبر 2018 حتى نوفمبر 2019 تناولنا موضوع „الاندماج“ على عدة مراحل وفي مجموعات عمل. كان الهدف "
            "تقوية العمل في مجال الاندماج في موسينغن وربطه وجعله مستداماً. وفي دائرة توجيهية وعدة ورش عمل للخبراء "
            "تمّ إعداد رؤية وأهداف وإجراءات.",
            "رافق عملية المشاركة فريق إدارة حوار من أكاديمية القيادة في بادن-فورتمبيرغ (Führungsakademie)، "
            "بتمويل من وزارة الشؤون الاجتماعية والاندماج في بادن-فورتمبيرغ.",
            "تتابع الآن لجنة تنفيذ الإجراءات المقرّرة وتطويرها.",
        ),
    },
    "leitbild": {
        "title": "الرؤية",
        "intro": f"{AR_NOTE} أعدّ فريق تحرير صغير حول مسؤول الاندماج مسودة للرؤية، وعرضها على الدائرة التوجيهية "
                 "للنقاش.",
        "body": stream(
            note_box("ترجمة نموذجية", "نصّ الرؤية الكامل موجود في مفهوم الاندماج، ولا يعرضه هذا الموقع التجريبي. "
                     "الاقتباسات التالية من تقديم المفهوم في 28 يناير 2020."),
            quote("أن تكون في بيتك يعني أيضاً: أنا جزء من هذا المكان.", "Prof. Reinhard Johler، جامعة توبنغن"),
            quote("لكي يشعر المرء بأنه في بيته، من المهم أن يتعلّم اللغة، ولا بدّ من القبول والتسامح والاحترام "
                  "من الطرفين.", "Oula Mahfouz"),
        ),
    },
    "bildung": {"title": "التعليم والرعاية",
                "intro": f"{AR_NOTE} نص تجريبي: يجد الأطفال والشباب والكبار في موسينغن طريقهم إلى التعليم والرعاية."},
    "wohnen": {"title": "السكن والمحيط السكني",
               "intro": f"{AR_NOTE} ينبغي أن يحصل الأشخاص الذين يقيمون في مراكز الإيواء على فرصة للسكن في شقة خاصة بهم."},
    "arbeit": {"title": "العمل والتوظيف",
               "intro": f"{AR_NOTE} نص تجريبي: يجد عدد أكبر من اللاجئين مكان عمل أو تدريب مهني."},
    "begegnung": {"title": "أماكن اللقاء",
                  "intro": f"{AR_NOTE} نص تجريبي: يلتقي السكان القدامى والجدد باحترام وتفاهم."},
    "raumteiler": {
        "title": "مشروع Raumteiler",
        "summary": "استئجار شقق خاصة، ولا سيما الشقق الخالية حتى الآن، لكي يتمكّن الأشخاص الذين لا مسكن لهم من "
                   "الخروج من مراكز الإيواء.",
        "plain_language_summary": "يعيش كثير من الناس في مركز إيواء. ينبغي أن يحصلوا على شقة خاصة بهم. تبحث "
                                  "المدينة لذلك عن شقق، ومنها شقق خالية.",
        "body": stream(
            note_box("ترجمة نموذجية", AR_NOTE),
            paragraph(
                "من أمثلة مفهوم الاندماج مشروع „Raumteiler“. الهدف منه الحصول على شقق خاصة، ولا سيما الشقق الخالية "
                "حتى الآن، لإخراج الأشخاص الذين لا مسكن لهم من مراكز الإيواء. ولهذا سيعمل فريق مشروع من إدارة "
                "المباني والاندماج والعلاقات العامة معاً."
            ),
            quote("ينبغي أن يستفيد الأشخاص المقيمون في مراكز الإيواء من هذا العمل وأن يحصلوا على فرصة لشقة خاصة بهم.",
                  "العمدة Michael Bulander"),
        ),
    },
    "progress": {
        "title": "وضع التنفيذ",
        "intro": p(AR_NOTE, "في 2 ديسمبر 2019 أقرّ المجلس البلدي بالإجماع مفهوم الاندماج „Zuhause in Mössingen“. "
                   "نعرض هنا الوضع الحالي لتنفيذ الإجراءات المقرّرة."),
        "open_data_intro": p("يمكنكم إعادة استخدام بيانات وضع التنفيذ بحرية."),
    },
    "calendar": {"title": "الفعاليات",
                 "intro": f"{AR_NOTE} مواعيد حول مفهوم الاندماج: لقاءات وورش عمل واجتماعات اللجنة المرافقة."},
    "committee": {
        "title": "اللجنة المرافقة",
        "seo_title": "اللجنة المرافقة لمفهوم الاندماج",
        "intro": f"{AR_NOTE} تتابع لجنة تنفيذ إجراءات مفهوم الاندماج „Zuhause in Mössingen“ وتطويرها: "
                 "„Begleitgremium Integrationskonzept“.",
    },
    "statement": {
        "title": "بيان إمكانية الوصول",
        "intro": f"{AR_NOTE} تسعى مدينة موسينغن إلى جعل موقعها متاحاً للجميع وفقاً لقانون الولاية للمساواة بين "
                 "الأشخاص ذوي الإعاقة (L-BGG) ولائحة تقنية المعلومات الخالية من العوائق (BITV 2.0). ينطبق هذا "
                 "البيان على موقع „Zuhause in Mössingen“.",
        "known_limitations": "<ul><li>الوثائق القديمة (PDF) حول مفهوم الاندماج ليست متاحة بالكامل. نرسل لكم "
                             "محتواها بصيغة متاحة عند الطلب.</li>"
                             "<li>لا توجد بعد مقاطع فيديو بلغة الإشارة الألمانية لكل المحتويات.</li></ul>",
        "feedback_text": p("هل لاحظتم عوائق في الوصول إلى المحتوى؟ اكتبوا إلينا عبر النموذج في هذه الصفحة أو "
                           f"بالبريد الإلكتروني إلى {MAIL}."),
    },
}

# ---------------------------------------------------------------------------------------
# Ukrainian
# ---------------------------------------------------------------------------------------
UK_NOTE = "Зразок перекладу („Beispielübersetzung“): потрібен ще професійний переклад."

UKRAINIAN = {
    "home": {
        "title": "Вдома в Мессінгені",
        "intro": f"{UK_NOTE} 2 грудня 2019 року міська рада одноголосно ухвалила концепцію інтеграції "
                 "„Zuhause in Mössingen“ (Вдома в Мессінгені). Тут ми інформуємо про поточний стан виконання "
                 "ухвалених заходів.",
    },
    "concept": {
        "title": "Концепція інтеграції",
        "intro": p(
            UK_NOTE,
            "З вересня 2018 до листопада 2019 року ми в кілька етапів і в робочих групах працювали над темою "
            "„інтеграція“. Метою було зміцнити інтеграційну роботу в Мессінгені, об'єднати її в мережу й зробити "
            "сталою. Керівна група та кілька експертних семінарів розробили бачення, цілі та заходи.",
            "Процес участі супроводжувала команда з двох модераторів Академії управління Баден-Вюртемберга "
            "(Führungsakademie) за кошти Міністерства соціальних справ та інтеграції Баден-Вюртемберга.",
            "Тепер виконання та розвиток ухвалених заходів супроводжує окремий орган.",
        ),
    },
    "leitbild": {
        "title": "Бачення",
        "intro": f"{UK_NOTE} Невелика редакційна група на чолі з уповноваженим з питань інтеграції підготувала "
                 "проєкт бачення й винесла його на обговорення керівної групи.",
        "body": stream(
            note_box("Зразок перекладу", "Повний текст бачення міститься в концепції інтеграції; ця демонстрація "
                     "його не відтворює. Цитати нижче — з презентації концепції 28 січня 2020 року."),
            quote("Бути вдома означає також: я належу до цього.", "Prof. Reinhard Johler, Тюбінгенський університет"),
            quote("Щоб почуватися вдома, важливо вивчити мову; а ще потрібні прийняття, толерантність і повага з "
                  "обох боків.", "Oula Mahfouz"),
        ),
    },
    "bildung": {"title": "Освіта та догляд",
                "intro": f"{UK_NOTE} Зразок тексту: діти, молодь і дорослі в Мессінгені мають доступ до освіти "
                         "та догляду."},
    "wohnen": {"title": "Житло та житлове середовище",
               "intro": f"{UK_NOTE} Люди, які живуть у гуртожитках для розміщення, мають отримати шанс на власне "
                        "житло."},
    "arbeit": {"title": "Праця та зайнятість",
               "intro": f"{UK_NOTE} Зразок тексту: більше біженців знаходять роботу або місце професійного "
                        "навчання."},
    "begegnung": {"title": "Місця зустрічей",
                  "intro": f"{UK_NOTE} Зразок тексту: давні й нові мешканці зустрічаються з повагою та "
                           "порозумінням."},
    "raumteiler": {
        "title": "Проєкт Raumteiler",
        "summary": "Залучати приватні квартири, передусім ті, що досі стояли порожніми, щоб люди без житла могли "
                   "переїхати з гуртожитків.",
        "plain_language_summary": "Багато людей живуть у гуртожитку. Вони мають отримати власну квартиру. Місто "
                                  "шукає для цього квартири, також порожні.",
        "body": stream(
            note_box("Зразок перекладу", UK_NOTE),
            paragraph(
                "Один із прикладів концепції інтеграції — проєкт „Raumteiler“. Ідеться про те, щоб залучати "
                "приватні квартири, передусім ті, що досі стояли порожніми, і так допомогти людям без житла "
                "виїхати з гуртожитків. Для цього разом працюватиме проєктна команда з відділів управління "
                "будівлями, інтеграції та зв'язків із громадськістю."
            ),
            quote("Від цієї роботи мають виграти розміщені люди й отримати шанс на власну квартиру.",
                  "Обер-бургомістр Michael Bulander"),
        ),
    },
    "progress": {
        "title": "Стан виконання",
        "intro": p(UK_NOTE, "2 грудня 2019 року міська рада одноголосно ухвалила концепцію інтеграції "
                   "„Zuhause in Mössingen“. Тут ми інформуємо про поточний стан виконання ухвалених заходів."),
        "open_data_intro": p("Дані про стан виконання можна вільно використовувати повторно."),
    },
    "calendar": {"title": "Події",
                 "intro": f"{UK_NOTE} Дати, пов'язані з концепцією інтеграції: зустрічі, семінари та засідання "
                          "супровідного органу."},
    "committee": {
        "title": "Супровідний орган",
        "seo_title": "Супровідний орган концепції інтеграції",
        "intro": f"{UK_NOTE} Виконання та розвиток заходів концепції інтеграції „Zuhause in Mössingen“ "
                 "супроводжує окремий орган: „Begleitgremium Integrationskonzept“.",
    },
    "statement": {
        "title": "Заява про доступність",
        "intro": f"{UK_NOTE} Місто Мессінген прагне зробити свій вебсайт доступним відповідно до земельного закону "
                 "про рівні можливості людей з інвалідністю (L-BGG) та постанови про безбар'єрні інформаційні "
                 "технології (BITV 2.0). Ця заява стосується вебсайту „Zuhause in Mössingen“.",
        "known_limitations": "<ul><li>Старіші документи (PDF) про концепцію інтеграції доступні не повністю. "
                             "На запит ми надішлемо їхній зміст у доступній формі.</li>"
                             "<li>Відео німецькою жестовою мовою є ще не для всього вмісту.</li></ul>",
        "feedback_text": p("Ви помітили бар'єри в доступі до вмісту? Напишіть нам через форму на цій сторінці "
                           f"або електронною поштою на {MAIL}."),
    },
}

TRANSLATIONS = {
    EASY_LANGUAGE: EASY,
    "en": ENGLISH,
    "tr": TURKISH,
    "ar": ARABIC,
    "uk": UKRAINIAN,
}


def load(home):
    """Creates the translations that do not exist yet, then the Leichte-Sprache home's redirect."""
    # The statement is built by the command after the hooks; made here first (ensure_child
    # leaves it as it is on the command's own call) so that it can be translated in one run.
    accessibility_demo.load(home)
    paths = {home.url_path + below: key for key, below in SOURCES}
    sources = {
        paths[page.url_path]: page
        for page in Page.objects.filter(url_path__in=paths, path__startswith=home.path).specific()
    }
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=TRANSLATIONS)}
    keys = [page.translation_key for page in sources.values()]
    existing = set(Page.objects.filter(translation_key__in=keys).values_list("translation_key", "locale_id"))
    for code, texts in TRANSLATIONS.items():
        locale = locales.get(code)
        if locale is None:
            continue
        for key, _below in SOURCES:
            source = sources.get(key)
            if source is None or (source.translation_key, locale.pk) in existing:
                continue
            translated = source.copy_for_translation(locale, copy_parents=True)
            for field, value in texts.get(key, {}).items():
                setattr(translated, field, value)
            # The revision is taken from these in-memory fields; publishing writes them to the page.
            translated.save_revision().publish()
            existing.add((source.translation_key, locale.pk))
    easy_language_home(home)


def easy_language_home(home):
    """The Leichte-Sprache home replaces the former entry page: the page goes, its address
    redirects permanently to /de-x-ls/ (the redirect only applies where no page answers)."""
    locale = Locale.objects.filter(language_code=EASY_LANGUAGE).first()
    easy_home = home.get_translation_or_none(locale) if locale is not None else None
    if easy_home is None:
        return
    for page in EasyLanguagePage.objects.child_of(home).filter(slug="leichte-sprache"):
        page.delete()
    Redirect.objects.get_or_create(
        old_path=Redirect.normalise_path(OLD_EASY_LANGUAGE_PATH),
        site=None,
        defaults={"redirect_page": easy_home, "is_permanent": True},
    )
