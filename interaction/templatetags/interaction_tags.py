"""Template filters of public interaction pages."""
from django import template

from ..masking import mask

register = template.Library()


@register.filter
def masked(value):
    """The text with ID and phone numbers masked; still auto-escaped by the template."""
    return mask(str(value or ""))
