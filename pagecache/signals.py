"""What invalidates cached pages: any change to pages or to the data public pages show.

A publication, unpublication, move or deletion changes the page itself and every listing that
shows it (its column, its unit home, the portal home, the syndicated portal columns, topic
pages), so instead of tracking those listings one by one the whole site starts a new generation.
Saves of draft pages and of draft bookkeeping on live pages do not bump it, nor do submissions,
sessions, tasks, revisions and image renditions.
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import bump

# Apps whose every model is public content or shapes public pages (units, site identity,
# mourning periods, columns, organisations, attachments, tags).
PUBLIC_APPS = {"base", "home", "subsites", "content"}
PUBLIC_MODELS = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
    "taggit.tag",
}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump()


# Page fields that saving a draft revision or locking updates; public pages do not show them.
DRAFT_BOOKKEEPING = {
    "latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
    "locked", "locked_at", "locked_by",
}


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        if instance.live and not set(kwargs.get("update_fields") or ["*"]) <= DRAFT_BOOKKEEPING:
            bump()
        return
    meta = sender._meta
    if meta.app_label in PUBLIC_APPS or meta.label_lower in PUBLIC_MODELS:
        bump()
