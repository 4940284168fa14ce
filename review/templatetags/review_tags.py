from django import template

from review.metadata import signoff_for_content

register = template.Library()


@register.simple_tag
def signoff_for(obj):
    """``{% signoff_for page as signoff %}``: the sign-off of the content being shown."""
    return signoff_for_content(obj)
