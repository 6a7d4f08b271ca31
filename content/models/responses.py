"""回应关切: the portal centre's authoritative statements on matters of public concern.

The latest live statement that is not withdrawn stands at the top of the portal home until it is
withdrawn (`current_statement`). The emergency route that publishes one at once, and the main
leader's approval afterwards, live in moderation (moderation/responses.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .columns import ColumnType
from .items import ItemPage


class ResponseStatementPage(ItemPage):
    """An authoritative statement (权威回应) of the county in answer to a public concern."""

    column_types = (ColumnType.RESPONSES,)

    withdrawn_at = models.DateTimeField(_("statement withdrawn"), null=True, blank=True, editable=False)

    template = "content/response_statement_page.html"
    has_index_number = False
    search_type = "notice"  # search lists a statement with the notices (权威发布)

    class Meta:
        verbose_name = _("response to public concern")


def current_statement(portal):
    """The newest live, public, not withdrawn statement under the portal, or None."""
    return (
        ResponseStatementPage.objects.descendant_of(portal)
        .live()
        .public()
        .filter(withdrawn_at__isnull=True)
        .order_by("-first_published_at", "-pk")
        .first()
    )
