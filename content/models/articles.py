"""The generic article, the default item type inside a column.

The table keeps its first app's name: the model moved here from home (migration
0013_i15c_unit_home_and_article_pages, state only)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from base.pages import PortalPage

from .columns import ColumnType


class ArticlePage(PortalPage):
    """A generic article: the default item type inside a column."""

    column_types = (ColumnType.OVERVIEW, ColumnType.FUNCTIONS, ColumnType.DISCLOSURE)

    source = models.CharField(_("source"), max_length=100, blank=True)
    body = RichTextField(_("body"))

    content_panels = Page.content_panels + [FieldPanel("source"), FieldPanel("body")]
    parent_page_types = ["content.ColumnPage"]
    subpage_types = []
    template = "content/article_page.html"

    class Meta:
        db_table = "home_articlepage"
        verbose_name = _("article")
