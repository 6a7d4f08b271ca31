"""Files follow their page: a document or image is served to the public only while something public uses it.

Documents: Wagtail's document view (`/documents/<id>/<name>`, WAGTAILDOCS_SERVE_METHOD "serve_view")
runs the `before_serve_document` hook for every storage backend. Images: the originals and renditions
under MEDIA_URL (`original_images/`, `images/`) are answered by `serve_image_file`, in front of any
direct serving of MEDIA_ROOT (docs/deploy.md tells the proxy to pass these folders to Django).

The reference index names what may use a file. A page's use counts only when the page is live and its
*live* revision refers to the file (the index also holds references of unpublished drafts), or it is an
expired record (`PortalPage.is_expired_record`: its row keeps the last published content); a use by
anything that is not a page (a snippet) counts at once, since those are saved straight to the public,
and so does a site identity's logo or badge (settings are not in the reference index). People who may work with the file in its collection (its unit's
staff, the portal administrator) always get it, so drafts can be previewed.
"""

import mimetypes
import posixpath

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import Page, ReferenceIndex

from subsites.models import SiteIdentity

IMAGE_FOLDERS = ("original_images", "images")
# How long a browser may keep a served image; shared caches never keep one (`private`).
IMAGE_MAX_AGE = 300


def used_publicly(obj):
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj)
    if references.exclude(base_content_type=page_type).exists():
        return True
    page_ids = references.filter(base_content_type=page_type).values_list("object_id", flat=True)
    obj_type = ReferenceIndex._get_base_content_type(obj).pk
    candidates = Page.objects.filter(Q(live=True) | Q(expired=True), pk__in=list(page_ids))
    for page in candidates.select_related("live_revision"):
        live = page.live_revision.as_object() if page.live_revision else page.specific
        if not page.live and not getattr(live, "is_expired_record", bool)():  # an expired policy: a record
            continue
        # Wagtail's own extraction of references (private API; guarded by tests/test_moderation_files.py).
        for content_type_id, object_id, _model_path, _content_path in ReferenceIndex._extract_references_from_object(
            live
        ):
            if content_type_id == obj_type and object_id == str(obj.pk):
                return True
    return False


def _may_fetch(user, obj, policy):
    return user.is_authenticated and policy.user_has_any_permission_for_instance(user, ["change", "choose"], obj)


def may_download(user, document):
    return _may_fetch(user, document, document_policy) or used_publicly(document)


def may_see_image(user, image):
    return (
        _may_fetch(user, image, image_policy)
        or SiteIdentity.objects.filter(Q(logo=image) | Q(party_badge_image=image)).exists()
        or used_publicly(image)
    )


def image_for_file(folder, name):
    """The image whose original (folder `original_images`) or rendition (`images`) is stored as `name`."""
    Image = get_image_model()
    stored = posixpath.join(folder, name)
    if folder == "original_images":
        return Image.objects.filter(file=stored).first()
    rendition = Image.get_rendition_model().objects.filter(file=stored).select_related("image").first()
    return rendition.image if rendition else None


def serve_image_file(request, folder, name):
    """An image file under MEDIA_URL, to those `may_see_image` allows; 404 for anyone else."""
    image = image_for_file(folder, name)
    if image is None or not may_see_image(request.user, image):
        raise Http404
    storage = get_image_model()._meta.get_field("file").storage
    stored = posixpath.join(folder, name)
    if not storage.exists(stored):
        raise Http404
    response = FileResponse(
        storage.open(stored, "rb"), content_type=mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    patch_cache_control(response, private=True, max_age=IMAGE_MAX_AGE)
    return response
