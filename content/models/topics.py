"""Special topics (专题专栏): a page gathering items from any unit, by tag or by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from base.pages import PortalPage

from .columns import ColumnType, current


class TopicPage(PortalPage):
    column_types = (ColumnType.TOPICS,)
    introduction = RichTextField(_("introduction"), blank=True)
    tag = models.CharField(
        _("gather by tag"),
        max_length=100,
        blank=True,
        help_text=_("Every live item of any unit carrying this tag is listed."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("tag"),
        InlinePanel("selections", heading=_("Selected pages"), label=_("page")),
    ]
    parent_page_types = ["content.ColumnPage", "content.PortalHomePage"]
    subpage_types = []
    template = "content/topic_page.html"

    class Meta:
        verbose_name = _("special topic")

    def gathered_pages(self):
        """Selected pages first (in their order), then tagged pages newest first, without duplicates."""
        selected_ids = [s.page_id for s in self.selections.all()]
        selected = {p.pk: p for p in current(Page.objects.filter(pk__in=selected_ids))}
        pages = [selected[pk] for pk in selected_ids if pk in selected]
        if self.tag:
            tagged = (
                current(Page.objects.filter(tagged_items__tag__name=self.tag))
                .exclude(pk__in=selected_ids)
                .order_by("-first_published_at")
            )
            pages += list(tagged[:200])
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.gathered_pages()
        return context


class TopicSelection(Orderable):
    topic = ParentalKey(TopicPage, related_name="selections", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page")]
