"""Policy documents (政策文件) with their interpretations (政策解读) and Q&A items (便民问答)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from ..vocabularies import KINDS_NEEDING_INTERPRETATION, PolicyKind, Topic, Validity
from .columns import ColumnType, current
from .items import ItemPage


class PolicyPage(ItemPage):
    """A policy document: 文号, 发文机关, dates, 主题分类, 有效性 and its successor."""

    column_types = (ColumnType.POLICIES,)

    search_type = "policy"

    policy_kind = models.CharField(_("document kind"), max_length=20, choices=PolicyKind.choices)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=100)
    written_date = models.DateField(_("date written"))
    release_date = models.DateField(_("release date"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    validity = models.CharField(_("validity"), max_length=20, choices=Validity.choices, default=Validity.VALID)
    superseded_by = models.ForeignKey(
        "content.PolicyPage",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    interpretation_exempt = models.BooleanField(_("exempt from interpretation"), default=False)
    exemption_reason = models.TextField(_("reason for the exemption"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("policy_kind"),
                    FieldPanel("doc_number"),
                    FieldPanel("issuing_authority"),
                    FieldPanel("written_date"),
                    FieldPanel("release_date"),
                    FieldPanel("topic"),
                ],
                heading=_("Document details"),
            ),
            MultiFieldPanel(
                [FieldPanel("validity"), PageChooserPanel("superseded_by", "content.PolicyPage")], heading=_("Validity")
            ),
            MultiFieldPanel(
                [FieldPanel("interpretation_exempt"), FieldPanel("exemption_reason")], heading=_("Interpretation")
            ),
        ]
        + ItemPage.metadata_panels
        + [
            FieldPanel("body"),
            InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
        ]
    )
    template = "content/policy_page.html"
    keeps_record_when_expired = True

    class Meta:
        verbose_name = _("policy document")

    @property
    def needs_interpretation(self):
        return self.policy_kind in KINDS_NEEDING_INTERPRETATION

    @property
    def is_in_force(self):
        return self.validity in (Validity.VALID, Validity.AMENDED) and not self.is_expired_record()

    @property
    def validity_label(self):
        """有效性 as the public sees it: an expired record is 已失效 whatever its stored validity."""
        return Validity.EXPIRED.label if self.is_expired_record() else self.get_validity_display()

    def interpretations(self):
        return self._linked(InterpretationPage)

    def qa_items(self):
        return self._linked(QAPage)

    def companions(self):
        """The interpretations and Q&A items of this policy (specific pages, live or not)."""
        return [*InterpretationPage.objects.filter(policy=self), *QAPage.objects.filter(policy=self)]

    def approved_with(self):
        """Pages approved in the same step as this one (同步审签): its interpretations and Q&A."""
        return self.companions()

    def publication_errors(self):
        errors = super().publication_errors()
        # An unsubmitted draft does not count: the interpretation is live, or goes through sign-off with it.
        ready = any(page.live or page.workflow_in_progress for page in self.companions())
        if self.needs_interpretation and not ready:
            if not self.interpretation_exempt:
                errors.append(
                    gettext(
                        "This %(kind)s has no interpretation or Q&A that is published or submitted for approval "
                        "with it: submit one, or mark it exempt and give the reason."
                    )
                    % {"kind": self.get_policy_kind_display()}
                )
            elif not self.exemption_reason.strip():
                errors.append(gettext("The exemption from interpretation needs a reason."))
        return errors

    def _linked(self, model):
        """Current items of `model` linked to this policy: the policy unit's own, and other units'
        once the policy's unit has accepted them (content placed on its site needs its sign-off)."""
        pages = current(model.objects.filter(policy=self)).order_by("-first_published_at")
        if self.owner_unit_id is None:
            return pages
        accepted = PolicyLinkAcceptance.objects.filter(policy=self).values("page_id")
        return pages.filter(Q(owner_unit_id=self.owner_unit_id) | Q(pk__in=accepted))


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class InterpretationPage(ItemPage):
    """政策解读: text, 图解 image and video, linked to its policy."""

    column_types = (ColumnType.INTERPRETATIONS,)

    search_type = "interpretation"

    policy = models.ForeignKey(
        PolicyPage,
        verbose_name=_("policy document"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diagram = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("illustrated interpretation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(_("video embed link"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            PageChooserPanel("policy", "content.PolicyPage"),
        ]
        + ItemPage.metadata_panels
        + [FieldPanel("body"), FieldPanel("diagram"), FieldPanel("video_url")]
    )
    template = "content/interpretation_page.html"

    class Meta:
        verbose_name = _("policy interpretation")


class QAPage(ItemPage):
    """便民问答: the title is the question, the body the answer; linked to its policy."""

    column_types = (ColumnType.INTERPRETATIONS,)

    search_type = "qa"

    policy = models.ForeignKey(
        PolicyPage,
        verbose_name=_("policy document"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        Page.content_panels
        + [
            PageChooserPanel("policy", "content.PolicyPage"),
        ]
        + ItemPage.metadata_panels
        + [FieldPanel("body", heading=_("Answer"))]
    )
    template = "content/interpretation_page.html"
    has_index_number = False

    class Meta:
        verbose_name = _("Q&A item")


class PolicyLinkAcceptance(models.Model):
    """A policy's unit accepting another unit's interpretation or Q&A item of that policy."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("interpretation or Q&A item"), on_delete=models.CASCADE, related_name="+"
    )
    policy = models.ForeignKey(
        PolicyPage, verbose_name=_("policy document"), on_delete=models.CASCADE, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accepted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("accepted link to a policy")
