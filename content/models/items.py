"""Items filed under columns: the shared item base and news, notices, procurement, personnel, plans."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.pages import PortalPage

from ..annual_forms import tables
from ..vocabularies import DisclosureCategory
from .columns import ColumnType


class PageTag(TaggedItemBase):
    """Tags on any item page; special topics (专题) gather pages by tag."""

    content_object = ParentalKey("wagtailcore.Page", related_name="tagged_items", on_delete=models.CASCADE)


class IndexSequence(models.Model):
    """The last 索引号 sequence number given out per organisation code and year."""

    prefix = models.CharField(max_length=30)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("prefix", "year")]

    @classmethod
    def next_index_number(cls, prefix, year):
        with transaction.atomic():
            sequence, _created = cls.objects.select_for_update().get_or_create(prefix=prefix, year=year)
            sequence.last_value += 1
            sequence.save(update_fields=["last_value"])
        return f"{prefix}/{year}-{sequence.last_value:05d}"


class ItemPage(PortalPage):
    """An item (信息) of a column: issue time, source, body, disclosure metadata and 索引号."""

    owner_unit = models.ForeignKey(
        "subsites.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(
        _("issue time"),
        default=timezone.now,
        help_text=_("When the item was issued (成文/印发); publication deadlines count from it."),
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    body = RichTextField(_("body"), blank=True)
    index_number = models.CharField(_("index number"), max_length=40, blank=True, editable=False, db_index=True)
    disclosure_category = models.CharField(
        _("disclosure category"), max_length=4, choices=DisclosureCategory.choices, blank=True
    )
    summary = models.TextField(_("content summary"), blank=True)
    tags = ClusterTaggableManager(through=PageTag, blank=True, verbose_name=_("tags"))

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("issued_at"),
                FieldPanel("source"),
                FieldPanel("disclosure_category"),
                FieldPanel("summary"),
                FieldPanel("tags"),
            ],
            heading=_("Disclosure metadata"),
        ),
    ]
    content_panels = Page.content_panels + metadata_panels + [FieldPanel("body")]
    # The admin's search (search/admin_search.py) finds items by any word of their body too.
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["content.ColumnPage"]
    subpage_types = []
    template = "content/item_page.html"
    # Whether the item gets a 索引号 (every disclosed government information item does).
    has_index_number = True

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        unit = self.get_unit() if self.path else None
        if unit is not None:
            self.owner_unit = unit
        if self.has_index_number and not self.index_number and self.path:
            prefix = unit.credit_code if unit else settings.PORTAL_CREDIT_CODE
            self.index_number = IndexSequence.next_index_number(prefix, timezone.localtime(self.issued_at).year)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # The editor shows the issue time to the minute; stored seconds would make it look changed.
        if self.issued_at:
            self.issued_at = self.issued_at.replace(second=0, microsecond=0)

    def publication_errors(self):
        """What must be fixed before this item may go live (shown to the approver); empty when fine."""
        return []


class NewsPage(ItemPage):
    """工作动态: a news item with cover image, gallery and video."""

    column_types = (ColumnType.NEWS,)

    search_type = "news"

    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(_("video embed link"), blank=True)

    content_panels = ItemPage.content_panels + [
        FieldPanel("cover"),
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("image")),
        MultiFieldPanel([FieldPanel("video_file"), FieldPanel("video_url")], heading=_("Video")),
    ]
    template = "content/news_page.html"
    has_index_number = False

    class Meta:
        verbose_name = _("news item")


class GalleryImage(Orderable):
    page = ParentalKey(NewsPage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class NoticeKind(models.TextChoices):
    NOTICE = "notice", _("Notice")
    PUBLICITY = "publicity", _("Public notice for comment (公示)")
    HEARING = "hearing", _("Hearing (听证)")


class NoticePage(ItemPage):
    """通知公告, 公示 and 听证; the latter two carry a comment period."""

    column_types = (ColumnType.NOTICES, ColumnType.DISCLOSURE)

    search_type = "notice"

    notice_kind = models.CharField(
        _("notice kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.NOTICE
    )
    comment_starts = models.DateField(_("comment period starts"), null=True, blank=True)
    comment_ends = models.DateField(_("comment period ends"), null=True, blank=True)

    content_panels = ItemPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("notice_kind"), FieldPanel("comment_starts"), FieldPanel("comment_ends")], heading=_("Notice")
        ),
    ]

    template = "content/item_page.html"

    class Meta:
        verbose_name = _("notice")

    def clean(self):
        super().clean()
        if self.notice_kind != NoticeKind.NOTICE and not (self.comment_starts and self.comment_ends):
            raise ValidationError({"comment_ends": _("A public notice or hearing needs its comment period.")})
        if self.comment_starts and self.comment_ends and self.comment_ends < self.comment_starts:
            raise ValidationError({"comment_ends": _("The comment period cannot end before it starts.")})


class ProcurementPage(ItemPage):
    """政府采购: procurement announcements and results."""

    column_types = (ColumnType.NOTICES, ColumnType.DISCLOSURE)

    search_type = "disclosure"

    project_number = models.CharField(_("procurement project number"), max_length=60, blank=True)
    purchaser = models.CharField(_("purchaser"), max_length=100, blank=True)

    content_panels = ItemPage.content_panels + [FieldPanel("project_number"), FieldPanel("purchaser")]

    template = "content/item_page.html"

    class Meta:
        verbose_name = _("procurement item")


class PersonnelPage(ItemPage):
    """人事任免 and other personnel information."""

    column_types = (ColumnType.PERSONNEL,)

    search_type = "disclosure"

    template = "content/item_page.html"

    class Meta:
        verbose_name = _("personnel item")


class PlanPage(ItemPage):
    """规划计划: development plans and work plans."""

    column_types = (ColumnType.PLANS,)

    search_type = "disclosure"

    plan_period = models.CharField(_("plan period"), max_length=50, blank=True)

    content_panels = ItemPage.content_panels + [FieldPanel("plan_period")]

    template = "content/item_page.html"

    class Meta:
        verbose_name = _("plan")


class AnnualReportPage(ItemPage):
    """政府网站工作年度报表 or 政府信息公开工作年度报告 of one year."""

    column_types = (ColumnType.DISCLOSURE_REPORT,)

    search_type = "disclosure"

    class Kind(models.TextChoices):
        WEBSITE = "website", _("Annual website work report")
        DISCLOSURE = "disclosure", _("Annual government information disclosure report")

    report_kind = models.CharField(_("report kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveIntegerField(_("year"))
    # The national form's numbers computed from the platform's data (content/annual_forms.py).
    figures = models.JSONField(default=dict, blank=True, editable=False)
    closing = RichTextField(
        _("closing sections"),
        blank=True,
        help_text=_("After the tables: problems and improvements, and other matters to report."),
    )
    # What the platform cannot know; the disclosure office fills it in (disclosure reports only).
    permits = models.PositiveIntegerField(_("administrative licensing decisions"), default=0)
    penalties = models.PositiveIntegerField(_("administrative penalty decisions"), default=0)
    coercions = models.PositiveIntegerField(_("administrative coercion decisions"), default=0)
    fees = models.DecimalField(_("administrative fees (10,000 yuan)"), max_digits=12, decimal_places=2, default=0)
    review_upheld = models.PositiveIntegerField(_("reviews: upheld"), default=0)
    review_corrected = models.PositiveIntegerField(_("reviews: corrected"), default=0)
    review_other = models.PositiveIntegerField(_("reviews: other result"), default=0)
    review_pending = models.PositiveIntegerField(_("reviews: pending"), default=0)
    direct_suit_upheld = models.PositiveIntegerField(_("suits without review: upheld"), default=0)
    direct_suit_corrected = models.PositiveIntegerField(_("suits without review: corrected"), default=0)
    direct_suit_other = models.PositiveIntegerField(_("suits without review: other result"), default=0)
    direct_suit_pending = models.PositiveIntegerField(_("suits without review: pending"), default=0)
    suit_after_review_upheld = models.PositiveIntegerField(_("suits after review: upheld"), default=0)
    suit_after_review_corrected = models.PositiveIntegerField(_("suits after review: corrected"), default=0)
    suit_after_review_other = models.PositiveIntegerField(_("suits after review: other result"), default=0)
    suit_after_review_pending = models.PositiveIntegerField(_("suits after review: pending"), default=0)

    OFFICE_FIELDS = [
        "permits",
        "penalties",
        "coercions",
        "fees",
        *(
            f"{group}_{result}"
            for group in ("review", "direct_suit", "suit_after_review")
            for result in ("upheld", "corrected", "other", "pending")
        ),
    ]
    content_panels = ItemPage.content_panels + [
        FieldPanel("report_kind"),
        FieldPanel("year"),
        FieldPanel("closing"),
        MultiFieldPanel(
            [FieldPanel(name) for name in OFFICE_FIELDS],
            _("Filled in by the disclosure office (disclosure report only)"),
        ),
    ]

    template = "content/annual_report_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_tables"] = tables(self)
        return context

    class Meta:
        verbose_name = _("annual report")
