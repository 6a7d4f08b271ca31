"""URL configuration: Django admin is off; Wagtail admin, documents, search and the page tree."""
from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from base import views as base_views
from operations.health import health
from search import views as search_views
from subsites.admin_scope import tag_autocomplete
from subsites.reports import report_urls
from subsites.views import ScopedChosenMultipleView

urlpatterns = [
    # Replaces Wagtail's view of the same URL, which ignores the page chooser's scoping hooks.
    path("admin/choose-page/chosen-multiple/", ScopedChosenMultipleView.as_view(),
         name="wagtailadmin_choose_page_chosen_multiple"),
    # Replace Wagtail's tag autocomplete, which offers every tag (also those of other units' drafts).
    path("admin/tag-autocomplete/", tag_autocomplete, name="wagtailadmin_tag_autocomplete"),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_autocomplete,
         name="wagtailadmin_tag_model_autocomplete"),
    # Replace Wagtail's workflow and site-history reports, whose filters name every unit's users.
    *report_urls(path),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/search/autocomplete/", search_views.api_autocomplete, name="api_search_autocomplete"),
    path("display/elder-mode/", base_views.toggle_elder_mode, name="toggle_elder_mode"),
    path("interaction/", include("interaction.urls")),
    path("captcha/", include("captcha.urls")),
    path("health/", health, name="health"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
