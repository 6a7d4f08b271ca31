"""Public site search: live pages of the current site (the search issue brings Chinese-aware engines)."""
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page, Site

MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if query and site is not None:
        results = (
            Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
            .filter(title__icontains=query).order_by("-first_published_at")
        )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "results": page})
