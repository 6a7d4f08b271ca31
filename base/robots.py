"""robots.txt and the per-site sitemap.xml (Wagtail's sitemap of the requesting site)."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /interaction/case/",
        "Disallow: /interaction/receipt/",
        "Disallow: /display/",
        f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
