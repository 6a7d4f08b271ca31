"""Admin sessions expire after SESSION_COOKIE_AGE without a request (2 hours idle).

Only signed-in admin requests renew the session; public pages never touch the session
store for it, so cached pages and /health/ stay free of database writes.
"""

ADMIN_PREFIX = "/admin/"


class AdminSessionRenewalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            request.session.modified = True  # saved with a fresh expiry by SessionMiddleware
        return self.get_response(request)
