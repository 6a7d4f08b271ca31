"""Admin registration of the content app's snippets: the 政务新媒体 registry, scoped per unit."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet

from subsites.scoping import UnitOwnedForm, UnitScopedViewSet

from .models import NewMediaAccount


class NewMediaAccountViewSet(UnitScopedViewSet):
    model = NewMediaAccount
    icon = "mobile-alt"
    menu_label = _("Government new media")
    list_display = ["name", "platform", "unit", "last_updated", "closed_on"]
    list_filter = ["platform"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
                "unit",
                "name",
                "platform",
                "account_id",
                "qr_code",
                "opened_on",
                "last_updated",
                "closed_on",
                "close_reason",
                "sort_order",
            )
        ],
        base_form_class=UnitOwnedForm,
    )


register_snippet(NewMediaAccountViewSet)
