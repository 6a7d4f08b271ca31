"""Files follow their page: a document is served to the public only while a live page uses it.

Wagtail's document view (`/documents/<id>/<name>`, WAGTAILDOCS_SERVE_METHOD "serve_view") runs the
`before_serve_document` hook for every storage backend. The reference index names the pages
that may use the document; a use counts only when the page is live and its *live* revision
refers to the document (the index also holds references of unpublished drafts). People who may
work with the document in its collection (its unit's staff, the portal administrator) always
get it, so drafts can be previewed.
"""
from django.contrib.contenttypes.models import ContentType
from wagtail.documents.permissions import permission_policy
from wagtail.models import Page, ReferenceIndex


def used_by_live_page(document):
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(document).filter(
        base_content_type=page_type).values_list("object_id", flat=True)
    document_type = ReferenceIndex._get_base_content_type(document).pk
    for page in Page.objects.live().filter(pk__in=list(page_ids)).select_related("live_revision"):
        live = page.live_revision.as_object() if page.live_revision else page.specific
        # Wagtail's own extraction of references (private API; guarded by tests/test_moderation_gate.py).
        for content_type_id, object_id, _model_path, _content_path in (
                ReferenceIndex._extract_references_from_object(live)):
            if content_type_id == document_type and object_id == str(document.pk):
                return True
    return False


def may_download(user, document):
    if user.is_authenticated and permission_policy.user_has_any_permission_for_instance(
            user, ["change", "choose"], document):
        return True
    return used_by_live_page(document)
