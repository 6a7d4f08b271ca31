"""The admin's search backend: Wagtail's database backend with the Chinese analysis of public search.

Wagtail's database backend splits text on spaces, so a Chinese title is one long "word" and the
admin (page explorer, choosers, image/document/snippet listings) finds it only when the whole
title is typed. This backend stores every indexed text as the tokens of `search.analysis.tokens`
(character bigrams, latin words, numbers: what the public database engine indexes) and turns a
query into the AND of its tokens, so 开学 finds 县教育局开学准备工作通知; the search boxes'
"autocomplete" searches titles and bodies alike. It covers SQLite FTS5 and PostgreSQL.

With ADMIN_SEARCH = "cluster" the admin searches the public search's OpenSearch cluster instead
(SEARCH_URL, indexes `<SEARCH_INDEX_PREFIX>_admin_…`): Wagtail's own OpenSearch backend, every text
analysed into CJK bigrams by the cluster (the same tokens), the query's words all required. Not on
Elasticsearch: the project's Elasticsearch nodes have no analysis module (no n-gram, no CJK bigrams).
Existing deployments re-index once with `manage.py update_index`.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from modelsearch.backends.database import SearchBackend as wagtail_database_backend
from modelsearch.backends.opensearch3 import SearchBackend as opensearch_backend
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .analysis import tokens
from .engines.cluster import cluster_nodes


def segment(text):
    """Text as space-separated analysis tokens (bigrams of every Chinese run, latin words)."""
    return " ".join(tokens(text, segment=False))


def segment_query(query):
    """The same query with its text segmented; plain text requires every token (AND)."""
    if isinstance(query, str):
        return segment(query) or query
    if isinstance(query, PlainText):
        return PlainText(segment(query.query_string) or query.query_string, operator="and", boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(segment(query.query_string) or query.query_string)
    if isinstance(query, (And, Or)):
        return type(query)([segment_query(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(segment_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(segment_query(query.subquery), query.boost)
    return query


class SegmentingIndexMixin:
    """Writes each object's index entry from segmented text (Wagtail's indexer, segmenting values)."""

    indexer_class = None
    text_fields = ("title", "autocomplete", "body")

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_id = get_content_type_pk(model)
        changed = False
        for obj in objs:
            indexer = self.indexer_class(obj, self.backend)
            values = {name: getattr(indexer, name) for name in self.text_fields}
            entry = self.entries.filter(content_type_id=content_type_id, object_id=indexer.id)
            stored = entry.values(*self.text_fields).first()
            if stored == values:
                continue  # a page saved again unchanged (its draft bookkeeping, its publication)
            changed = True
            if stored is None:
                self.entries.create(content_type_id=content_type_id, object_id=indexer.id, **values, title_norm=1.0)
            else:
                entry.update(**values, title_norm=1.0)
        if changed:
            self._refresh_title_norms()


class AutocompleteAsSearchMixin:
    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        """The admin's search boxes autocomplete titles only (on the cluster, with edge n-grams that cut
        Chinese into single characters); bigrams already match inside words, so they search titles
        and bodies like a full search."""
        return self.search(query, model_or_queryset, operator=operator, order_by_relevance=order_by_relevance)


class SegmentingBackendMixin(AutocompleteAsSearchMixin):
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        # The index holds segmented text only: a search restricted to named model fields would
        # compare the query with their raw text (PostgreSQL builds those vectors on the fly).
        kwargs["fields"] = None
        return super()._search(query_compiler_class, segment_query(query), model_or_queryset, **kwargs)


def segmenting_indexer(indexer_class):
    class SegmentingIndexer(indexer_class):
        def prepare_value(self, value):
            return segment(super().prepare_value(value))

    return SegmentingIndexer


# The cluster's analysis of every text field: CJK runs as overlapping bigrams, latin words lowercased.
CLUSTER_ANALYZER = {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]}


class ClusterAdminSearchBackend(AutocompleteAsSearchMixin, opensearch_backend):
    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        """Every word of the query required (its bigrams), as on the database."""
        return super().search(query, model_or_queryset, fields=fields, operator=operator or "and", **kwargs)


def cluster_backend(params):
    """Wagtail's OpenSearch backend for the public search's cluster, analysing text into CJK bigrams."""
    if settings.SEARCH_ENGINE != "opensearch":
        raise ImproperlyConfigured('ADMIN_SEARCH = "cluster" needs SEARCH_ENGINE = "opensearch"')
    return ClusterAdminSearchBackend(
        {
            **params,
            "URLS": cluster_nodes(settings.SEARCH_URL),
            "INDEX_PREFIX": f"{settings.SEARCH_INDEX_PREFIX}_admin_",
            "TIMEOUT": settings.SEARCH_TIMEOUT,
            "INDEX_SETTINGS": {"settings": {"analysis": {"analyzer": {"default": CLUSTER_ANALYZER}}}},
        }
    )


def SearchBackend(params):  # noqa: N802 (Wagtail looks a backend module's `SearchBackend` up by name)
    """The backend for the database in use: segmenting on SQLite and PostgreSQL, Wagtail's elsewhere;
    the cluster's with ADMIN_SEARCH = "cluster"."""
    if settings.ADMIN_SEARCH == "cluster":
        params.pop("SEARCH_CONFIG", None)  # the database's option
        return cluster_backend(params)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres as vendor

        base, index, indexer = vendor.PostgresSearchBackend, vendor.PostgresIndex, vendor.ObjectIndexer
        text_fields = SegmentingIndexMixin.text_fields + ("title_text", "body_text")
    elif connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite import sqlite as vendor

        base, index, indexer = vendor.SQLiteSearchBackend, vendor.SQLiteIndex, vendor.ObjectIndexer
        text_fields = SegmentingIndexMixin.text_fields
    else:
        return wagtail_database_backend(params)
    index_class = type(
        "SegmentingIndex",
        (SegmentingIndexMixin, index),
        {"indexer_class": segmenting_indexer(indexer), "text_fields": text_fields},
    )
    backend_class = type("SegmentingSearchBackend", (SegmentingBackendMixin, base), {"index_class": index_class})
    return backend_class(params)
