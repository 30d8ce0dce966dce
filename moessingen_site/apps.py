from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoessingenSiteConfig(AppConfig):
    name = "moessingen_site"
    verbose_name = _("Website")

    def ready(self):
        from .cache import connect_signals

        connect_signals()
