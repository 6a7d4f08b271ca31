"""The database engine: SQLite FTS5 (embedded default) or PostgreSQL full text.

Both index the pre-segmented tokens of `search.analysis` (CJK bigrams, jieba words in titles) in a
table `search_fts` beside `SearchEntry` (created by migration 0002 for the database in use), and
the body's passages (search/passages.py) in `search_passage` (migration 0009): FTS5 tables ranked
with bm25() on SQLite, tsvector columns with GIN indexes ranked with ts_rank() on PostgreSQL (over
the query's less common tokens: ts_rank has no document frequency). A document scores its fields'
weighted score, plus PASSAGE_WEIGHT times its best passage's if it is among the best
PASSAGE_WINDOW matches of its kind, documents or listing pages (the passages' rescoring stage).
Queries are OR of the query's tokens and of its synonyms and quoted phrases (each matched with all
its tokens; documents containing a phrase score PHRASE_WEIGHT times more); tokens are quoted, so no
user text reaches the match syntax. Every match is scored and counted into the facets in one pass;
the policy families of the best matches join them, and the query's semantic neighbours are fused in
(search/semantic.py).
"""

import heapq
import math
from collections import Counter, defaultdict
from itertools import chain, count
from operator import itemgetter

from django.db import connection, transaction

from .. import semantic
from ..analysis import doc_number_key, tokens
from ..highlight import snippet
from ..models import SearchEntry
from ..passages import MAX_PASSAGES, PASSAGE_WEIGHT, PASSAGE_WINDOW, passages
from ..query import FACETS, FAMILY_SOURCES, FAMILY_WEIGHT, LISTING_WEIGHT, PHRASE_WEIGHT, single_char_tokens
from .base import Hit, SearchEngine, SearchResults

# Relative weight of title, body and related text (Q&A, interpretations, attachments).
SQLITE_WEIGHTS = (8.0, 1.0, 1.5)
PG_WEIGHT_LETTERS = ("A", "B", "C")
MAX_FIELD_CHARS = 100_000
COMMON_FRACTION = 0.2
CUTOFF_MIN_DOCUMENTS = 1000
MAX_TOKEN_CHARS = 50
FACET_SEPARATOR = "\x1f"
# SQLite: a passage's rowid is its entry's id times PASSAGE_SLOTS plus its number, so the passages of
# the rescoring window are picked from the rowid alone (reading the `entry` column costs a lookup).
PASSAGE_SLOTS = 128
assert MAX_PASSAGES <= PASSAGE_SLOTS
ENTRY_FIELDS = [
    "key",
    "type",
    "title",
    "url",
    "slug",
    "path",
    "unit",
    "unit_label",
    "column_type",
    "year",
    "issuer",
    "validity",
    "document_number",
    "related_title",
    "related_url",
    "published_at",
    "family",
    "listing",
]


def _field_tokens(document):
    title = tokens(document.title)
    key = doc_number_key(document.document_number)
    if key:
        title.append(key)
    return [
        [t[:MAX_TOKEN_CHARS] for t in field]
        for field in (
            title,
            tokens(document.body[:MAX_FIELD_CHARS], segment=False),
            tokens(document.extra[:MAX_FIELD_CHARS], segment=False),
        )
    ]


class DatabaseEngine(SearchEngine):
    name = "database"

    @property
    def postgres(self):
        return connection.vendor == "postgresql"

    @property
    def _passage_entry(self):
        """The column of `search_passage` naming the passage's entry."""
        return "entry_id" if self.postgres else "entry"

    def ping(self):
        return True

    def count(self):
        return SearchEntry.objects.count()

    # --- writing -----------------------------------------------------------------------

    def upsert(self, documents):
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            self.delete([d.key for d in documents])
            entries = SearchEntry.objects.bulk_create(
                [
                    SearchEntry(
                        body=d.body[:MAX_FIELD_CHARS],
                        extra=d.extra[:MAX_FIELD_CHARS],
                        words="\n".join(d.suggest_words),
                        facet_values=_facet_values(d),
                        **{name: getattr(d, name) for name in ENTRY_FIELDS},
                    )
                    for d in documents
                ]
            )
            rows = [(entry.pk, _field_tokens(d)) for entry, d in zip(entries, documents)]
            pieces = [
                (entry.pk, number, _passage_tokens(text))
                for entry, d in zip(entries, documents)
                for number, text in enumerate(passages(d.body[:MAX_FIELD_CHARS]))
            ]
            with connection.cursor() as cursor:
                if self.postgres:
                    cursor.executemany(
                        "INSERT INTO search_fts (entry_id, document) VALUES (%s, %s::tsvector)",
                        [(pk, self._tsvector(fields)) for pk, fields in rows],
                    )
                    cursor.executemany(
                        "INSERT INTO search_passage (entry_id, document) VALUES (%s, %s::tsvector)",
                        [(pk, self._tsvector([piece])) for pk, _number, piece in pieces],
                    )
                else:
                    cursor.executemany(
                        "INSERT INTO search_fts (rowid, title, body, extra) VALUES (%s, %s, %s, %s)",
                        [(pk, *(" ".join(f) for f in fields)) for pk, fields in rows],
                    )
                    cursor.executemany(
                        "INSERT INTO search_passage (rowid, text, entry) VALUES (%s, %s, %s)",
                        [(pk * PASSAGE_SLOTS + number, " ".join(piece), pk) for pk, number, piece in pieces],
                    )

    @staticmethod
    def _tsvector(fields):
        positions = defaultdict(list)
        position = 0
        for letter, field in zip(PG_WEIGHT_LETTERS, fields):
            for token in field:
                position = min(position + 1, 16383)
                positions[token].append(f"{position}{letter}")
        return " ".join("'{}':{}".format(t.replace("'", "''"), ",".join(p[:256])) for t, p in positions.items())

    def delete(self, keys):
        ids = list(SearchEntry.objects.filter(key__in=list(keys)).values_list("pk", flat=True))
        if not ids:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            column = "entry_id" if self.postgres else "rowid"
            placeholders = ",".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM search_fts WHERE {column} IN ({placeholders})", ids)
            cursor.execute(f"DELETE FROM search_passage WHERE {self._passage_entry} IN ({placeholders})", ids)
            cursor.execute(f"DELETE FROM search_searchentry WHERE id IN ({placeholders})", ids)

    def drop_orphans(self):
        """Full-text rows whose entry is gone (a flush empties only Django's own tables)."""
        column = "entry_id" if self.postgres else "rowid"
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE {column} NOT IN (SELECT id FROM search_searchentry)")
            cursor.execute(
                f"DELETE FROM search_passage WHERE {self._passage_entry} NOT IN (SELECT id FROM search_searchentry)"
            )

    def rebuild(self, batches):
        """Replace every entry in one transaction: searches see the old index until it commits."""
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
                cursor.execute("DELETE FROM search_passage")
            SearchEntry.objects.all().delete()
            for batch in batches:
                self.upsert(batch)
        if self.postgres:  # fresh statistics of the most common lexemes (see _rare_pg)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_fts")
                cursor.execute("ANALYZE search_passage")

    # --- searching ---------------------------------------------------------------------

    def _match(self, query):
        """The match expression (FTS5 query or tsquery) and (PostgreSQL) the tsquery that ranks the
        matches: the OR of the query's tokens and of its whole groups (synonyms, quoted phrases: all
        their tokens)."""
        prefixes = single_char_tokens(query)
        optional = [t for g in query.groups if not g.whole for t in g.tokens]
        wholes = [g.tokens for g in query.groups if g.whole]
        if query.doc_key:
            optional.append(query.doc_key)
        if self.postgres:

            def term(t):
                return "'{}'{}".format(t.replace("'", "''"), ":*" if t in prefixes else "")

            def tsquery(terms):
                return " | ".join(
                    [term(t) for t in terms] + ["(" + " & ".join(term(t) for t in whole) + ")" for whole in wholes]
                )

            # Ranked without the common tokens (ts_rank knows no document frequency), matched with all.
            return tsquery(optional), tsquery(self._rare_pg(optional, prefixes))

        optional = self._without_common(optional, prefixes)

        def term(t):
            return f'"{t}"' + ("*" if t in prefixes else "")

        return " OR ".join(
            [term(t) for t in optional] + ["(" + " AND ".join(term(t) for t in whole) + ")" for whole in wholes]
        ), None

    def _rare_pg(self, optional, prefixes):
        """PostgreSQL: the OR tokens without those in over COMMON_FRACTION of the documents (when rarer
        ones remain), from the column statistics ANALYZE keeps of the most common lexemes."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'search_fts' AND attname = 'document'"
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return optional
        common = {term for term, frequency in zip(row[0], row[1]) if frequency > COMMON_FRACTION}
        rare = [t for t in optional if t not in common]
        return rare if any(t not in prefixes for t in rare) else optional

    def _without_common(self, optional, prefixes):
        """SQLite: in a large index, leave out OR tokens found in over COMMON_FRACTION of the documents
        when rarer ones remain (their BM25 weight is near zero, their cost proportional to the index);
        the cutoff of Elasticsearch's former common-terms query."""
        candidates = [t for t in optional if t not in prefixes]
        if len(candidates) < 2:
            return optional
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_searchentry")
            total = cursor.fetchone()[0]
            if total < CUTOFF_MIN_DOCUMENTS:
                return optional
            placeholders = ",".join(["%s"] * len(candidates))
            cursor.execute(f"SELECT term, doc FROM search_fts_vocab WHERE term IN ({placeholders})", candidates)
            common = {term for term, documents in cursor.fetchall() if documents > COMMON_FRACTION * total}
        rare = [t for t in optional if t not in common]
        return rare if any(t not in prefixes for t in rare) else optional

    def _filters(self, query, facets=True):
        """SQL conditions and parameters of the query's site scope and (with `facets`) facet filters."""
        clauses, params = [], []
        if query.scope_path:
            clauses.append("e.path LIKE %s")
            params.append(query.scope_path + "%")
        for name, value in query.filters.items() if facets else ():
            clauses.append(f"e.{name} = %s")
            params.append(value)
        return clauses, params

    def search(self, query):
        """One pass over the matches: weighted score (higher is better), facet values and, to sort by
        date, the date of each; the page is picked here. Rows are (id, score, facet values[, date as text])."""
        neighbours = semantic.neighbours(query.semantic_text) if query.semantic_text else {}
        match, rank_query = self._match(query)
        clauses, params = self._filters(query, facets=False)
        if self.postgres:
            condition = "f.document @@ %s::tsquery"
            source = "search_fts f JOIN search_searchentry e ON e.id = f.entry_id"
            score, score_params = "ts_rank(f.document, %s::tsquery, 1)", [rank_query]
        else:  # the narrow covering index instead of the rows with their texts
            condition = "search_fts MATCH %s"
            source = "search_fts JOIN search_searchentry e INDEXED BY search_entry_ranking ON e.id = search_fts.rowid"
            score, score_params = "-bm25(search_fts, {}, {}, {})".format(*SQLITE_WEIGHTS), []
        where, params = " AND ".join([condition, *clauses]), [match, *params]
        # Listing pages rank below documents of similar score.
        listing = f"CASE WHEN e.listing THEN {LISTING_WEIGHT} ELSE 1 END"
        # the date as text: only its order matters, and converting every row costs
        dated = ", CAST(e.published_at AS TEXT)" if query.sort == "date" else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, {score}, e.facet_values{dated}, {listing} FROM {source} WHERE {where}",
                score_params + params,
            )
            rows = self._weighted(cursor.fetchall(), query, match, rank_query)
        numbered = self._numbered(query.doc_key)
        if numbered:  # the exact 文号 first

            def order(row):
                return (row[0] in numbered, row[1])
        else:
            order = itemgetter(1)
        # The best matches of the unfiltered query bring their families; facet filters apply to both.
        best = heapq.nlargest(FAMILY_SOURCES, rows, key=order)
        if query.filters:
            wanted_values = [(FACETS.index(name), str(value)) for name, value in query.filters.items()]
            rows = [row for row in rows if _has_values(row[2], wanted_values)]
        rows = self._with_families(rows, best, query, dated)
        ranks, matched, joining = self._neighbour_rows(rows, query, dated, neighbours)
        wanted = query.offset + query.page_size
        if query.sort == "date":  # newest first, undated last
            page = heapq.nlargest(
                wanted, chain(rows, joining), key=lambda row: (row[3] is not None, row[3] or "", row[0])
            )
        elif ranks:
            # Rows outside the first FUSION_WINDOW + wanted word matches and not neighbours score 0 in
            # the fusion and so cannot reach the page: only these candidates are ordered.
            lexical = heapq.nlargest(semantic.FUSION_WINDOW + wanted, rows, key=order)
            fused = semantic.fused([row[0] for row in lexical], ranks)
            candidates = {**matched, **{row[0]: row for row in chain(joining, lexical)}}
            page = heapq.nlargest(wanted, candidates.values(), key=lambda row: (fused.get(row[0], 0.0), order(row)))
        else:
            page = heapq.nlargest(wanted, rows, key=order)
        page = page[query.offset :]
        facets = {name: Counter() for name in FACETS}
        for values, matches in Counter(map(itemgetter(2), chain(rows, joining))).items():
            for name, value in zip(FACETS, values.split(FACET_SEPARATOR)):
                if value:
                    facets[name][value] += matches
        entries = SearchEntry.objects.in_bulk([row[0] for row in page])
        terms = query.highlight_terms()
        return SearchResults(
            total=len(rows) + len(joining),
            hits=[self._hit(entries[row[0]], terms) for row in page],
            facets={name: counter.most_common() for name, counter in facets.items()},
        )

    def _weighted(self, rows, query, match, rank_query):
        """The rows (id, score, facet values[, date], listing factor) as (id, weighted score, facet
        values[, date]): the listing factor and the factor of each quoted phrase they contain applied,
        and (ranked by relevance) the best passage's score added to the fields' score of the best
        PASSAGE_WINDOW matches of each kind (`_passage_window`; search/passages.py)."""
        phrases = Counter()
        for group in query.phrases:
            phrases.update(self._matching_ids(group.tokens))

        def factor(row):  # PostgreSQL returns the listing factor as a numeric (Decimal)
            return float(row[-1]) * PHRASE_WEIGHT ** phrases[row[0]]

        # Every match is visited once (there may be 100,000); then only the passage window is changed.
        if phrases:
            weighted = [(row[0], row[1] * factor(row), *row[2:-1]) for row in rows]
        else:
            weighted = [(row[0], row[1] * float(row[-1]), *row[2:-1]) for row in rows]
        if query.sort == "date":
            return weighted
        window = self._passage_window(rows, weighted)
        best = self._best_passages([weighted[n][0] for n in window], match, rank_query)
        for n in window:
            row = weighted[n]
            if row[0] in best:
                weighted[n] = (row[0], row[1] + PASSAGE_WEIGHT * best[row[0]] * factor(rows[n]), *row[2:])
        return weighted

    @staticmethod
    def _passage_window(rows, weighted):
        """The positions of the best PASSAGE_WINDOW documents and the best PASSAGE_WINDOW listing pages
        (their factor below 1) among the `weighted` rows, the earlier row first among equals (as
        nlargest with a key): each kind its own window, as a cluster ranks them (search/engines/cluster.py)."""
        listings = [n for n, row in enumerate(rows) if row[-1] != 1]
        scores = list(map(itemgetter(1), weighted))
        best_listings = heapq.nlargest(PASSAGE_WINDOW, ((scores[n], -n) for n in listings))
        for n in listings:
            scores[n] = -math.inf
        best_documents = heapq.nlargest(PASSAGE_WINDOW, zip(scores, count(0, -1)))
        return [-negated for score, negated in best_documents + best_listings if score != -math.inf]

    def _best_passages(self, ids, match, rank_query):
        """{entry id: score of its best passage matching the query} of these entries."""
        if not ids:
            return {}
        placeholders = ",".join(["%s"] * len(ids))
        if self.postgres:
            sql = (
                "SELECT entry_id, MAX(ts_rank(document, %s::tsquery, 1)) FROM search_passage "
                f"WHERE entry_id IN ({placeholders}) AND document @@ %s::tsquery GROUP BY entry_id"
            )
            params = [rank_query, *ids, match]
        else:
            # bm25() cannot be aggregated directly: the passages' scores are materialised first
            sql = (
                "WITH scored AS MATERIALIZED (SELECT rowid / %s AS entry, -bm25(search_passage) AS score "
                f"FROM search_passage WHERE search_passage MATCH %s AND rowid / %s IN ({placeholders})) "
                "SELECT entry, MAX(score) FROM scored GROUP BY entry"
            )
            params = [PASSAGE_SLOTS, match, PASSAGE_SLOTS, *ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def _entries_among(self, query, dated, column, values):
        """Rows (id, `column`, facet values[, date]) of the entries whose `column` is one of `values`,
        within the query's scope and filters."""
        clauses, params = self._filters(query)
        placeholders = ",".join(["%s"] * len(values))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, e.{column}, e.facet_values{dated} FROM search_searchentry e WHERE "
                + " AND ".join([f"e.{column} IN ({placeholders})", *clauses]),
                [*values, *params],
            )
            return cursor.fetchall()

    def _with_families(self, rows, best, query, dated):
        """The matched rows plus the members of the best matches' policy families (within the query's
        scope and filters), each scored at least FAMILY_WEIGHT × the score of its family's best match."""
        families = dict(
            SearchEntry.objects.filter(pk__in=[row[0] for row in best]).exclude(family="").values_list("pk", "family")
        )
        floors = {}
        for row in best:
            if row[0] in families:
                floors.setdefault(families[row[0]], row[1] * FAMILY_WEIGHT)
        if not floors:
            return rows
        members = {row[0]: (floors[row[1]], row[2:]) for row in self._entries_among(query, dated, "family", floors)}
        merged = [(row[0], max(row[1], members.pop(row[0])[0]), *row[2:]) if row[0] in members else row for row in rows]
        merged.extend((pk, floor, *values) for pk, (floor, values) in members.items())
        return merged

    def _neighbour_rows(self, rows, query, dated, neighbours):
        """({id: semantic rank}, {id: row} of those in `rows`, rows of those joining) of the query's
        neighbours within its scope and filters; those matching no word join when close enough
        (scored 0 here)."""
        if not neighbours:
            return {}, {}, []
        found = self._entries_among(query, dated, "key", neighbours)
        ranks = {row[0]: neighbours[row[1]].rank for row in found}
        matched = {row[0]: row for row in rows if row[0] in ranks}
        joining = [(row[0], 0.0, *row[2:]) for row in found if row[0] not in matched and neighbours[row[1]].joins]
        return ranks, matched, joining

    def _matching_ids(self, token_list, limit=None):
        """Ids of entries containing every one of these tokens (at most `limit`)."""
        if self.postgres:
            sql = "SELECT entry_id FROM search_fts WHERE document @@ %s::tsquery"
            match = " & ".join("'{}'".format(t.replace("'", "''")) for t in token_list)
        else:
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
            match = " AND ".join(f'"{t}"' for t in token_list)
        if limit:
            sql += f" LIMIT {int(limit)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [match])
            return {row[0] for row in cursor.fetchall()}

    def _numbered(self, doc_key):
        """Ids of the entries whose 文号 is the query's (their title field carries the key)."""
        return self._matching_ids([doc_key]) if doc_key else set()

    def contains(self, text):
        """True when some indexed document contains every token of `text` (did-you-mean asks this)."""
        text_tokens = [t[:MAX_TOKEN_CHARS] for t in tokens(text, segment=False)]
        return bool(text_tokens) and bool(self._matching_ids(text_tokens, limit=1))

    @staticmethod
    def _hit(entry, terms):
        return Hit(
            key=entry.key,
            type=entry.type,
            title=entry.title,
            url=entry.url,
            unit=entry.unit,
            unit_label=entry.unit_label,
            published_at=entry.published_at,
            document_number=entry.document_number,
            validity=entry.validity,
            slug=entry.slug,
            column_type=entry.column_type,
            related_title=entry.related_title,
            related_url=entry.related_url,
            highlight=snippet([entry.body, entry.extra, entry.title], terms),
        )


def _passage_tokens(text):
    return [t[:MAX_TOKEN_CHARS] for t in tokens(text, segment=False)]


def _facet_values(document):
    """The document's FACETS values in one text (SearchEntry.facet_values)."""
    values = (getattr(document, name) for name in FACETS)
    return FACET_SEPARATOR.join("" if value is None else str(value) for value in values)


def _has_values(facet_values, wanted_values):
    values = facet_values.split(FACET_SEPARATOR)
    return all(values[index] == value for index, value in wanted_values)
