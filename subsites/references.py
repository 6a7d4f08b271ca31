"""What a page may refer to: images and documents its author may use, and pages of the author's
own subtrees or published pages of other units.

Wagtail's choosers only offer those, but the page form accepts any id in its foreign keys,
inline panels and rich text. `reference_errors` finds every image, document and page a form's
object refers to (Wagtail's reference index extraction) and names those out of the user's reach
that the page did not already refer to.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import page_permission_policy

from .admin_scope import reachable_documents, reachable_images


def linkable_pages(user):
    """Pages of the user's own subtrees, and every published page."""
    own = page_permission_policy.instances_user_has_any_permission_for(user, ["add", "change"])
    return Page.objects.filter(Q(live=True) | Q(pk__in=own.values("pk")))


RULES = (  # base class, the objects a user may refer to, the message for any other
    (
        AbstractImage,
        reachable_images,
        lambda: _("It refers to an image you may not use (id %(id)s); choose one of your unit's images."),
    ),
    (
        AbstractDocument,
        reachable_documents,
        lambda: _("It refers to a document you may not use (id %(id)s); choose one of your unit's documents."),
    ),
    (
        Page,
        linkable_pages,
        lambda: _("It links to an unpublished page of another unit (id %(id)s); link only to published pages."),
    ),
)


def references(obj):
    """{(content type id, object id): the field path} for every reference `obj` holds."""
    if obj is None:
        return {}
    return {
        (ct, object_id): path.split(".")[0]
        for ct, object_id, path, _content in ReferenceIndex._extract_references_from_object(obj)
    }


def reference_errors(user, obj, known=frozenset()):
    """[(field name, message)] for each reference of `obj` that `user` may not make (and that
    is not among the `known` references of the page's current version)."""
    if user is None or user.is_superuser:
        return []
    errors = []
    for (ct, object_id), field in references(obj).items():
        if (ct, object_id) in known:
            continue
        model = ContentType.objects.get_for_id(ct).model_class()
        for base, reachable, message in RULES:
            if model is not None and issubclass(model, base):
                if not reachable(user).filter(pk=object_id).exists():
                    errors.append((field, message() % {"id": object_id}))
                break
    return errors
