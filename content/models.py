"""Column pages (栏目): the fixed vocabulary of column types and their freshness classes."""
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from base.pages import PortalPage


class ColumnType(models.TextChoices):
    """ColumnType values of the national web page design specification.

    The labels are the specification's own vocabulary (emitted in the ColumnType
    meta tag), so they are data and deliberately not translated.
    """

    HOME = "home", "首页"
    OVERVIEW = "overview", "概况信息"
    FUNCTIONS = "functions", "机构职能"
    LEADERS = "leaders", "负责人信息"
    NEWS = "news", "工作动态"
    NOTICES = "notices", "通知公告"
    POLICIES = "policies", "政策文件"
    INTERPRETATIONS = "interpretations", "政策解读"
    PLANS = "plans", "规划计划"
    PERSONNEL = "personnel", "人事信息"
    SERVICES = "services", "办事服务"
    INTERACTION = "interaction", "咨询投诉"
    SURVEYS = "surveys", "征集调查"
    DISCLOSURE = "disclosure", "信息公开目录"
    DISCLOSURE_GUIDE = "disclosure_guide", "信息公开指南"
    DISCLOSURE_REPORT = "disclosure_report", "信息公开年报"
    TOPICS = "topics", "专题专栏"


class Freshness(models.TextChoices):
    """How often a column must be updated (used by the supervision rules)."""

    DYNAMIC = "dynamic", _("Dynamic (news)")
    NOTICE_POLICY = "notice_policy", _("Notices and policies")
    PLAN_PERSONNEL = "plan_personnel", _("Plans and personnel")
    STATIC = "static", _("Static")


DEFAULT_FRESHNESS = {
    ColumnType.NEWS: Freshness.DYNAMIC,
    ColumnType.NOTICES: Freshness.NOTICE_POLICY,
    ColumnType.POLICIES: Freshness.NOTICE_POLICY,
    ColumnType.INTERPRETATIONS: Freshness.NOTICE_POLICY,
    ColumnType.PLANS: Freshness.PLAN_PERSONNEL,
    ColumnType.PERSONNEL: Freshness.PLAN_PERSONNEL,
}


class ColumnPage(PortalPage):
    """A column (栏目) of a site: fixed text and/or a listing of the items filed under it."""

    column_type = models.CharField(_("column type"), max_length=30, choices=ColumnType.choices)
    freshness = models.CharField(
        _("freshness class"), max_length=20, choices=Freshness.choices, blank=True,
        help_text=_("Left empty, it follows the column type."),
    )
    description = models.CharField(_("column description"), max_length=300, blank=True)
    keywords = models.CharField(_("column keywords"), max_length=200, blank=True)
    body = RichTextField(_("column text"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("column_type"), FieldPanel("freshness"),
             FieldPanel("description"), FieldPanel("keywords")],
            heading=_("Column"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.PortalHomePage", "subsites.UnitHomePage", "content.ColumnPage"]
    subpage_types = ["content.ColumnPage", "home.ArticlePage"]
    template = "content/column_page.html"
    items_per_page = 20

    class Meta:
        verbose_name = _("column")

    @property
    def effective_freshness(self):
        return self.freshness or DEFAULT_FRESHNESS.get(self.column_type, Freshness.STATIC)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().order_by("-first_published_at")
        context["items"] = Paginator(children, self.items_per_page).get_page(request.GET.get("page"))
        return context
