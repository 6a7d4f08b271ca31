"""The county portal home page; every unit's subsite hangs below it.

The table keeps its first app's name: the model moved here from home (migration
0014_i15p_portal_home_page, state only)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from base import blocks
from subsites.models import UnitKind

from .responses import current_statement
from .unit_home import SiteHomePage, UnitHomePage

# The portal home's dated lists, by column slug (content.blueprint.PORTAL_COLUMNS).
PORTAL_HOME_LISTS = ["tzgg", "bmdt", "zjdt", "zcwjk", "zcjd"]


class PortalHomePage(SiteHomePage):
    """The county portal (县政府门户网站) home; every unit's subsite hangs below it."""

    service_links = StreamField(
        blocks.link_blocks(),
        verbose_name=_("service entries"),
        blank=True,
        help_text=_("办事服务 entries (e.g. the province's service platform); the newest service guides follow."),
    )

    content_panels = SiteHomePage.content_panels + [FieldPanel("service_links")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.UnitHomePage", "content.ColumnPage"]
    max_count = 1
    template = "content/portal_home_page.html"

    class Meta:
        db_table = "home_portalhomepage"
        verbose_name = _("portal home page")

    def get_context(self, request, *args, **kwargs):
        from .. import home_sections  # it reads the page models of this package

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections.home_context(self, PORTAL_HOME_LISTS, "zwfw"))
        context["response_statement"] = current_statement(self)
        unit_homes = list(
            UnitHomePage.objects.child_of(self)
            .live()
            .public()
            .select_related("unit")
            .order_by("unit__sort_order", "unit__code")
        )
        context["township_sites"] = [h for h in unit_homes if h.unit.kind != UnitKind.DEPARTMENT]
        context["department_sites"] = [h for h in unit_homes if h.unit.kind == UnitKind.DEPARTMENT]
        return context
