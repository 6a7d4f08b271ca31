"""Syndicated portal columns (同步发布): querysets over the items of every subsite; nothing is copied."""
from subsites.models import UnitKind

from .columns import Syndication, current
from .items import NewsPage, NoticePage
from .policies import InterpretationPage, PolicyPage
from .services import ServiceItemPage


def syndicated_items(syndication, private=None):
    """The live items a syndicated portal column lists, newest first."""
    if syndication == Syndication.DEPARTMENT_NEWS:
        items = NewsPage.objects.filter(owner_unit__kind=UnitKind.DEPARTMENT)
    elif syndication == Syndication.TOWNSHIP_NEWS:
        items = NewsPage.objects.filter(owner_unit__kind__in=[UnitKind.TOWNSHIP, UnitKind.STREET])
    elif syndication == Syndication.POLICIES:
        items = PolicyPage.objects.all()
    elif syndication == Syndication.NOTICES:
        items = NoticePage.objects.all()
    elif syndication == Syndication.INTERPRETATIONS:
        items = InterpretationPage.objects.all()
    elif syndication == Syndication.SERVICES:
        items = ServiceItemPage.objects.all()
    else:
        raise ValueError(f"unknown syndication {syndication!r}")
    return current(items, private).order_by("-first_published_at", "-pk")
