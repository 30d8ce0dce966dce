from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConceptConfig(AppConfig):
    name = "concept"
    verbose_name = _("Integrationskonzept")

    def ready(self):
        from wagtail.signals import page_published

        from .models import NewsArticlePage, prepare_news_pictures

        page_published.connect(
            lambda sender, instance, **kwargs: prepare_news_pictures(instance),
            sender=NewsArticlePage,
            weak=False,
            dispatch_uid="concept-prepare-news-pictures",
        )
