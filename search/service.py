"""Running a search for a request: engine fallback, did-you-mean, facet labels, JSON shape.

The HTML page and the JSON API both call `run`; `as_json` is the documented API response.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from content.models import ColumnType
from content.vocabularies import Validity
from subsites.models import Unit

from . import vocabulary
from .documents import PORTAL_UNIT
from .engines import EngineUnavailable, current_engine, database_engine
from .query import FACETS, QUOTES, build_query, parse_text

TYPE_LABELS = {
    "policy": _("Policy document"),
    "interpretation": _("Policy interpretation"),
    "qa": _("Q&A item"),
    "news": _("News item"),
    "notice": _("Notice"),
    "service": _("Service item"),
    "reply": _("Published reply"),
    "disclosure": _("Government information"),
    "page": _("Web page"),
}
REVOKED = {Validity.REPEALED, Validity.EXPIRED}


@dataclass
class Outcome:
    query: object
    results: object
    engine: str
    fallback: bool  # the configured cluster did not answer; these are the database engine's results
    suggestion: str | None
    corrected: bool  # the results are those of the suggestion (the query had words found nowhere)
    facets: dict


def site_root_path(request):
    site = Site.find_for_request(request)
    return site.root_page.path if site else ""


def _search(engine, query):
    try:
        return engine, engine.search(query), False
    except EngineUnavailable:
        fallback = database_engine()
        return fallback, fallback.search(query), True


def run(params, request):
    """Search for request parameters; raises QueryError for a bad request."""
    query = build_query(params, site_root_path(request))
    query.semantic_text = query.text
    engine, results, fallback = _search(current_engine(), query)
    suggestion = vocabulary.suggest(query.text)
    corrected = False
    # A suggestion only replaces words that occur in no indexed document, so the corrected query
    # loses nothing the original matched: it is searched at once unless the citizen quoted words
    # (quoted text is searched as typed).
    if suggestion and (results.total == 0 or '"' not in query.text.translate(QUOTES)):
        groups, doc_key = parse_text(suggestion)
        if groups:
            original = query.groups, query.doc_key, query.semantic_text
            query.groups, query.doc_key = groups, doc_key
            query.semantic_text = suggestion
            engine, corrected_results, fallback = _search(engine, query)
            corrected = corrected_results.total > 0
            if corrected:
                results = corrected_results
            else:
                query.groups, query.doc_key, query.semantic_text = original
    return Outcome(
        query=query,
        results=results,
        engine=engine.name,
        fallback=fallback,
        suggestion=suggestion,
        corrected=corrected,
        facets=label_facets(results.facets),
    )


def label_facets(facets):
    units = dict(Unit.objects.filter(code__in=[v for v, _c in facets.get("unit", [])]).values_list("code", "name"))
    units[PORTAL_UNIT] = settings.PORTAL_NAME
    labels = {
        "unit": units,
        "column_type": dict(ColumnType.choices),
        "type": TYPE_LABELS,
        "validity": dict(Validity.choices),
    }
    return {
        name: [
            {"value": value, "label": str(labels.get(name, {}).get(value, value)), "count": count}
            for value, count in facets.get(name, [])
        ]
        for name in FACETS
    }


def hit_json(hit):
    return {
        "title": hit.title,
        "url": hit.url,
        "type": hit.type,
        "unit": hit.unit,
        "unit_label": hit.unit_label,
        "published_at": hit.published_at.isoformat() if hit.published_at else None,
        "document_number": hit.document_number,
        "highlight": hit.highlight,
        "validity": hit.validity,
        "slug": hit.slug,
        "policy": {"title": hit.related_title, "url": hit.related_url} if hit.related_url else None,
    }


def as_json(outcome):
    return {
        "query": outcome.query.text,
        "total": outcome.results.total,
        "page": outcome.query.page,
        "page_size": outcome.query.page_size,
        "engine": outcome.engine,
        "fallback": outcome.fallback,
        "suggestion": outcome.suggestion,
        "corrected": outcome.corrected,
        "results": [hit_json(hit) for hit in outcome.results.hits],
        "facets": outcome.facets,
    }
