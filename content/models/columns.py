"""Column pages (栏目): the fixed vocabulary of column types, freshness classes and syndication."""

import functools

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

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
    INTERVIEWS = "interviews", "在线访谈"
    RESPONSES = "responses", "回应关切"
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


# Columns whose updates must follow a real-world change within 24 hours.
FIXED_INFO_TYPES = {ColumnType.OVERVIEW, ColumnType.FUNCTIONS, ColumnType.LEADERS}

DEFAULT_FRESHNESS = {
    ColumnType.NEWS: Freshness.DYNAMIC,
    ColumnType.NOTICES: Freshness.NOTICE_POLICY,
    ColumnType.POLICIES: Freshness.NOTICE_POLICY,
    ColumnType.INTERPRETATIONS: Freshness.NOTICE_POLICY,
    ColumnType.PLANS: Freshness.PLAN_PERSONNEL,
    ColumnType.PERSONNEL: Freshness.PLAN_PERSONNEL,
}


def effective_freshness(column_type, freshness):
    """The freshness class supervision measures a column by: its own, else its type's default."""
    return freshness or DEFAULT_FRESHNESS.get(column_type, Freshness.STATIC)


# Columns with an RSS feed (content/feeds.py).
FEED_TYPES = {ColumnType.NEWS, ColumnType.NOTICES, ColumnType.POLICIES, ColumnType.INTERPRETATIONS}


class Syndication(models.TextChoices):
    """Portal columns that gather the matching items of every subsite (同步发布)."""

    NONE = "", _("No syndication")
    DEPARTMENT_NEWS = "department_news", _("News of county departments")
    TOWNSHIP_NEWS = "township_news", _("News of townships and streets")
    POLICIES = "policies", _("Policy documents of every unit")
    NOTICES = "notices", _("Notices of every unit")
    INTERPRETATIONS = "interpretations", _("Policy interpretations of every unit")
    SERVICES = "services", _("Service guides of every unit")


def current(pages, private=None):
    """Live, public pages whose expiry time has not passed (expired items leave listings at once).

    `private` (from `Page.objects.private_q()`) spares the view-restriction query when one page
    lists several querysets."""
    pages = pages.live().public() if private is None else pages.live().exclude(private)
    return pages.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


@functools.cache
def item_types():
    """{column type: labels of the page types an editor may add under such a column (besides
    sub-columns)}, from the `column_types` each page type declares, in the order of INSTALLED_APPS
    (写信息 writes the first). A column type no page type declares accepts every subpage type."""
    declared = {}
    for model in apps.get_models():
        for column_type in getattr(model, "column_types", ()):
            declared.setdefault(column_type, []).append(model._meta.label_lower)
    return declared


class ColumnPage(PortalPage):
    """A column (栏目) of a site: fixed text, organisations, and a listing of the items filed under it."""

    column_type = models.CharField(_("column type"), max_length=30, choices=ColumnType.choices)
    freshness = models.CharField(
        _("freshness class"),
        max_length=20,
        choices=Freshness.choices,
        blank=True,
        help_text=_("Left empty, it follows the column type."),
    )
    description = models.CharField(_("column description"), max_length=300, blank=True)
    keywords = models.CharField(_("column keywords"), max_length=200, blank=True)
    body = RichTextField(_("column text"), blank=True)
    change_effective_at = models.DateTimeField(
        _("change took effect"),
        null=True,
        blank=True,
        help_text=_(
            "For fixed information (overview, duties, organisations, leaders): when the change "
            "shown in this update took effect."
        ),
    )
    syndication = models.CharField(
        _("syndication"),
        max_length=30,
        choices=Syndication.choices,
        blank=True,
        help_text=_("On the portal: list the matching items of every subsite instead of this column's own."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("column_type"),
                FieldPanel("freshness"),
                FieldPanel("description"),
                FieldPanel("keywords"),
                FieldPanel("syndication"),
            ],
            heading=_("Column"),
        ),
        FieldPanel("body"),
        FieldPanel("change_effective_at"),
        InlinePanel("organisations", heading=_("Internal organisations"), label=_("organisation")),
    ]
    parent_page_types = ["content.PortalHomePage", "content.UnitHomePage", "content.ColumnPage"]
    # Which page types go below a column is declared by each of them (parent_page_types), and
    # narrowed per column type by their `column_types` (accepts_subpage_type).
    template = "content/column_page.html"
    items_per_page = 20
    # What supervision measures the unit by: set by the portal centre only (moderation.forms).
    centre_only_fields = ("column_type", "freshness", "syndication")
    page_role = "column"

    class Meta:
        verbose_name = _("column")

    def accepts_subpage_type(self, model):
        """Whether an editor may add a `model` page here: a sub-column, or an item of this column's type
        (工作动态 takes 工作动态 items, 政策文件 policies; see `PortalPage.can_create_at`)."""
        allowed = item_types().get(self.column_type)
        return model is ColumnPage or allowed is None or model._meta.label_lower in allowed

    def listed_items(self, private=None):
        """The pages this column lists, newest first: its own children, or the syndicated items."""
        from .syndication import syndicated_items

        if self.syndication:
            return syndicated_items(self.syndication, private)
        return current(Page.objects.child_of(self), private).order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context["private"] = private = Page.objects.private_q()
        context["sibling_heading"] = parent.title
        context["siblings"] = (
            current(ColumnPage.objects.child_of(parent), private).only("title", "url_path", "path").order_by("path")
        )
        if self.column_type in FEED_TYPES:
            context["feed_url"] = reverse("column_feed", args=[self.pk])
        if self.column_type == ColumnType.DISCLOSURE:
            return self.directory_context(request, context)
        items = self.listed_items(private)
        shown = ["title", "url_path", "first_published_at"]  # what includes/item_list.html needs
        if self.syndication:
            items = items.select_related("owner_unit")
            shown.append("owner_unit__short_name")
        # Wagtail page rows are wide: loading only the shown columns halves a listing's CPU time.
        context["items"] = Paginator(items.only(*shown), self.items_per_page).get_page(request.GET.get("page"))
        context["syndicated"] = bool(self.syndication)
        return context

    def directory_context(self, request, context):
        """信息公开目录: every disclosed item of the site, by category (?category=c01)."""
        from ..vocabularies import DisclosureCategory
        from .disclosure import category_counts, directory_entries
        from .items import AnnualReportPage
        from .unit_home import UnitHomePage

        site = self.get_site()
        root = site.root_page if site else self.get_parent()
        category = request.GET.get("category", "")
        if category not in DisclosureCategory.values:
            category = ""
        # On the portal the directory aggregates every unit's; ?unit=<code> narrows it to one unit.
        units = (
            list(
                UnitHomePage.objects.child_of(root)
                .live()
                .select_related("unit")
                .order_by("unit__sort_order", "unit__code")
            )
            if self.get_unit() is None
            else []
        )
        unit_code = request.GET.get("unit", "")
        unit_home = next((home for home in units if home.unit.code == unit_code), None)
        if unit_home is not None:
            root = unit_home
        else:
            unit_code = ""
        counts = category_counts(root)
        rows = Paginator(directory_entries(root, category), self.items_per_page).get_page(request.GET.get("page"))
        urls = {page.pk: page.get_url(request) for page in Page.objects.filter(pk__in=[row[0] for row in rows])}
        context.update(
            {
                "directory": [(urls.get(row[0]), *row[1:]) for row in rows],
                "items": rows,
                "category": category,
                "category_label": DisclosureCategory(category).label if category else "",
                "categories": [(value, label, counts.get(value, 0)) for value, label in DisclosureCategory.choices],
                "show_unit": self.get_unit() is None and unit_home is None,
                "directory_units": [home.unit for home in units],
                "unit_code": unit_code,
                "guide_column": current(ColumnPage.objects.child_of(self.get_parent()))
                .filter(column_type=ColumnType.DISCLOSURE_GUIDE)
                .first(),
                "annual_reports": current(AnnualReportPage.objects.descendant_of(root))
                .filter(report_kind=AnnualReportPage.Kind.DISCLOSURE)
                .order_by("-year")[:3],
            }
        )
        return context


class Organisation(Orderable):
    """An internal organisation (内设机构) listed on a 机构设置 column."""

    column = ParentalKey(ColumnPage, related_name="organisations", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    head = models.CharField(_("head"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    duties = models.TextField(_("duties"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("head"), FieldPanel("phone"), FieldPanel("duties")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation")
