"""Visitor preferences that work without JavaScript."""
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .context_processors import ELDER_MODE_COOKIE

ONE_YEAR = 365 * 24 * 3600


# No CSRF token: the form is on every public page, which must stay cacheable for all visitors;
# a forged request could only flip this visitor's display preference.
@csrf_exempt
@require_POST
def toggle_elder_mode(request):
    """Switch 长者模式 (large text, high contrast, no floating widgets) on or off for this visitor."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    enabled = request.COOKIES.get(ELDER_MODE_COOKIE) == "1"
    response.set_cookie(ELDER_MODE_COOKIE, "0" if enabled else "1", max_age=ONE_YEAR, samesite="Lax")
    return response
