"""The admin's sign-in form: Wagtail's, with its password field labelled in Chinese."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail gives the field no label, so Django shows its English name "Password".
        self.fields["password"].label = _("Password")
