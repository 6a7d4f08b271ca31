"""What a unit's users reach in the admin beyond Wagtail's own permission checks.

- `AdminObjectScopeMiddleware`: every admin view whose URL names a page, image or document by
  id answers 404 when that object is outside the user's reach, before the view runs. Several
  Wagtail views (workflow preview/action/cancellation, the image chooser's format step) look
  the object up unscoped and name it in their answer or refusal message.
- Admin API endpoints for images and documents limited to the collections the user may use.
- Tag autocomplete limited to the tags of the pages, images and documents the user reaches.
- Whole-tree reports (page types usage) for the portal administrator only.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from taggit.models import Tag, TaggedItem, TaggedItemBase
from wagtail.admin.views import tags
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

MEDIA_ACTIONS = ["choose", "change", "delete"]


def reachable_pages(user):
    """Pages the user may see in the admin: those of their subtrees and the pages above them."""
    return page_permission_policy.explorable_instances(user)


def reachable_images(user):
    return image_policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)


def reachable_documents(user):
    return document_policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)


# URL keyword → the objects a user may name with it. Views with other object ids are scoped by
# their own permission policy or viewset; tests/test_admin_url_isolation.py checks every one.
SCOPED_KWARGS = {
    "page_id": reachable_pages,
    "image_id": reachable_images,
    "document_id": reachable_documents,
}

# Reports over the whole page tree (every unit's pages and their last editors), and workflow
# management (some of its views, such as the task chooser, check no permission).
ADMINISTRATOR_ONLY = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}
ADMINISTRATOR_ONLY_NAMESPACES = {"wagtailadmin_workflows"}


class AdminObjectScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        administrator_only = match.view_name in ADMINISTRATOR_ONLY or match.namespace in ADMINISTRATOR_ONLY_NAMESPACES
        scoped = [(reachable, view_kwargs[kwarg]) for kwarg, reachable in SCOPED_KWARGS.items() if kwarg in view_kwargs]
        if not (administrator_only or scoped):  # decided before the user is loaded (public pages)
            return None
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return None
        if administrator_only:
            raise PermissionDenied
        if any(not reachable(user).filter(pk=object_id).exists() for reachable, object_id in scoped):
            raise Http404
        return None


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=reachable_images(self.request.user).values("pk"))


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=reachable_documents(self.request.user).values("pk"))


def reachable_tags(user):
    """Tags of the pages, images and documents the user reaches."""
    tagged = Q(pk__in=[])
    for relation in Tag._meta.related_objects:  # page tag models: a `content_object` key to a page
        through = relation.related_model
        target = issubclass(through, TaggedItemBase) and through._meta.get_field("content_object").related_model
        if isinstance(target, type) and issubclass(target, Page):
            tagged |= Q(pk__in=through.objects.filter(content_object__in=reachable_pages(user)).values("tag_id"))
    for model, reachable in ((get_image_model(), reachable_images), (get_document_model(), reachable_documents)):
        tagged |= Q(
            pk__in=TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id__in=reachable(user).values("pk")
            ).values("tag_id")
        )
    return Tag.objects.filter(tagged)


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete; for unit users only the tags they may already see."""
    if request.user.is_superuser:
        return tags.autocomplete(request, app_name, model_name)
    term = request.GET.get("term", "")
    if app_name or model_name or not term:
        return JsonResponse([], safe=False)
    names = reachable_tags(request.user).filter(name__istartswith=term).order_by("name")
    return JsonResponse(list(names.values_list("name", flat=True)[: tags.TAGS_AUTOCOMPLETE_LIMIT]), safe=False)
