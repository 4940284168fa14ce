from django import template

from review.currency import status_for
from signing.signoffs import signoff_of

register = template.Library()


@register.simple_tag
def signoff_for(obj):
    """``{% signoff_for page as signoff %}``: the sign-off of the content being shown."""
    return signoff_of(obj)


@register.filter
def review_status(signoff) -> str:
    """The review status of a sign-off today: current, due soon or overdue."""
    return status_for(signoff.next_review_due).label if signoff else ""
