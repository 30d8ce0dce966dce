"""The header links to the Leichte Sprache and Gebärdensprache pages (BITV 2.0 § 4)."""

from django import template
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from moessingen_site import structure
from moessingen_site.accessibility import EasyLanguagePage, SignLanguagePage

register = template.Library()


@register.inclusion_tag("moessingen_site/includes/accessibility_links.html", takes_context=True)
def accessibility_links(context):
    """One query for both pages, whatever page is shown (content types are cached)."""
    request = context.get("request")

    def compute():
        types = ContentType.objects.get_for_models(EasyLanguagePage, SignLanguagePage)
        found = {
            page.content_type_id: {"title": page.title, "url": page.get_url(request)}
            for page in Page.objects.live()
            .filter(content_type__in=types.values())
            .only("id", "title", "url_path", "content_type_id")
        }
        return found.get(types[EasyLanguagePage].pk), found.get(types[SignLanguagePage].pk)

    easy_language, sign_language = structure.memo(("accessibility-links", request.get_host()), compute)
    return {"easy_language": easy_language, "sign_language": sign_language, "request": request}
