"""The page chooser's chosen-multiple answer, limited like every other chooser view."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.views import chooser
from wagtail.models import Page


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    """Wagtail's chosen-multiple page chooser answer, limited by the `construct_page_chooser_queryset`
    hooks like every other chooser view (Wagtail answers here for any page id)."""

    def get(self, request):
        pages = Page.objects.filter(pk__in=request.GET.getlist("id"))
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)
