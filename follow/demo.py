"""The demo's privacy page explains following (what is stored, for how long, how to stop).

Added to the page the site settings name as the privacy page, as a paragraph of its own at
the end, and only once: a second run, or an editor's later wording of it, is left alone."""


from wagtail.rich_text import RichText

from moessingen_site.models import SiteSettings

PRIVACY_TEXT = (
    "Benachrichtigungen zu Maßnahmen: Wenn Sie einer Maßnahme, einem Handlungsfeld oder dem "
    "Umsetzungsstand folgen, speichern wir nur Ihre E-Mail-Adresse, was Sie verfolgen, die Sprache, "
    "wie oft Sie Nachricht möchten, und wann Sie bestätigt haben. Ohne Bestätigung innerhalb von 7 Tagen "
    "löschen wir die Adresse. Unsere E-Mails enthalten keine Zählpixel und keine umgeleiteten Links. "
    "Mit dem Abmelde-Link in jeder E-Mail löschen wir Ihre Adresse sofort und vollständig."
)
MARKER = "Benachrichtigungen zu Maßnahmen"


def privacy_paragraph(home):
    site_settings = SiteSettings.for_site(home.get_site())
    if not site_settings.privacy_page_id:
        return
    page = site_settings.privacy_page.specific
    body = getattr(page, "body", None)
    if body is None or MARKER in str(body.raw_data):
        return
    body.append(("paragraph", RichText(f"<p>{PRIVACY_TEXT}</p>")))
    page.save_revision().publish()
