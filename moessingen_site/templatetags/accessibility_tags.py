"""The header links to the Leichte Sprache and Gebärdensprache pages (BITV 2.0 § 4)."""

from django import template

from moessingen_site import structure

register = template.Library()


@register.inclusion_tag("moessingen_site/includes/accessibility_links.html", takes_context=True)
def accessibility_links(context):
    """Found with the navigation and the footer (structure.site_parts), whatever page is shown."""
    request = context.get("request")
    parts = structure.site_parts(request)
    return {"easy_language": parts.easy_language, "sign_language": parts.sign_language, "request": request}
