from django import template

from content_models.models.home import site_sections

register = template.Library()


@register.simple_tag
def sections_of(site):
    """``{% sections_of current_site as sections %}``: the site's signed, live index pages."""
    if site is None:
        return []
    return site_sections(site.root_page)
