"""Units (单位), per-site identity settings and the units' footer links."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Collection, Page, Site

from .validators import (
    ICP_RE,
    POLICE_RE,
    SITE_CODE_RE,
    validate_credit_code,
    validate_host_label,
    validate_site_code,
)


class UnitKind(models.TextChoices):
    TOWNSHIP = "township", _("Township")
    STREET = "street", _("Street")
    DEPARTMENT = "department", _("County department")


class UnitQuerySet(models.QuerySet):
    def for_user(self, user):
        """The units whose subsite this user works on (all of them for the portal administrator)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        group_ids = user.groups.values_list("pk", flat=True)
        return self.filter(
            models.Q(editor_group__in=group_ids)
            | models.Q(reviewer_group__in=group_ids)
            | models.Q(leader_group__in=group_ids)
        ).distinct()


class Unit(models.Model):
    """A township, street or county department that runs a subsite on the platform."""

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        error_messages={"unique": _("A unit with this name already exists.")},
    )
    short_name = models.CharField(_("short name"), max_length=30)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(
        _("unit code"),
        max_length=32,
        unique=True,
        validators=[validate_host_label],
        error_messages={"unique": _("A unit with this code already exists.")},
        help_text=_("Used as the subsite host label, e.g. “jyj” for jyj.<portal domain>."),
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("A unit with this credit code already exists.")},
    )
    responsible_person = models.CharField(_("responsible person"), max_length=50)
    main_leader = models.CharField(_("main leader"), max_length=50)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in service"), default=True)

    # What create_subsite made for the unit; removed with the unit or on deactivation.
    home_page = models.OneToOneField(
        Page,
        verbose_name=_("subsite home page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    site = models.OneToOneField(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="unit", editable=False
    )
    editor_group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewer_group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    leader_group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    collection = models.OneToOneField(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = UnitQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("kind"),
                FieldPanel("code"),
                FieldPanel("credit_code"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("main_leader")],
            heading=_("Leadership"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("office_hours")],
            heading=_("Contact"),
        ),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    @property
    def host(self):
        return f"{self.code}.{settings.PORTAL_DOMAIN}"

    def unit_groups(self):
        return [g for g in (self.editor_group, self.reviewer_group, self.leader_group) if g]


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What the footer of every page of a site says about who runs it."""

    site_name = models.CharField(_("website name"), max_length=100, blank=True)
    organizer = models.CharField(_("organizer"), max_length=100, blank=True)
    site_code = models.CharField(
        _("website identification code"),
        max_length=12,
        blank=True,
        validators=[validate_site_code],
    )
    icp_number = models.CharField(_("ICP filing number"), max_length=50, blank=True)
    police_number = models.CharField(_("public security filing number"), max_length=50, blank=True)
    contact = models.CharField(_("contact information"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("emblem or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown before the website name in the header (e.g. the national emblem)."),
    )
    party_badge_url = models.URLField(
        _("party and government organ badge link"),
        blank=True,
        help_text=_("Link of the 党政机关 identification badge issued for this site."),
    )
    party_badge_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("party and government organ badge image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The 党政机关 identification image issued with the badge link (conac)."),
    )
    error_report_url = models.URLField(
        _("“report an error” link"),
        blank=True,
        default="https://pucha.kaipuyun.cn/exposure/jiucuo.html",
        help_text=_("The national 我为政府网站找错 entry; the site code is appended."),
    )

    class Meta:
        verbose_name = _("site identity")

    def filing_problems(self):
        """What is missing or malformed among the code and filing numbers every page must show."""
        problems = []
        for field, pattern in (("site_code", SITE_CODE_RE), ("icp_number", ICP_RE), ("police_number", POLICE_RE)):
            value = getattr(self, field).strip()
            label = self._meta.get_field(field).verbose_name
            if not value:
                problems.append(_("%(field)s is missing") % {"field": label})
            elif not pattern.match(value):
                problems.append(_("%(field)s “%(value)s” is malformed") % {"field": label, "value": value})
        return problems


class UnitLink(models.Model):
    """A link a unit lists in its subsite footer (友情链接 / 常用链接)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=100)
    url = models.URLField(_("link address"))
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("unit link")
        verbose_name_plural = _("unit links")

    def __str__(self):
        return self.title
