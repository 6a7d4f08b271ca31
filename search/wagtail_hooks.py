"""Admin: the synonym list (同义词), editable by the portal administrator."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from base.snippets import PortalSnippetViewSet

from .models import Synonym


class SynonymViewSet(PortalSnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    list_display = ["__str__"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)
