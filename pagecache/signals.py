"""What purges cached pages, and exactly which ones (see `affected.py` for the addresses).

- A page that goes live, changes while live, leaves, moves or is deleted: the addresses that
  show it, before the change (captured when its live row is saved, moved or deleted) and after.
- Another unit's interpretation accepted or withdrawn on a policy, an 在线访谈's transcript entry or
  selected question: the addresses showing that page.
- A site's identity: that host. A unit, its footer links or its 政务新媒体 accounts: its host and the
  portal's.
- An image or document changed or deleted: the addresses showing the pages that use it.
- Mourning periods, sites, view restrictions, renamed tags: every page.

Nothing else purges: drafts, revisions, locks, workflow states, the 索引号 sequence, submissions,
sessions, tasks, renditions, new uploads nobody uses yet. Every model of the apps whose data
public pages show is named here or in `NOT_SHOWN`, which `tests/test_page_cache.py` checks.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from . import purge
from .affected import addresses_showing, referencing_pages

# Apps whose data public pages may show; their every model is classified below.
PUBLIC_APPS = {"base", "subsites", "content"}
# Rows of those apps that no public page shows by themselves: counters, supervision records, and
# the children of a page (saved when the page is published, which purges it).
NOT_SHOWN = {
    "base.jobrun",  # periodic jobs' claims
    "base.passwordchangerequired",  # accounts' first sign-in
    "base.outgoingmail",  # e-mail to send or sent
    "content.indexsequence",
    "content.fixedinfochange",
    "content.pagetag",
    "content.organisation",
    "content.galleryimage",
    "content.policyattachment",
    "content.serviceform",
    "content.topicselection",
    "content.surveyquestion",
    "content.interviewguest",
    "content.interviewphoto",
}
EVERY_PAGE = {"base.mourningperiod", "wagtailcore.site", "wagtailcore.pageviewrestriction"}
HOST_WIDE = {"subsites.siteidentity", "subsites.unit", "subsites.unitlink", "content.newmediaaccount"}
# Rows shown on one page, by the field naming it: saving one purges that page.
SHOWN_ON_A_PAGE = {
    "content.policylinkacceptance": "policy_id",
    "interaction.transcriptentry": "page_id",
    "interaction.interviewquestion": "page_id",
}

# Page fields that saving a draft revision or locking updates; public pages do not show them.
DRAFT_BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def _is_bookkeeping(kwargs):
    return set(kwargs.get("update_fields") or ["*"]) <= DRAFT_BOOKKEEPING


@receiver(pre_save)
def live_page_about_to_change(sender, instance, **kwargs):
    """Where a live page shows before it changes (its old title, column, tags, slug)."""
    if isinstance(instance, Page) and instance.pk and not _is_bookkeeping(kwargs):
        before = Page.objects.filter(pk=instance.pk, live=True).first()
        if before is not None:
            purge.addresses(addresses_showing(before), f"page {instance.pk} changing")


@receiver(page_published)
@receiver(page_unpublished)
def page_published_or_unpublished(sender, instance, **kwargs):
    purge.addresses(addresses_showing(instance), f"page {instance.pk} (un)published")


@receiver(pre_page_move)
@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    page = Page.objects.get(pk=instance.pk)  # the tree position as stored now
    if page.live:
        purge.addresses(addresses_showing(page, with_descendants=True), f"page {instance.pk} moving")


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge.addresses(addresses_showing(instance, with_descendants=True), f"page {instance.pk} deleted")


@receiver(post_save)
@receiver(post_delete)
def data_changed(sender, instance, created=False, **kwargs):
    label = sender._meta.label_lower
    if isinstance(instance, Page) or label in NOT_SHOWN:
        return
    if label == "subsites.siteidentity":
        if created:
            return  # made with defaults on a site's first render: nothing shown changes
        purge.hosts(Site.objects.filter(pk=instance.site_id).values_list("hostname", flat=True), label)
    elif label in ("subsites.unit", "subsites.unitlink", "content.newmediaaccount"):
        site_id = instance.site_id if label == "subsites.unit" else _unit_site_id(instance.unit_id)
        purge.hosts(
            Site.objects.filter(Q(is_default_site=True) | Q(pk=site_id)).values_list("hostname", flat=True), label
        )
    elif label in SHOWN_ON_A_PAGE:
        page = Page.objects.filter(pk=getattr(instance, SHOWN_ON_A_PAGE[label]), live=True).first()
        if page is not None:
            purge.addresses(addresses_showing(page), label)
    elif sender in (get_image_model(), get_document_model()):
        if not created:
            pages = referencing_pages(instance)
            purge.addresses(set().union(*(addresses_showing(page) for page in pages)), label)
    else:
        unclassified = sender._meta.app_label in PUBLIC_APPS  # a public app's model not named above: be safe
        if label in EVERY_PAGE or (label == "taggit.tag" and not created) or unclassified:
            purge.everything(label)


def _unit_site_id(unit_id):
    from subsites.models import Unit

    return Unit.objects.filter(pk=unit_id).values_list("site_id", flat=True).first()
