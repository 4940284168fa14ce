from django import template
from django.utils.translation import get_language

from content_models.models.home import site_sections

register = template.Library()


@register.simple_tag
def home_of(site):
    """``{% home_of current_site as home %}``: the site's home page in the language being
    served (Wagtail keeps each language's tree under a translation of the root page), so a
    French page's header leads to the French site; the root page where there is none."""
    if site is None:
        return None
    root = site.root_page
    language = get_language()
    if root.locale.language_code == language:
        return root
    return root.get_translations().live().filter(locale__language_code=language).first() or root


@register.simple_tag
def sections_of(site):
    """``{% sections_of current_site as sections %}``: the signed, live index pages of the
    site's home in the language being served."""
    if site is None:
        return []
    return site_sections(home_of(site))
