from django import template
from django.utils.translation import get_language

from content_models.models.home import localized_root, site_sections

register = template.Library()


@register.simple_tag
def home_of(site):
    """``{% home_of current_site as home %}``: the site's home page in the language being
    served, so a French page's header leads to the French site; the root page where that
    language has none."""
    if site is None:
        return None
    return localized_root(site, get_language()) or site.root_page


@register.simple_tag
def sections_of(home):
    """``{% sections_of home as sections %}``: the signed, live index pages under ``home``."""
    return site_sections(home) if home is not None else []
