"""A clear page, in the visitor's language, for a form post larger than the server accepts.

Django refuses a body above DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields) with a
bare "400 Bad Request" the first time `request.POST` is read, usually by the CSRF check.
Reading it here first turns that into a 413 page that says what happened and what to do.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render

REFUSED = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


class RequestTooLargeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - reading it parses the body, which may be refused
            except REFUSED:
                limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
                return render(request, "interaction/too_large.html", {"limit_mb": f"{limit_mb:g}"}, status=413)
        return self.get_response(request)
