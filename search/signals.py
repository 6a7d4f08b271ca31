"""Signals that record index changes in the outbox, inside the transaction that makes them."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.documents import PageSource, searchable_pages
from content.models import InterpretationPage, PolicyLinkAcceptance, QAPage

from .indexing import record_changes

pages = PageSource()


def _page_keys(page):
    return [f"page:{page.pk}", *pages.dependents(page)]


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    record_changes(_page_keys(instance))


@receiver(post_save)
def live_page_created(sender, instance, created, **kwargs):
    """Pages created live without a publication (subsite columns from the template, a unit's home)."""
    if created and isinstance(instance, Page) and instance.live:
        record_changes([f"page:{instance.pk}"])


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    """Django sends one signal per table of a deleted page: the Page row, then the specific one."""
    if sender is Page:
        record_changes([f"page:{instance.pk}"])
    elif isinstance(instance, InterpretationPage | QAPage) and instance.policy_id:
        record_changes([f"page:{instance.policy_id}"])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    """A move changes the URL, unit and column of the page and everything below it."""
    moved = searchable_pages().descendant_of(instance, inclusive=True).values_list("pk", flat=True)
    record_changes([f"page:{pk}" for pk in moved])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """A restriction hides the page and everything below it from the public; lifting it shows them again."""
    below = Page.objects.descendant_of(instance.page, inclusive=True).values_list("pk", flat=True)
    record_changes([f"page:{pk}" for pk in below])


@receiver(pre_save, sender=InterpretationPage)
@receiver(pre_save, sender=QAPage)
def policy_link_changing(sender, instance, update_fields=None, **kwargs):
    """When an interpretation or Q&A moves to another policy, the previous policy loses its text."""
    if not instance.pk or (update_fields is not None and "policy" not in update_fields):
        return
    previous = sender.objects.filter(pk=instance.pk, live=True).values_list("policy_id", flat=True).first()
    if previous and previous != instance.policy_id:
        record_changes([f"page:{previous}"])


@receiver(post_save, sender=PolicyLinkAcceptance)
@receiver(post_delete, sender=PolicyLinkAcceptance)
def policy_link_accepted_or_withdrawn(sender, instance, **kwargs):
    """Another unit's interpretation joins (or leaves) its policy's text once the policy's unit accepts it."""
    record_changes([f"page:{instance.policy_id}"])
