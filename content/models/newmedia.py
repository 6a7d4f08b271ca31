"""政务新媒体: the county's WeChat, Weibo and short-video accounts per owner unit, and the page listing them.

Opening and closing are recorded as dates (with the reason for a closure); every change of an
account is in the snippet's history. `last_updated` is the date of the account's latest post, which
the supervision rule `new_media_updates` checks.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from base.pages import PortalPage


class Platform(models.TextChoices):
    WECHAT = "wechat", _("WeChat official account")
    CHANNELS = "channels", _("WeChat Channels")
    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    KUAISHOU = "kuaishou", _("Kuaishou")
    TOUTIAO = "toutiao", _("Toutiao")
    OTHER = "other", _("Other platform")


class NewMediaAccountQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)


class NewMediaAccount(models.Model):
    unit = models.ForeignKey(
        "subsites.Unit", verbose_name=_("owner unit"), on_delete=models.CASCADE, related_name="new_media_accounts"
    )
    name = models.CharField(_("account name"), max_length=100)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    account_id = models.CharField(
        _("account ID"), max_length=100, blank=True, help_text=_("E.g. the WeChat ID or the Weibo address.")
    )
    qr_code = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("QR code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    last_updated = models.DateField(_("last update"), help_text=_("The date of the account's latest post."))
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    objects = NewMediaAccountQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("government new media account")
        verbose_name_plural = _("government new media accounts")

    def __str__(self):
        return f"{self.name}（{self.get_platform_display()}）"

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.last_updated and self.last_updated > today:
            errors["last_updated"] = _("The last update cannot be in the future.")
        if self.closed_on:
            if self.opened_on and self.closed_on < self.opened_on:
                errors["closed_on"] = _("An account cannot close before it opened.")
            if not self.close_reason.strip():
                errors["close_reason"] = _("Give the reason for closing the account.")
        if errors:
            raise ValidationError(errors)


class NewMediaPage(PortalPage):
    """政务新媒体: the open accounts with their QR codes — on the portal every unit's, on a subsite its own."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.PortalHomePage", "content.UnitHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "content/new_media_page.html"

    class Meta:
        verbose_name = _("government new media page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        accounts = (
            NewMediaAccount.objects.open()
            .select_related("unit", "qr_code")
            .order_by("unit__sort_order", "unit__name", "sort_order", "pk")
        )
        unit = self.get_unit()
        if unit is not None:
            accounts = accounts.filter(unit=unit)
        groups = {}
        for account in accounts:
            groups.setdefault(account.unit, []).append(account)
        context["groups"] = list(groups.items())
        return context
