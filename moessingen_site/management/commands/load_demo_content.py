"""Builds the whole demo site from the town's own pages (shared/seeds). Safe to run twice.

The site app knows no domain app: each app adds its part through two Wagtail hooks,
registered in its ``wagtail_hooks.py`` and run in the order given there:

- ``load_demo_content``: ``fn(home)`` builds the app's pages and snippets;
- ``load_demo_content_after_users``: ``fn(home)`` runs once the demo accounts exist (or
  were refused under production settings): linking accounts, reports made by them.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from wagtail import hooks

from moessingen_site import accessibility_demo
from moessingen_site.demo import ensure_child, paragraph, sample_box, stream
from moessingen_site.models import HomePage, SiteSettings, StandardPage
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION

DEMO_USERS = [
    # username, password, group, is_superuser — documented in the README
    ("admin", "admin-demo-2026", None, True),
    ("redaktion", "redaktion-demo-2026", REDAKTION, False),
    ("gremium", "gremium-demo-2026", BEGLEITGREMIUM, False),
]


@contextmanager
def indexes_built_at_the_end():
    """No search or reference indexing on each save while the demo is built: a page is saved
    several times on its way (draft, revision, publish, translation), and indexing every save
    took half of the load's time. ``handle`` builds both indexes once, at the end."""
    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte aus den Seiten der Stadt Mössingen (idempotent)."

    def handle(self, *args, **options):
        with indexes_built_at_the_end():
            with transaction.atomic():
                home = self.home_page()
                for load in hooks.get_hooks("load_demo_content"):
                    load(home)
                self.standard_pages(home)
            if getattr(settings, "DEMO_USERS_ALLOWED", False):
                self.users()
            else:
                self.stdout.write(self.style.WARNING("Demo-Benutzer werden unter Produktionseinstellungen nicht angelegt."))
            with transaction.atomic():
                for load in hooks.get_hooks("load_demo_content_after_users"):
                    load(home)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte geladen."))

    def home_page(self):
        Locale.objects.get_or_create(language_code="de")
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            home = HomePage(
                title="Zuhause in Mössingen",
                slug="start",
                intro=(
                    "Am 2. Dezember 2019 wurde das Integrationskonzept „Zuhause in Mössingen“ vom Gemeinderat "
                    "einstimmig verabschiedet. An dieser Stelle informieren wir über den aktuellen Umsetzungsstand "
                    "der beschlossenen Maßnahmen."
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                site_name="Zuhause in Mössingen")
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Zuhause in Mössingen"
            site.save()
            # Wagtail's "Welcome" page from a fresh install has no place in the tree.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
        return home

    def standard_pages(self, home):
        contact = ensure_child(
            home, StandardPage, "kontakt", title="Kontakt", show_in_menus=True,
            intro="Fragen und Anregungen zum Integrationskonzept nimmt die Stabsstelle Integration entgegen.",
            body=stream(paragraph('E-Mail: <a href="mailto:integration@moessingen.de">integration@moessingen.de</a>')),
        )
        imprint = ensure_child(
            home, StandardPage, "impressum", title="Impressum",
            body=stream(sample_box(), paragraph("Hier steht das Impressum der Stadt Mössingen: Anbieter, "
                        "vertretungsberechtigte Person, Anschrift und Kontakt.")),
        )
        privacy = ensure_child(
            home, StandardPage, "datenschutz", title="Datenschutz",
            body=stream(sample_box(), paragraph(
                "Diese Website lädt keine Inhalte von fremden Servern: keine externen Schriften, keine Karten, "
                "keine Videos, keine Zählpixel. Beim Besuch setzen wir kein Cookie; nur Formulare setzen ein "
                "technisch notwendiges Sicherheits-Cookie.",
                "Anmeldungen zu Veranstaltungen (Name, E-Mail-Adresse, Personenzahl, Anmerkung) speichern wir nur "
                "für die Organisation der jeweiligen Veranstaltung und löschen sie 30 Tage nach ihrem Ende "
                "automatisch. Mit dem Link in der Bestätigungs-E-Mail können Sie Ihre Anmeldung vorher jederzeit "
                "stornieren; Ihre Angaben werden dann sofort gelöscht.",
                "Hier steht die vollständige Datenschutzerklärung der Stadt Mössingen.")),
        )
        # The statement with its feedback form, and the Leichte Sprache / Gebärdensprache pages.
        accessibility = accessibility_demo.load(home)
        site_settings = SiteSettings.for_site(home.get_site())
        if not site_settings.contact_page_id:
            site_settings.address = "Rathaus Mössingen"
            site_settings.contact_page = contact
            site_settings.imprint_page = imprint
            site_settings.privacy_page = privacy
            site_settings.accessibility_page = accessibility
            site_settings.save()

    def users(self):
        User = get_user_model()
        for username, password, group_name, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_superuser": is_superuser, "is_staff": is_superuser, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(password)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
