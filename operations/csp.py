"""Content-Security-Policy: the strict public policy, relaxed for the Wagtail admin.

The Wagtail admin still ships inline scripts (date pickers, inline panels) and inline
styles, and previews pages in frames; only its own paths get those allowances.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_ALLOWANCES = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["'self'"],
}


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.update = {**ADMIN_ALLOWANCES, **(parts.update or {})}
        return parts
