"""The visit beacon: a 1×1 image every public page embeds, answered by Django on every view.

Pages come from Django's page cache or a reverse proxy without reaching a view, but the image
they embed is never cached (no-store; neither the page cache, which keeps only Wagtail pages, nor
the proxy, which keeps only s-maxage answers, stores it), so every view a browser shows is
counted once, and robots that do not load images are not.
"""

import base64

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .counting import record_view

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
@never_cache
def beacon(request, page_id):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is not None:
        record_view(request, page)
    return HttpResponse(PIXEL, content_type="image/gif")
