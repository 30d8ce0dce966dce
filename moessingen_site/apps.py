from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoessingenSiteConfig(AppConfig):
    name = "moessingen_site"
    verbose_name = _("Website")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed
        from django.core.checks import Tags, register
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from . import checks
        from .cache import connect_signals
        from .languages import forget_locales
        from .security import count_failed_login

        register(checks.base_url_is_public, Tags.security)
        register(checks.site_agrees_with_base_url, Tags.security, Tags.database)
        connect_signals()
        user_login_failed.connect(count_failed_login, dispatch_uid="moessingen-login-failures-per-address")
        post_save.connect(forget_locales, sender=Locale, dispatch_uid="moessingen-forget-locales-save")
        post_delete.connect(forget_locales, sender=Locale, dispatch_uid="moessingen-forget-locales-delete")
