"""First sign-in with a temporary password: the account must choose its own before anything else.

Accounts created for a unit (subsites/accounts.py) get a `base.PasswordChangeRequired` row holding
the temporary password's hash. Until the account's password differs from it, every admin page
sends the user to 账户设置 (Wagtail's account view, whose password panel changes it).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from base.models import PasswordChangeRequired

from .middleware import ADMIN_PREFIX

EXEMPT = (
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
)


class FirstPasswordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and request.path not in [reverse(name) for name in EXEMPT]
        ):
            pending = PasswordChangeRequired.objects.filter(user=user).first()
            if pending is not None and pending.password == user.password:
                messages.warning(request, _("Please choose your own password before you continue."))
                return redirect("wagtailadmin_account")
            if pending is not None:
                pending.delete()
        return self.get_response(request)
