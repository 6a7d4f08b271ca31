"""Accounts of a unit's roles (信息员/审核人/主要领导) created with the unit, each with a temporary
password its holder must change at first sign-in (operations/first_password.py)."""

import secrets

from django.contrib.auth import get_user_model

from base.models import PasswordChangeRequired

ROLES = ("editor", "reviewer", "leader")
# No characters that read alike (0/O, 1/l/I) in a password passed on by hand.
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 12


def temporary_password():
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def create_role_account(unit, role, username, full_name="", email=""):
    """A new account in the unit's `role` group; returns (user, temporary password)."""
    password = temporary_password()
    user = get_user_model().objects.create_user(username, email, password, first_name=full_name)
    user.groups.add(getattr(unit, f"{role}_group"))
    PasswordChangeRequired.objects.create(user=user, password=user.password)
    return user, password
