"""What invalidates cached pages: any change to pages or to the data public pages show.

A publication, unpublication, move or deletion changes the page itself and every listing that
shows it (its column, its unit home, the portal home, the syndicated portal columns, topic
pages), so instead of tracking those listings one by one the whole site starts a new generation.
Saves of other models bump it only when public pages show them; submissions, sessions, tasks,
revisions and image renditions do not.
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
    # Admin actions that change a page's row directly (e.g. correcting its first publication time) log one.
    "wagtailcore.pagelogentry",
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


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, **kwargs):
    meta = sender._meta
    if isinstance(instance, Page) or meta.app_label in PUBLIC_APPS or meta.label_lower in PUBLIC_MODELS:
        bump()
