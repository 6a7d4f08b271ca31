"""OpenSearch and Elasticsearch: one implementation over the official clients and their DSL.

The two clients expose the same DSL (`Search`, `Q`) and bulk helper; the subclasses in
`opensearch.py` and `elasticsearch.py` only say which client package to use. Searches and
writes go through the alias `<SEARCH_INDEX_PREFIX>-documents`; `rebuild` fills a new
timestamped index and moves the alias in one atomic step, so search never goes dark.
Ranking is the database engine's design: the fields' scores plus PASSAGE_WEIGHT times the best
passage's for the best PASSAGE_WINDOW matches of each kind, documents and listing pages (passages
are nested documents rescored in a second stage; search/passages.py), quoted phrases as a factor,
listing pages demoted; searches fuse the query's semantic neighbours in as the database engine does
(search/semantic.py). Each document carries its semantic vector (`vector`, indexed for the cluster's
approximate nearest-neighbour search: `_vector_mapping`, `_nearest_search` in the subclasses); a query's
neighbours come from that search, in the same request as its word matches, so no web worker holds
the vectors.
"""

import logging
import time
from collections import Counter

from django.conf import settings

from .. import semantic
from ..analysis import CLUSTER_ANALYSIS, doc_number_key, long_words
from ..highlight import snippet
from ..passages import PASSAGE_WEIGHT, PASSAGE_WINDOW, passages
from ..query import FACETS, FAMILY_SOURCES, FAMILY_WEIGHT, LISTING_WEIGHT, PHRASE_WEIGHT, single_char_tokens
from .base import EngineUnavailable, Hit, SearchEngine, SearchResults

logger = logging.getLogger(__name__)

# Field boosts. Each field's BM25 (own saturation, own idf) is added up, so the title weighs less
# here than in the database engines' single weighted BM25 (8): measured on the development sets of
# bench/search_collection (bench/README.md, fourth round).
TEXT_FIELDS = {"title": 3, "body": 1, "extra": 1}
# The best passage's boost: PASSAGE_WEIGHT halved, as passages outnumber documents several times
# (their terms' idf is higher) and each field's BM25 is added up here (see TEXT_FIELDS).
PASSAGE_BOOST = PASSAGE_WEIGHT / 2
# Factor putting the document with the query's exact 文号 above everything that merely cites it.
DOC_KEY_WEIGHT = 1000
FACET_SIZE = 100
# Members of the best matches' families fetched per search (a family has a policy, a few
# interpretations and Q&A items, and the service items citing it).
FAMILY_LIMIT = 100
FRAGMENT_CHARS = 160
# What ranking and facet counting read of each match; the page's documents are fetched whole, with
# their highlighted fragments, once the page is known (highlighting is the costly part).
RANK_FIELDS = ["key", "family", "published_at", *FACETS]
BULK_TIMEOUT = 60
# A rebuilt index merged into one segment: tens of minutes at a million documents on two cores; past
# this the alias moves anyway and the node finishes the merge.
MERGE_TIMEOUT = 3600
# Listing pages (see LISTING_WEIGHT): plain pages inside a column, home pages.
LISTING_FILTER = {"term": {"listing": True}}


def _text(analyzer="zh_bigram"):
    return {"type": "text", "analyzer": analyzer, "fields": {"uni": {"type": "text", "analyzer": "zh_unigram"}}}


MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "title": _text(),
        "body": _text(),
        "extra": _text(),
        "passages": {"type": "nested", "properties": {"text": _text()}},
        # jieba's longer words of the title, as the database engines index them (see `long_words`)
        "title_words": {"type": "text", "analyzer": "whitespace"},
        "doc_key": {"type": "keyword"},
        "family": {"type": "keyword"},
        "type": {"type": "keyword"},
        "unit": {"type": "keyword"},
        "column_type": {"type": "keyword"},
        "issuer": {"type": "keyword"},
        "validity": {"type": "keyword"},
        "year": {"type": "integer"},
        "path": {"type": "keyword"},
        "published_at": {"type": "date"},
        "listing": {"type": "boolean"},
        **{
            name: {"type": "keyword", "index": False}
            for name in ("key", "url", "slug", "unit_label", "document_number", "related_title", "related_url")
        },
    },
}


def cluster_nodes(url):
    """The node URLs of SEARCH_URL, which may list several (comma-separated): clients fail over to the next."""
    return [node.strip() for node in url.split(",")]


class ClusterEngine(SearchEngine):
    """Subclasses set `name` and say which client to use (`_client_module`, `_client_options`, `_slow_client`)."""

    def __init__(self, url, prefix, timeout=5):
        self.url, self.prefix, self.timeout = url, prefix, timeout
        self.alias = f"{prefix}-documents"
        client_class, self.dsl, self.helpers, self.errors = self._client_module()
        self.client = client_class(cluster_nodes(url), **self._client_options(timeout))
        self._alias_ready = False
        # The live index holds the vectors for the kNN search; False for an index an earlier
        # release built whose settings refuse the field (`_accepts_vectors`): until it is rebuilt,
        # neighbours come from this process's copy of the vectors, as they did then.
        self._vectors = True

    def _client_module(self):
        raise NotImplementedError

    def _client_options(self, timeout):
        raise NotImplementedError

    def _vector_mapping(self):
        """The mapping of the `vector` field (cosine similarity, indexed for approximate search)."""
        raise NotImplementedError

    def _vector_settings(self):
        """Index settings the vector field needs."""
        return {}

    def _nearest_search(self, vector):
        """A search for the semantic.NEIGHBOURS documents nearest the query vector (their keys; the
        score is (1 + cosine similarity) / 2 on both engines)."""
        raise NotImplementedError

    def _accepts_vectors(self):
        """True when the live index can take the vector field."""
        return True

    def _properties(self):
        return {**MAPPINGS["properties"], "vector": self._vector_mapping()}

    def _create_index(self, name):
        self.client.indices.create(
            index=name,
            body={
                "settings": {
                    "number_of_shards": settings.SEARCH_SHARDS,
                    "number_of_replicas": settings.SEARCH_REPLICAS,
                    "refresh_interval": settings.SEARCH_REFRESH_INTERVAL,
                    "analysis": CLUSTER_ANALYSIS,
                    **self._vector_settings(),
                },
                "mappings": {**MAPPINGS, "properties": self._properties()},
            },
        )

    # --- plumbing ------------------------------------------------------------------------

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self.errors as error:
            # Bulk errors repeat whole documents: the start of the message says enough.
            logger.warning("search engine %s failed: %.500s", self.name, error)
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
            self._vectors = True
        else:  # an index built by an earlier release gains the fields added since (values on rebuild)
            properties = self._properties()
            self._vectors = self._call(self._accepts_vectors)
            if not self._vectors:
                logger.warning("the %s index takes no vectors: rebuild_search_index rebuilds it", self.name)
                del properties["vector"]
            self._call(self.client.indices.put_mapping, index=self.alias, body={"properties": properties})
        self._alias_ready = True

    def _actions(self, documents, vectors=True):
        """Bulk index actions of these documents, each with its stored semantic vector (when it has one
        and `vectors`)."""
        vectors = semantic.stored_vectors(d.key for d in documents) if vectors else {}
        return [{"_id": d.key, "_source": self._source(d, vectors.get(d.key))} for d in documents]

    def _source(self, document, vector):
        data = document.as_dict()
        if vector is not None:
            data["vector"] = vector
        data["doc_key"] = doc_number_key(document.document_number)
        data["title_words"] = " ".join(long_words(document.title))
        data["published_at"] = document.published_at.isoformat() if document.published_at else None
        data["passages"] = [{"text": text} for text in passages(document.body)]
        return data

    def _slow_client(self, seconds):
        """(client, extra call arguments) for requests that may take `seconds`, longer than searches."""
        raise NotImplementedError

    def _bulk(self, actions, index, refresh, ignore_status=()):
        client, options = self._slow_client(BULK_TIMEOUT)
        self._call(
            self.helpers.bulk,
            client,
            actions,
            index=index,
            refresh=refresh,
            chunk_size=500,
            ignore_status=ignore_status,
            **options,
        )

    # --- writing -------------------------------------------------------------------------

    def upsert(self, documents):
        self._ensure_alias()
        actions = self._actions(list(documents), self._vectors)
        if actions:
            self._bulk(actions, self.alias, refresh=settings.SEARCH_WRITE_REFRESH)

    def delete(self, keys):
        self._ensure_alias()
        actions = [{"_op_type": "delete", "_id": key} for key in keys]
        if actions:
            self._bulk(actions, self.alias, refresh=settings.SEARCH_WRITE_REFRESH, ignore_status=(404,))

    def rebuild(self, batches):
        name = f"{self.alias}-{time.time_ns()}"
        self._call(self._create_index, name)
        self._call(self.client.indices.put_settings, index=name, body={"index": {"refresh_interval": "-1"}})
        for batch in batches:
            actions = self._actions(batch)
            if actions:
                self._bulk(actions, name, refresh="false")
        self._call(
            self.client.indices.put_settings,
            index=name,
            body={"index": {"refresh_interval": settings.SEARCH_REFRESH_INTERVAL}},
        )
        # One segment, searched from the start: a search then walks one set of postings and one vector
        # graph, not one per segment the bulk load left (at 100,000 documents a third off the median).
        client, options = self._slow_client(MERGE_TIMEOUT)
        try:
            client.indices.forcemerge(index=name, max_num_segments=1, **options)
        except self.errors as error:  # the node goes on merging; the index is searchable meanwhile
            logger.warning("merging the new %s index did not end in time: %.500s", self.name, error)
        self._call(self.client.indices.refresh, index=name)
        old = []
        if self._call(self.client.indices.exists_alias, name=self.alias):
            old = list(self._call(self.client.indices.get_alias, name=self.alias))
        self._call(
            self.client.indices.update_aliases,
            body={
                "actions": [
                    *({"remove": {"index": index, "alias": self.alias}} for index in old),
                    {"add": {"index": name, "alias": self.alias}},
                ]
            },
        )
        for index in old:
            self._call(self.client.indices.delete, index=index)
        self._alias_ready = self._vectors = True

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
        text_query = self.dsl.Q(
            "multi_match",
            query=group.text,
            fields=fields,
            operator=operator,
            type="cross_fields" if operator == "and" else "most_fields",
        )
        words = long_words(group.text) if operator == "or" else []
        if not words:
            return text_query
        return self.dsl.Q(
            "bool",
            should=[
                text_query,
                self.dsl.Q("match", title_words={"query": " ".join(words), "boost": TEXT_FIELDS["title"]}),
            ],
        )

    def _passage_query(self, query, single_chars):
        """The score of a document's best passage for the query's word groups, with the phrase and
        listing factors the document's own score has (the passages' rescoring stage)."""
        Q = self.dsl.Q
        nested = Q(
            "nested",
            path="passages",
            score_mode="max",
            query=Q(
                "bool",
                should=[
                    Q(
                        "match",
                        **{
                            "passages.text" + (".uni" if g.text in single_chars else ""): {
                                "query": g.text,
                                "operator": "and" if g.whole else "or",
                            }
                        },
                    )
                    for g in query.groups
                ],
            ),
        )
        functions = [{"filter": LISTING_FILTER, "weight": LISTING_WEIGHT}, *self._phrase_functions(query, single_chars)]
        return Q("function_score", query=nested, functions=functions, score_mode="multiply", boost_mode="multiply")

    def _phrase_functions(self, query, single_chars):
        """Score factors of the documents containing a quoted phrase."""
        return [
            {"filter": self._text_query(group, single_chars, "and").to_dict(), "weight": PHRASE_WEIGHT}
            for group in query.phrases
        ]

    def _scored(self, query, filters, listings=None):
        """The query's relevance query: its word groups, the 文号 term and the score factors. Of every
        match with `listings` None, the listing pages with their factor; of the documents only with
        False; of the listing pages only (with their factor) with True (see `_first_searches`).
        Passages are not in it: `_first_searches` rescores the best matches with them."""
        Q = self.dsl.Q
        single_chars = single_char_tokens(query)
        should = [self._text_query(g, single_chars, "and" if g.whole else "or") for g in query.groups]
        if query.doc_key:
            should.append(Q("term", doc_key=query.doc_key))
        listing = Q(LISTING_FILTER)
        bool_query = Q(
            "bool",
            should=should,
            filter=[*filters, listing] if listings else filters,
            must_not=[listing] if listings is False else [],
            minimum_should_match=1,
        )
        functions = [] if listings is False else [{"filter": LISTING_FILTER, "weight": LISTING_WEIGHT}]
        functions.extend(self._phrase_functions(query, single_chars))
        if query.doc_key:
            functions.append({"filter": {"term": {"doc_key": query.doc_key}}, "weight": DOC_KEY_WEIGHT})
        if not functions:
            return bool_query
        return Q("function_score", query=bool_query, functions=functions, score_mode="multiply", boost_mode="multiply")

    def _filters(self, query, facets=True):
        """Filters of the query's site scope and (with `facets`) facet values."""
        filters = [self.dsl.Q("term", **{name: value}) for name, value in query.filters.items() if facets]
        if query.scope_path:
            filters.append(self.dsl.Q("prefix", path=query.scope_path))
        return filters

    def _highlighted(self, search):
        return search.highlight(
            "body", "extra", fragment_size=FRAGMENT_CHARS, number_of_fragments=1, no_match_size=FRAGMENT_CHARS
        ).highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", order="score")

    def _first_searches(self, query, scored, filters, window):
        """The first request's searches: the best `window` matches, then one counting every match of
        `scored` (the query's relevance query within `filters`): the total and the facets. Ranked by
        relevance, the best matches come from two searches, merged by `_best_matches`: the
        documents, and the listing pages with their factor (`_scored`), each kind's best
        PASSAGE_WINDOW gaining their best passage's score (search/passages.py). Two
        searches of known order let the engine skip what cannot rank (no total to count, no factor
        to apply after matching) while a third counts, all three at once: at 100,000 documents this
        halves the request's 95th percentile against one search counting, aggregating and rescoring
        its best 1000 matches to demote the listing pages."""
        counting = self.dsl.Search(using=self.client, index=self.alias).query(
            self.dsl.Q("constant_score", filter=scored)
        )
        for name in FACETS:
            counting.aggs.bucket(name, "terms", field=name, size=FACET_SIZE)
        counting = counting.extra(track_total_hits=True, size=0)

        def best(scored):
            return (
                self.dsl.Search(using=self.client, index=self.alias)
                .query(scored)
                .extra(track_total_hits=False)
                .source(RANK_FIELDS)[:window]
            )

        if query.sort == "date":
            dated = best(scored).sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
            return [dated, counting]
        documents, listings = self._scored(query, filters, listings=False), self._scored(query, filters, listings=True)
        passage_rescore = {
            "window_size": PASSAGE_WINDOW,
            "query": {
                "rescore_query": self._passage_query(query, single_char_tokens(query)).to_dict(),
                "query_weight": 1,
                "rescore_query_weight": PASSAGE_BOOST,
                "score_mode": "total",
            },
        }
        return [best(scored).extra(rescore=passage_rescore) for scored in (documents, listings)] + [counting]

    @staticmethod
    def _window(query, semantic_window):
        """How many best matches the first request asks for: from the first result, as members of the
        best matches' families may rank anywhere above, and fusion with the neighbours (when
        `semantic_window`) re-ranks the first FUSION_WINDOW."""
        fusing = semantic_window and query.sort != "date"
        return max(query.offset + query.page_size, semantic.FUSION_WINDOW if fusing else 0)

    @staticmethod
    def _best_matches(responses, window):
        """The best `window` hits of the first searches' responses but the counting one (one ranked
        by date; or the documents and the listing pages, merged by score)."""
        if len(responses) == 1:
            return list(responses[0].hits)
        merged = [hit for response in responses for hit in response.hits]
        return sorted(merged, key=lambda hit: hit.meta.score, reverse=True)[:window]

    def _members_search(self, query, scored, selection, limit):
        """The documents `selection` picks, within scope and filters, marked when they match the query."""
        Q = self.dsl.Q
        return (
            self.dsl.Search(using=self.client, index=self.alias)
            .query(
                Q(
                    "bool",
                    filter=[selection, *self._filters(query)],
                    should=[Q("bool", must=[scored], _name="query")],
                )
            )
            .source(RANK_FIELDS)[:limit]
        )

    @staticmethod
    def _matched(response):
        """(hit, matches the query) of a `_members_search` response."""
        return [(hit, "query" in getattr(hit.meta, "matched_queries", [])) for hit in response]

    def _page_hits(self, query, scored, keys):
        """The page's documents, in the order of `keys`, with their highlighted fragments. Documents are
        selected by `_id`, which is their key (the `key` field is kept, not indexed)."""
        if not keys:
            return []
        Q = self.dsl.Q
        search = self._highlighted(
            self.dsl.Search(using=self.client, index=self.alias).query(Q("bool", filter=[Q("ids", values=keys)]))
        ).highlight_options(highlight_query=scored.to_dict())[: len(keys)]
        found = {hit.key: hit for hit in self._call(search.execute)}
        return [found[key] for key in keys if key in found]

    @staticmethod
    def _family_floors(best):
        """{family: FAMILY_WEIGHT × the score of its best match} of the families of the `best` hits."""
        floors = {}
        for hit in best:
            family = getattr(hit, "family", "")
            if family and family not in floors:
                floors[family] = hit.meta.score * FAMILY_WEIGHT
        return floors

    def search(self, query):
        self._ensure_alias()
        filters = self._filters(query)
        scored = self._scored(query, filters)
        vector = semantic.embedding(query.semantic_text) if query.semantic_text and self._vectors else None
        neighbours = semantic.neighbours(query.semantic_text) if query.semantic_text and not self._vectors else {}
        window = self._window(query, semantic_window=vector is not None or bool(neighbours))
        searches = self._first_searches(query, scored, filters, window)
        requests = self.dsl.MultiSearch(using=self.client, index=self.alias)
        for search in searches:
            requests = requests.add(search)
        if vector is not None:  # with the word matches, the nearest documents: the nearest of all
            # documents, as the database engines take them (scope and filters apply below, when
            # the neighbours are fetched), their scores turned back into cosine similarities
            requests = requests.add(self._nearest_search(vector))
        responses = self._call(requests.execute)
        if vector is not None:
            nearest = responses[len(searches)]
            neighbours = semantic.ranked([(hit.meta.id, 2 * hit.meta.score - 1) for hit in nearest])
        *matches, counting = responses[: len(searches)]
        matches = self._best_matches(matches, window)
        # The best matches of the unfiltered query bring their families; facet filters apply to both.
        if query.sort == "date" or query.filters:
            best = self._call(
                self.dsl.Search(using=self.client, index=self.alias)
                .query(self._scored(query, self._filters(query, facets=False)))
                .source(["family"])[:FAMILY_SOURCES]
                .execute
            )
        else:
            best = matches[:FAMILY_SOURCES]
        ranked = {hit.key: (hit.meta.score or 0.0, hit) for hit in matches}
        total, added = counting.hits.total.value, {name: Counter() for name in FACETS}

        def add(score, hit, matched):
            nonlocal total
            ranked[hit.key] = (score, hit)
            if not matched:
                total += 1
                for name in FACETS:
                    value = getattr(hit, name, None)
                    if value not in ("", None):
                        added[name][str(value)] += 1

        # In one request: the members of the best matches' families (each scoring at least its
        # family's floor) and the neighbours within scope and filters (those not among the best
        # matches already).
        floors, Q = self._family_floors(best), self.dsl.Q
        unranked = [key for key in neighbours if key not in ranked]
        requests = self.dsl.MultiSearch(using=self.client, index=self.alias)
        if floors:
            requests = requests.add(self._members_search(query, scored, Q("terms", family=list(floors)), FAMILY_LIMIT))
        if unranked:
            requests = requests.add(self._members_search(query, scored, Q("ids", values=unranked), len(unranked)))
        responses = self._call(requests.execute) if floors or unranked else []
        for hit, matched in self._matched(responses[0]) if floors else ():
            add(max(hit.meta.score, floors[hit.family]), hit, matched)
        joined = set()  # neighbours matching no word: they join when close enough
        for hit, matched in self._matched(responses[-1]) if unranked else ():
            if hit.key not in ranked and (matched or neighbours[hit.key].joins):
                add(hit.meta.score if matched else 0.0, hit, matched)
                joined.update(() if matched else [hit.key])
        order = self._order(query.sort, ranked, joined, neighbours)
        page = sorted(ranked.values(), key=order, reverse=True)[query.offset : query.offset + query.page_size]
        terms = query.highlight_terms()
        facets, aggregations = {}, counting.to_dict()["aggregations"]  # plain dicts: read fastest
        for name in FACETS:
            counts = Counter(
                {
                    str(bucket["key"]): bucket["doc_count"]
                    for bucket in aggregations[name]["buckets"]
                    if str(bucket["key"]) != ""
                }
            )
            counts.update(added[name])
            facets[name] = counts.most_common()
        hits = self._page_hits(query, scored, [hit.key for _score, hit in page])
        return SearchResults(total=total, hits=[self._hit(hit, terms) for hit in hits], facets=facets)

    @staticmethod
    def _order(sort, ranked, joined, neighbours):
        """Sort key of the (score, hit) items of `ranked`, highest first: the date (undated last, then
        the score), or the score fused with the neighbours' ranks (`joined`: matched no word)."""
        if sort == "date":
            return lambda item: (
                getattr(item[1], "published_at", None) is not None,
                getattr(item[1], "published_at", None) or "",
                item[0],
            )
        if not neighbours:
            return lambda item: item[0]
        lexical = sorted((key for key in ranked if key not in joined), key=lambda key: ranked[key][0], reverse=True)
        fused = semantic.fused(lexical, {key: neighbour.rank for key, neighbour in neighbours.items()})
        return lambda item: (fused.get(item[1].key, 0.0), item[0])

    @staticmethod
    def _hit(hit, terms):
        source = hit.to_dict()
        fragments = getattr(hit.meta, "highlight", None)
        highlight = ""
        if fragments is not None:
            highlight = next(
                (frag for name in ("body", "extra") for frag in getattr(fragments, name, []) if "<mark>" in frag), ""
            )
        return Hit(
            key=source["key"],
            type=source["type"],
            title=source["title"],
            url=source["url"],
            unit=source["unit"],
            unit_label=source["unit_label"],
            published_at=_parse_date(source.get("published_at")),
            document_number=source.get("document_number", ""),
            validity=source.get("validity", ""),
            slug=source.get("slug", ""),
            column_type=source.get("column_type", ""),
            related_title=source.get("related_title", ""),
            related_url=source.get("related_url", ""),
            highlight=highlight or snippet([source.get("body", ""), source["title"]], terms),
        )


def _parse_date(value):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value) if value else None
