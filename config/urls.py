"""URL configuration: Django admin is off; Wagtail admin, documents, search and the page tree."""

from django.conf import settings
from django.urls import include, path
from django.views.generic.base import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from backoffice.approving import AnnouncingWorkflowAction
from base import views as base_views
from base.robots import robots_txt
from content.annual_export import annual_report_xlsx
from content.feeds import ColumnFeed
from moderation.files import IMAGE_FOLDERS, serve_image_file
from operations.health import health
from search import views as search_views
from subsites.admin_scope import tag_autocomplete
from subsites.reports import report_urls
from subsites.views import ScopedChosenMultipleView
from visits.views import beacon

urlpatterns = [
    # Replaces Wagtail's view of the same URL, which ignores the page chooser's scoping hooks.
    path(
        "admin/choose-page/chosen-multiple/",
        ScopedChosenMultipleView.as_view(),
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    # Replace Wagtail's tag autocomplete, which offers every tag (also those of other units' drafts).
    path("admin/tag-autocomplete/", tag_autocomplete, name="wagtailadmin_tag_autocomplete"),
    path(
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        tag_autocomplete,
        name="wagtailadmin_tag_model_autocomplete",
    ),
    # Replace Wagtail's workflow and site-history reports, whose filters name every unit's users.
    *report_urls(path),
    # Replaces Wagtail's workflow action view, which gives no message after approving from the dashboard.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(AnnouncingWorkflowAction.as_view()),
        name="wagtailadmin_pages_workflow_action_announced",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images follow their page like documents (moderation/files.py); before any serving of MEDIA_ROOT.
    *[
        path(
            f"{settings.MEDIA_URL.strip('/')}/{folder}/<path:name>",
            serve_image_file,
            {"folder": folder},
            name=f"serve_{folder}",
        )
        for folder in IMAGE_FOLDERS
    ],
    path("search/", search_views.search, name="search"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/search/autocomplete/", search_views.api_autocomplete, name="api_search_autocomplete"),
    path("display/elder-mode/", base_views.toggle_elder_mode, name="toggle_elder_mode"),
    path("interaction/", include("interaction.urls")),
    path("captcha/", include("captcha.urls")),
    path("health/", health, name="health"),
    path("visits/<int:page_id>.gif", beacon, name="visit_beacon"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/<int:column_id>/", ColumnFeed(), name="column_feed"),
    path("annual-reports/<int:page_id>.xlsx", annual_report_xlsx, name="annual_report_xlsx"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg", permanent=True)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "base.views.page_not_found"
