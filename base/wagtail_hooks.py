"""Admin screens of the base app: mourning periods (portal administrator only, by model permission)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from .models import MourningPeriod
from .snippets import PortalSnippetViewSet


class MourningPeriodViewSet(PortalSnippetViewSet):
    model = MourningPeriod
    icon = "date"
    menu_label = _("Mourning periods")
    list_display = ["reason", "starts_at", "ends_at"]


register_snippet(MourningPeriodViewSet)
