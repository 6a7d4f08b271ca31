"""A site's home page: what the portal home and a unit's home share, and the unit's home page
(created by home/provisioning.py below the portal home).

The table keeps its first app's name: the model moved here from subsites (migration
0013_i15c_unit_home_and_article_pages, state only)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from base import blocks
from base.pages import PortalPage
from subsites.models import Unit

# A unit home's dated lists, by column slug (content.blueprint.columns_for).
UNIT_HOME_LISTS = ["gzdt", "tzgg", "zcwj", "zcjd"]


class SiteHomePage(PortalPage):
    """A site's home: an introduction, the editorial 要闻 and topic banners above the lists of
    home_sections.py (the county portal's home, PortalHomePage, and a unit's)."""

    introduction = RichTextField(_("introduction"), blank=True)
    headlines = StreamField(
        blocks.headline_blocks(),
        verbose_name=_("headlines"),
        blank=True,
        help_text=_("要闻 shown first, the first one with its image; left empty, the newest news with an image."),
    )
    banners = StreamField(blocks.banner_blocks(), verbose_name=_("topic banners"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("headlines"), FieldPanel("banners")]

    class Meta:
        abstract = True


class UnitHomePage(SiteHomePage):
    """The home page of a unit's subsite; its columns are generated from the shared template."""

    unit = models.OneToOneField(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")

    parent_page_types = ["content.PortalHomePage"]
    page_role = "unit home"
    route_select_related = ("unit",)
    subpage_types = ["content.ColumnPage"]
    max_count_per_parent = None
    template = "content/unit_home_page.html"

    class Meta:
        db_table = "subsites_unithomepage"
        verbose_name = _("subsite home page")

    def get_context(self, request, *args, **kwargs):
        from .. import home_sections  # it reads the page models of this package

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections.home_context(self, UNIT_HOME_LISTS, "bsfw"))
        context["leaders_column"] = context["home_columns"].get("ldxx")
        context["leaders"] = home_sections.leaders(self, context["private"])
        context["columns"] = list(context["home_columns"].values())
        return context
