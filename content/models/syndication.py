"""Syndicated portal columns (同步发布): querysets over the items of every subsite; nothing is copied."""

from subsites.models import UnitKind

from .columns import Syndication, current
from .items import NewsPage, NoticePage
from .policies import InterpretationPage, PolicyPage
from .services import ServiceItemPage


def _selection(syndication):
    """Every item (live or not) that a syndicated column takes."""
    if syndication == Syndication.DEPARTMENT_NEWS:
        return NewsPage.objects.filter(owner_unit__kind=UnitKind.DEPARTMENT)
    elif syndication == Syndication.TOWNSHIP_NEWS:
        return NewsPage.objects.filter(owner_unit__kind__in=[UnitKind.TOWNSHIP, UnitKind.STREET])
    elif syndication == Syndication.POLICIES:
        return PolicyPage.objects.all()
    elif syndication == Syndication.NOTICES:
        return NoticePage.objects.all()
    elif syndication == Syndication.INTERPRETATIONS:
        return InterpretationPage.objects.all()
    elif syndication == Syndication.SERVICES:
        return ServiceItemPage.objects.all()
    raise ValueError(f"unknown syndication {syndication!r}")


def syndicated_items(syndication, private=None):
    """The live items a syndicated portal column lists, newest first."""
    return current(_selection(syndication), private).order_by("-first_published_at", "-pk")


def syndications_of(page):
    """The syndications whose columns list `page` while it is live (the page cache purges them)."""
    page_class = page.specific_class
    return [
        syndication
        for syndication in Syndication.values
        if syndication
        and issubclass(page_class or object, _selection(syndication).model)
        and _selection(syndication).filter(pk=page.pk).exists()
    ]
