"""The public search page `/search/`, the JSON API `/api/search/` and autocomplete, on every site."""

from math import ceil

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base import ratelimit
from content.vocabularies import Validity

from . import service, vocabulary
from .query import FACETS, MAX_PAGE, QueryError

MAX_PREFIX_CHARS = 30
PAGE_LINKS = 2  # page links shown either side of the current page
FACET_TITLES = {
    "type": gettext_lazy("Content type"),
    "unit": gettext_lazy("Unit"),
    "column_type": gettext_lazy("Column"),
    "year": gettext_lazy("Year"),
    "issuer": gettext_lazy("Issuing authority"),
    "validity": gettext_lazy("Validity"),
}


def _url(params, **changes):
    params = params.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = value
    return "?" + params.urlencode()


def _too_many(request):
    """The message when this address has searched more than SEARCH_RATE_LIMIT allows, else None."""
    if ratelimit.allow(request, "search", settings.SEARCH_RATE_LIMIT):
        return None
    return _("Too many searches from your network in a short time; please wait a minute and try again.")


def search(request):
    params = request.GET
    context = {
        "query": params.get("q", ""),
        "params": params,
        "sort": params.get("sort") or "relevance",
        "scope": params.get("scope") or "site",
    }
    if "q" not in params:
        return render(request, "search/search.html", context)
    if error := _too_many(request):
        context["error"] = error
        return render(request, "search/search.html", context, status=429)
    try:
        outcome = service.run(params, request)
    except QueryError as error:
        context["error"] = str(error)
        return render(request, "search/search.html", context, status=400)
    query, results = outcome.query, outcome.results
    validity = dict(Validity.choices)
    pages = min(ceil(results.total / query.page_size), MAX_PAGE)
    context.update(
        {
            "outcome": outcome,
            "hits": [
                {
                    "hit": hit,
                    "type_label": service.TYPE_LABELS.get(hit.type, hit.type),
                    "validity_label": validity.get(hit.validity, ""),
                    "revoked": hit.validity in service.REVOKED,
                }
                for hit in results.hits
            ],
            "facets": [
                {
                    "name": name,
                    "title": FACET_TITLES[name],
                    "values": [
                        dict(
                            value,
                            active=params.get(name) == value["value"],
                            url=_url(
                                params,
                                page=None,
                                **{name: None if params.get(name) == value["value"] else value["value"]},
                            ),
                        )
                        for value in outcome.facets[name]
                    ],
                }
                for name in FACETS
                if outcome.facets[name]
            ],
            "suggestion_url": _url(params, q=outcome.suggestion, page=None) if outcome.suggestion else "",
            "page_links": [
                {"number": n, "url": _url(params, page=n), "current": n == query.page}
                for n in range(max(1, query.page - PAGE_LINKS), min(pages, query.page + PAGE_LINKS) + 1)
            ],
            "previous_url": _url(params, page=query.page - 1) if query.page > 1 else "",
            "next_url": _url(params, page=query.page + 1) if query.page < pages else "",
        }
    )
    return render(request, "search/search.html", context)


def api_search(request):
    if error := _too_many(request):
        return JsonResponse({"error": error}, status=429, json_dumps_params={"ensure_ascii": False})
    try:
        outcome = service.run(request.GET, request)
    except QueryError as error:
        return JsonResponse({"error": str(error)}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(service.as_json(outcome), json_dumps_params={"ensure_ascii": False})


def api_autocomplete(request):
    prefix = (request.GET.get("q") or "").strip()
    if not prefix or len(prefix) > MAX_PREFIX_CHARS:
        return JsonResponse(
            {"error": _("Type between 1 and %(max)d characters.") % {"max": MAX_PREFIX_CHARS}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {"query": prefix, "suggestions": vocabulary.complete(prefix)}, json_dumps_params={"ensure_ascii": False}
    )
