"""Two-factor sign-in to the admin (django-otp): who must use it, and the middleware that enforces it.

The portal centre (base/roles.py: superusers and INTERACTION_CENTRE_GROUP) must set up an
authenticator app before any other admin page; any other staff member may set one up, and once
they have, signs in with it too. A signed-in user who has not yet given a code this session is
sent to the verify step (or to setup). TWO_FACTOR_ENFORCED switches the middleware off (tests).
"""

import secrets

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from base.roles import is_portal_centre

from .middleware import ADMIN_PREFIX

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery"


def two_factor_required(user):
    """Superusers and the portal centre must sign in with a second factor."""
    return is_portal_centre(user)


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones (each usable once) and return them."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remove_devices(user):
    """Forget every device of the user (an administrator's reset)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


class TwoFactorMiddleware:
    """Send signed-in admin users who have not given a code to the verify or setup step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self.step_for(request)
        if target:
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def step_for(self, request):
        user = request.user
        if (
            not settings.TWO_FACTOR_ENFORCED
            or not request.path_info.startswith(ADMIN_PREFIX)
            or not user.is_authenticated
            or user.is_verified()
        ):
            return None
        # The steps themselves, and what their pages load (the icon sprite, the JavaScript catalogue).
        exempt = [
            reverse(name)
            for name in (
                "two_factor_verify",
                "two_factor_setup",
                "wagtailadmin_logout",
                "wagtailadmin_login",
                "wagtailadmin_javascript_catalog",
                "wagtailadmin_sprite",
            )
        ]
        if request.path in exempt:
            return None
        if user_has_device(user):
            return "two_factor_verify"
        return "two_factor_setup" if two_factor_required(user) else None
