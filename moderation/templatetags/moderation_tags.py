"""Template tags of moderation: the public sign-off line of an item (MODERATION_PUBLIC_SIGNOFF)."""

from django import template
from django.conf import settings

from moderation.signoff import signoff_record

register = template.Library()


@register.inclusion_tag("moderation/signoff.html")
def public_signoff(page):
    shown = getattr(settings, "MODERATION_PUBLIC_SIGNOFF", True)
    return {"approvals": signoff_record(page) if shown else []}
