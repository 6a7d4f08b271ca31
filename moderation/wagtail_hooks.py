"""Admin integration of moderation: log actions, the sensitive-term dictionary."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SensitiveTerm


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action("moderation.permission_change", _("Change permission"), _("Permission changed"))
    actions.register_action("moderation.membership_change", _("Change group membership"),
                            _("Group membership changed"))
    actions.register_action("moderation.correct_publication_time", _("Correct first publication time"),
                            _("First publication time corrected"))


class SensitiveTermViewSet(SnippetViewSet):
    model = SensitiveTerm
    icon = "warning"
    menu_label = _("Sensitive terms")
    list_display = ["term", "kind", "correct_form", "note"]
    list_filter = ["kind"]
    search_fields = ["term", "correct_form"]


register_snippet(SensitiveTermViewSet)
