"""Template tags of public interaction pages: masking, and the 互动交流 block of every home page."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import ColumnPage, ColumnType

from ..interviews import public_transcript, selected_questions
from ..masking import mask, public_text
from ..models import Kind, scoped_cases
from ..surveys import published_opinions, summary

register = template.Library()
LATEST_REPLIES = 5


@register.filter
def masked(value):
    """The text with ID and phone numbers masked; still auto-escaped by the template."""
    return mask(str(value or ""))


@register.filter
def public(case, field):
    """`case.<field>` as the public sees it: the citizen masked, the office's own numbers intact."""
    return public_text(case, field)


def channel_links(unit=None):
    """(label, URL) of every 互动交流 entry: the forms (the 领导信箱 on the portal), tracking, published
    replies, statistics."""
    labels = {
        Kind.CONSULTATION: _("Ask a question"),
        Kind.COMPLAINT: _("File a complaint"),
        Kind.SUGGESTION: _("Make a suggestion"),
        Kind.DISCLOSURE: _("Request disclosure"),
    }
    if unit is None:
        labels[Kind.LEADER_MAIL] = _("Write to the county leaders")
    links = [(label, reverse("interaction:submit", args=[kind])) for kind, label in labels.items()]
    links += [
        (_("Follow your case"), reverse("interaction:track")),
        (_("Published replies"), reverse("interaction:replies")),
        (_("Statistics"), reverse("interaction:statistics")),
    ]
    return links + [(column.title, column.url) for column in county_columns()]


def county_columns():
    """The county's 征集调查 and 在线访谈 columns (each the portal's: the shallowest live one), in one query."""
    types = [ColumnType.SURVEYS, ColumnType.INTERVIEWS]
    columns = {}
    for column in ColumnPage.objects.live().filter(column_type__in=types).order_by("depth", "path"):
        columns.setdefault(column.column_type, column)
    return [columns[kind] for kind in types if kind in columns]


@register.inclusion_tag("interaction/includes/channels.html")
def interaction_channels(unit=None, heading_level=2, column=None):
    """The 互动交流 block: every entry, this month's figures and the latest published replies."""
    cases = scoped_cases(unit or None)
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return {
        "links": channel_links(unit or None),
        "heading_level": heading_level,
        "column": column,
        **cases.aggregate(
            received=Count("pk", filter=Q(submitted_at__gte=month_start)),
            answered=Count("pk", filter=Q(replied_at__gte=month_start)),
        ),
        "replies": cases.filter(published=True).select_related("reply_unit").order_by("-replied_at")[:LATEST_REPLIES],
    }


@register.inclusion_tag("interaction/includes/survey_summary.html")
def survey_summary(page):
    """A closed 征集调查's figures and the opinions moderated for publication."""
    return {**summary(page), "opinions": published_opinions(page)}


@register.inclusion_tag("interaction/includes/interview_transcript.html")
def interview_transcript(page):
    """An 在线访谈's transcript (polled while live) and the public's questions selected by its hosts."""
    return {
        "page": page,
        "state": page.state,
        "entries": public_transcript(page),
        "questions": selected_questions(page),
    }
