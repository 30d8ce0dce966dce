from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Aktuelles")

    def ready(self):
        from wagtail.signals import page_published

        from .models import NewsArticlePage, prepare_pictures

        page_published.connect(
            lambda sender, instance, **kwargs: prepare_pictures(instance),
            sender=NewsArticlePage,
            weak=False,
            dispatch_uid="news-prepare-pictures",
        )
