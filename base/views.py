"""Visitor preferences that work without JavaScript; the not-found answer of admin and public addresses."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
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
    response.set_cookie(
        ELDER_MODE_COOKIE,
        "0" if enabled else "1",
        max_age=ONE_YEAR,
        samesite="Lax",
        domain=shared_cookie_domain(request),
    )
    return response


def shared_cookie_domain(request):
    """The portal domain when the visitor is on the portal or a subsite, so that the preference follows
    links between them; None (this host only) elsewhere and for a single-label domain such as
    `localhost`, for which browsers refuse a Domain attribute."""
    domain = settings.PORTAL_DOMAIN
    host = request.get_host().split(":")[0]
    if "." in domain and (host == domain or host.endswith("." + domain)):
        return domain
    return None


def page_not_found(request, exception):
    """Wagtail's own 404 for admin addresses (the public frame would echo the address asked for);
    the site's Chinese 404, with its navigation, everywhere else."""
    admin = request.path.startswith(reverse("wagtailadmin_home"))
    return defaults.page_not_found(request, exception, template_name="wagtailadmin/404.html" if admin else "404.html")
