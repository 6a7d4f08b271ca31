"""Admin views of two-factor sign-in: setup with a QR code, the verify step, recovery codes, reset.

Recovery codes are shown once, when made; each works once (django-otp's static tokens).
"""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .twofactor import new_recovery_codes, remove_devices, two_factor_required

AUTHENTICATOR_NAME = "authenticator"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def show_recovery_codes(request, codes):
    return TemplateResponse(
        request, "operations/twofactor/recovery_codes.html", {"codes": codes, "next": next_url(request)}
    )


def setup(request):
    """Pair an authenticator app (QR code or secret), confirm it with one code, then show recovery codes."""
    if user_has_device(request.user):
        return redirect("two_factor_manage" if request.user.is_verified() else "two_factor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=AUTHENTICATOR_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return show_recovery_codes(request, new_recovery_codes(request.user))
        form.add_error("code", _("The code is wrong or has expired. Enter the code your app shows now."))
    qr_code = mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True, title=_("QR code")))
    return TemplateResponse(
        request,
        "operations/twofactor/setup.html",
        {
            "form": form,
            "qr_code": qr_code,
            "secret": device.config_url.split("secret=")[1].split("&")[0],
            "required": two_factor_required(request.user),
            "next": next_url(request),
        },
    )


def verify(request):
    """The second step of signing in: a code from the authenticator app or one recovery code."""
    if request.user.is_verified() or not user_has_device(request.user):
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        for device in devices_for_user(request.user):
            if verify_token(request.user, device.persistent_id, code):
                otp_login(request, device)
                return redirect(next_url(request))
        form.add_error("code", _("The code is wrong, has expired or has been used. Try again."))
    return TemplateResponse(request, "operations/twofactor/verify.html", {"form": form, "next": next_url(request)})


def manage(request):
    """The user's own two-factor settings: set up, new recovery codes, or turn off where optional."""
    return TemplateResponse(
        request,
        "operations/twofactor/manage.html",
        {"enabled": user_has_device(request.user), "required": two_factor_required(request.user)},
    )


@require_POST
def recovery_codes(request):
    if not user_has_device(request.user):
        return redirect("two_factor_setup")
    return show_recovery_codes(request, new_recovery_codes(request.user))


@require_POST
def turn_off(request):
    if two_factor_required(request.user):
        raise PermissionDenied
    remove_devices(request.user)
    messages.success(request, _("Two-factor sign-in has been turned off."))
    return redirect("two_factor_manage")


def reset(request, pk):
    """The portal administrator removes a user's devices (a lost phone); the user sets up again."""
    if not request.user.is_superuser:
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        remove_devices(user)
        messages.success(request, _("Two-factor sign-in of %(name)s has been reset.") % {"name": user})
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request, "operations/twofactor/reset.html", {"target": user, "enabled": user_has_device(user)}
    )
