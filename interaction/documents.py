"""Search documents of published interaction replies (公开答复), masked as on their public page, and the
signals that queue a reply for indexing when it is published, changed or withdrawn."""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from wagtail.models import Site

from search.analysis import title_terms
from search.documents import PORTAL_UNIT, DocumentSource, SearchDocument, register
from search.indexing import record_changes

from .masking import public_text
from .models import Case


class ReplySource(DocumentSource):
    prefix = "reply"

    def all_ids(self):
        return Case.objects.filter(published=True).order_by("pk").values_list("pk", flat=True).iterator()

    def build(self, object_id):
        case = (
            Case.objects.filter(pk=object_id, published=True)
            .select_related("reply_unit__site", "reply_unit__home_page", "unit__site", "unit__home_page")
            .first()
        )
        if case is None:
            return None
        unit = case.reply_unit or case.unit
        site = (unit.site if unit else None) or Site.objects.filter(is_default_site=True).first()
        home = unit.home_page if unit else None
        title = public_text(case, "title")
        return SearchDocument(
            key=f"{self.prefix}:{case.pk}",
            type="reply",
            title=title,
            url=(site.root_url if site else "") + reverse("interaction:reply", args=[case.tracking_code]),
            path=home.path if home else (site.root_page.path if site else ""),
            unit=unit.code if unit else PORTAL_UNIT,
            unit_label=unit.name if unit else settings.PORTAL_NAME,
            published_at=case.replied_at,
            body=public_text(case, "reply_body"),
            extra=public_text(case, "body"),
            slug=case.tracking_code,
            column_type="interaction",
            suggest_words=title_terms(title),
        )


register(ReplySource())


@receiver(pre_save, sender=Case)
def case_saving(sender, instance, **kwargs):
    instance._was_published = bool(instance.pk) and sender.objects.filter(pk=instance.pk, published=True).exists()


@receiver(post_save, sender=Case)
def case_saved(sender, instance, **kwargs):
    """Only published replies are indexed: a save matters when the case is or was published."""
    if instance.published or getattr(instance, "_was_published", False):
        record_changes([f"reply:{instance.pk}"])
