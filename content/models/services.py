"""Service items (办事事项 / 行政许可) with the 14 fixed fields and downloadable forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from .columns import ColumnType
from .items import ItemPage


class ServiceItemPage(ItemPage):
    """A service guide. The title is 项目名称; the other 13 fields below may stay empty in a draft
    but are all required to publish (Wagtail defers required fields on draft saves)."""

    column_types = (ColumnType.SERVICES,)

    search_type = "service"

    class ItemType(models.TextChoices):
        LICENSING = "licensing", _("Administrative licensing")
        PUBLIC_SERVICE = "public_service", _("Public service")
        OTHER_POWER = "other_power", _("Other administrative power")

    accepting_agency = models.CharField(_("accepting agency"), max_length=100)
    item_type = models.CharField(_("item type"), max_length=20, choices=ItemType.choices)
    contact_person = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=50)
    service_target = models.CharField(_("service target"), max_length=200)
    time_limit = models.CharField(_("time limit"), max_length=100)
    fees = models.TextField(_("fees"))
    legal_basis = models.TextField(_("legal basis"))
    conditions = models.TextField(_("acceptance conditions"))
    materials = models.TextField(_("required materials"))
    procedure = models.TextField(_("procedure"))
    flowchart = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("flowchart"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervision = models.TextField(_("supervision measures"))
    change_effective_at = models.DateTimeField(
        _("procedure change took effect"),
        null=True,
        blank=True,
        help_text=_(
            "When the procedure, basis or materials changed; the guide must be updated within 24 hours "
            "(measured by supervision like fixed columns)."
        ),
    )

    # The 14 fields in the order the guide table shows them (title = 项目名称).
    GUIDE_FIELDS = [
        "title",
        "accepting_agency",
        "item_type",
        "contact_person",
        "contact_phone",
        "service_target",
        "time_limit",
        "fees",
        "legal_basis",
        "conditions",
        "materials",
        "procedure",
        "flowchart",
        "supervision",
    ]

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel([FieldPanel(name) for name in GUIDE_FIELDS[1:]], heading=_("Service guide")),
            InlinePanel("forms", heading=_("Downloadable forms"), label=_("form")),
            FieldPanel("change_effective_at"),
        ]
        + ItemPage.metadata_panels
    )
    template = "content/service_item_page.html"

    class Meta:
        verbose_name = _("service item")

    def missing_guide_fields(self):
        """Verbose names of the guide fields that are still empty."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.GUIDE_FIELDS[1:]
            if not (getattr(self, name + "_id", None) if name == "flowchart" else str(getattr(self, name)).strip())
        ]

    def guide_rows(self):
        rows = []
        for name in self.GUIDE_FIELDS:
            field = self._meta.get_field(name)
            value = getattr(self, f"get_{name}_display")() if field.choices else getattr(self, name)
            rows.append((_("item name") if name == "title" else field.verbose_name, name, value))
        return rows


class ServiceForm(Orderable):
    page = ParentalKey(ServiceItemPage, related_name="forms", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
