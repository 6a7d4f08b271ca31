"""OpenSearch and Elasticsearch: one implementation over the official clients and their DSL.

The two clients expose the same DSL (`Search`, `Q`) and bulk helper; the subclasses in
`opensearch.py` and `elasticsearch.py` only say which client package to use. Searches and
writes go through the alias `<SEARCH_INDEX_PREFIX>-documents`; `rebuild` fills a new
timestamped index and moves the alias in one atomic step, so search never goes dark.
"""
import logging
import time

from ..analysis import CLUSTER_ANALYSIS, doc_number_key
from ..highlight import snippet
from ..query import FACETS, LISTING_WEIGHT, single_char_tokens
from .base import EngineUnavailable, Hit, SearchEngine, SearchResults

logger = logging.getLogger(__name__)

TEXT_FIELDS = {"title": 8, "body": 1, "extra": 1.5}
# Factor putting the document with the query's exact 文号 above everything that merely cites it.
DOC_KEY_WEIGHT = 1000
FACET_SIZE = 100
FRAGMENT_CHARS = 160
BULK_TIMEOUT = 60


def _text(analyzer="zh_bigram"):
    return {"type": "text", "analyzer": analyzer, "fields": {"uni": {"type": "text", "analyzer": "zh_unigram"}}}


MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "title": _text(), "body": _text(), "extra": _text(),
        "doc_key": {"type": "keyword"},
        "type": {"type": "keyword"}, "unit": {"type": "keyword"}, "column_type": {"type": "keyword"},
        "issuer": {"type": "keyword"}, "validity": {"type": "keyword"}, "year": {"type": "integer"},
        "path": {"type": "keyword"}, "published_at": {"type": "date"},
        **{name: {"type": "keyword", "index": False} for name in (
            "key", "url", "slug", "unit_label", "document_number", "related_title", "related_url")},
    },
}


class ClusterEngine(SearchEngine):
    """Subclasses set `name` and say which client to use (`_client_module`, `_client_options`, `_bulk_client`)."""

    def __init__(self, url, prefix, timeout=5):
        self.url, self.prefix, self.timeout = url, prefix, timeout
        self.alias = f"{prefix}-documents"
        client_class, self.dsl, self.helpers, self.errors = self._client_module()
        self.client = client_class(url, **self._client_options(timeout))
        self._alias_ready = False

    def _client_module(self):
        raise NotImplementedError

    def _client_options(self, timeout):
        raise NotImplementedError

    def _create_index(self, name):
        self.client.indices.create(index=name, body={
            "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": CLUSTER_ANALYSIS},
            "mappings": MAPPINGS,
        })

    # --- plumbing ------------------------------------------------------------------------

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self.errors as error:
            logger.warning("search engine %s failed: %s", self.name, error)
            raise EngineUnavailable(str(error)) from error

    def ping(self):
        try:
            return bool(self.client.ping())
        except self.errors:
            return False

    def _ensure_alias(self):
        if self._alias_ready:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = f"{self.alias}-{time.time_ns()}"
            self._call(self._create_index, name)
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        self._alias_ready = True

    def _source(self, document):
        data = document.as_dict()
        data["doc_key"] = doc_number_key(document.document_number)
        data["published_at"] = document.published_at.isoformat() if document.published_at else None
        return data

    def _bulk_client(self):
        """(client, extra bulk arguments) for bulk requests, which may take longer than searches."""
        raise NotImplementedError

    def _bulk(self, actions, index, refresh, ignore_status=()):
        client, options = self._bulk_client()
        self._call(self.helpers.bulk, client, actions, index=index, refresh=refresh, chunk_size=500,
                   ignore_status=ignore_status, **options)

    # --- writing -------------------------------------------------------------------------

    def upsert(self, documents):
        self._ensure_alias()
        actions = [{"_id": d.key, "_source": self._source(d)} for d in documents]
        if actions:
            self._bulk(actions, self.alias, refresh="true")

    def delete(self, keys):
        self._ensure_alias()
        actions = [{"_op_type": "delete", "_id": key} for key in keys]
        if actions:
            self._bulk(actions, self.alias, refresh="true", ignore_status=(404,))

    def rebuild(self, batches):
        name = f"{self.alias}-{time.time_ns()}"
        self._call(self._create_index, name)
        self._call(self.client.indices.put_settings, index=name, body={"index": {"refresh_interval": "-1"}})
        for batch in batches:
            actions = [{"_id": d.key, "_source": self._source(d)} for d in batch]
            if actions:
                self._bulk(actions, name, refresh="false")
        self._call(self.client.indices.put_settings, index=name, body={"index": {"refresh_interval": "1s"}})
        self._call(self.client.indices.refresh, index=name)
        old = []
        if self._call(self.client.indices.exists_alias, name=self.alias):
            old = list(self._call(self.client.indices.get_alias, name=self.alias))
        self._call(self.client.indices.update_aliases, body={"actions": [
            *({"remove": {"index": index, "alias": self.alias}} for index in old),
            {"add": {"index": name, "alias": self.alias}},
        ]})
        for index in old:
            self._call(self.client.indices.delete, index=index)
        self._alias_ready = True

    def drop(self):
        """Delete the alias and every index behind it (used by tests)."""
        if self.ping() and self.client.indices.exists_alias(name=self.alias):
            for index in self.client.indices.get_alias(name=self.alias):
                self.client.indices.delete(index=index)
        self._alias_ready = False

    def count(self):
        self._ensure_alias()
        return self._call(self.client.count, index=self.alias)["count"]

    # --- searching -----------------------------------------------------------------------

    def _text_query(self, group, single_chars, operator):
        uni = ".uni" if group.text in single_chars else ""
        fields = [f"{name}{uni}^{boost}" for name, boost in TEXT_FIELDS.items()]
        return self.dsl.Q("multi_match", query=group.text, fields=fields, operator=operator,
                          type="cross_fields" if operator == "and" else "most_fields")

    def _search_object(self, query):
        Q = self.dsl.Q
        single_chars = single_char_tokens(query)
        must = [self._text_query(g, single_chars, "and") for g in query.groups if g.required]
        should = [self._text_query(g, single_chars, "and" if g.whole else "or")
                  for g in query.groups if not g.required]
        if query.doc_key:
            should.append(Q("term", doc_key=query.doc_key))
        filters = [Q("term", **{name: value}) for name, value in query.filters.items()]
        if query.scope_path:
            filters.append(Q("prefix", path=query.scope_path))
        bool_query = Q("bool", must=must, should=should, filter=filters,
                       minimum_should_match=0 if must else 1)
        listing = {"bool": {"filter": [{"term": {"type": "page"}}, {"exists": {"field": "column_type"}}],
                            "must_not": [{"term": {"column_type": ""}}]}}
        functions = [{"filter": listing, "weight": LISTING_WEIGHT}]
        if query.doc_key:
            functions.append({"filter": {"term": {"doc_key": query.doc_key}}, "weight": DOC_KEY_WEIGHT})
        scored = Q("function_score", query=bool_query, functions=functions, score_mode="multiply",
                   boost_mode="multiply")
        search = self.dsl.Search(using=self.client, index=self.alias).query(scored).extra(
            track_total_hits=True)
        for name in FACETS:
            search.aggs.bucket(name, "terms", field=name, size=FACET_SIZE)
        search = search.highlight("body", "extra", fragment_size=FRAGMENT_CHARS, number_of_fragments=1,
                                  no_match_size=FRAGMENT_CHARS).highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", order="score")
        if query.sort == "date":
            search = search.sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
        return search[query.offset:query.offset + query.page_size]

    def search(self, query):
        self._ensure_alias()
        response = self._call(self._search_object(query).execute)
        terms = query.highlight_terms()
        hits = []
        for hit in response.hits:
            source = hit.to_dict()
            fragments = getattr(hit.meta, "highlight", None)
            highlight = ""
            if fragments is not None:
                highlight = next((frag for name in ("body", "extra") for frag in getattr(fragments, name, [])
                                  if "<mark>" in frag), "")
            hits.append(Hit(
                key=source["key"], type=source["type"], title=source["title"], url=source["url"],
                unit=source["unit"], unit_label=source["unit_label"],
                published_at=_parse_date(source.get("published_at")),
                document_number=source.get("document_number", ""), validity=source.get("validity", ""),
                slug=source.get("slug", ""), column_type=source.get("column_type", ""),
                related_title=source.get("related_title", ""), related_url=source.get("related_url", ""),
                highlight=highlight or snippet([source.get("body", ""), source["title"]], terms),
            ))
        facets = {
            name: [(str(bucket.key), bucket.doc_count) for bucket in getattr(response.aggregations, name).buckets
                   if str(bucket.key) != ""]
            for name in FACETS
        }
        return SearchResults(total=response.hits.total.value, hits=hits, facets=facets)


def _parse_date(value):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value) if value else None
