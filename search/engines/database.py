"""The database engine: SQLite FTS5 (embedded default) or PostgreSQL full text.

Both index the pre-segmented tokens of `search.analysis` (CJK bigrams, jieba words in titles) in a
table `search_fts` beside `SearchEntry` (created by migration 0002 for the database in use):
an FTS5 table ranked with bm25() on SQLite, a tsvector column with a GIN index ranked with
ts_rank() on PostgreSQL. Queries are OR of the query's tokens and of its synonyms (each matched
with all its tokens), AND within quoted phrases;
tokens are quoted, so no user text reaches the match syntax.
"""
import heapq
from collections import Counter, defaultdict

from django.db import connection, transaction

from ..analysis import doc_number_key, tokens
from ..highlight import snippet
from ..models import SearchEntry
from ..query import FACETS, LISTING_WEIGHT, single_char_tokens
from .base import Hit, SearchEngine, SearchResults

# Relative weight of title, body and related text (Q&A, interpretations, attachments).
SQLITE_WEIGHTS = (8.0, 1.0, 1.5)
PG_WEIGHT_LETTERS = ("A", "B", "C")
MAX_FIELD_CHARS = 100_000
COMMON_FRACTION = 0.2
CUTOFF_MIN_DOCUMENTS = 1000
MAX_TOKEN_CHARS = 50
ENTRY_FIELDS = ["key", "type", "title", "url", "slug", "path", "unit", "unit_label", "column_type", "year",
                "issuer", "validity", "document_number", "related_title", "related_url", "published_at"]


def _field_tokens(document):
    title = tokens(document.title)
    key = doc_number_key(document.document_number)
    if key:
        title.append(key)
    return [
        [t[:MAX_TOKEN_CHARS] for t in field]
        for field in (title, tokens(document.body[:MAX_FIELD_CHARS], segment=False),
                      tokens(document.extra[:MAX_FIELD_CHARS], segment=False))
    ]


class DatabaseEngine(SearchEngine):
    name = "database"

    @property
    def postgres(self):
        return connection.vendor == "postgresql"

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
            entries = SearchEntry.objects.bulk_create([
                SearchEntry(body=d.body[:MAX_FIELD_CHARS], extra=d.extra[:MAX_FIELD_CHARS],
                            **{name: getattr(d, name) for name in ENTRY_FIELDS})
                for d in documents
            ])
            rows = [(entry.pk, _field_tokens(d)) for entry, d in zip(entries, documents)]
            with connection.cursor() as cursor:
                if self.postgres:
                    cursor.executemany("INSERT INTO search_fts (entry_id, document) VALUES (%s, %s::tsvector)",
                                       [(pk, self._tsvector(fields)) for pk, fields in rows])
                else:
                    cursor.executemany("INSERT INTO search_fts (rowid, title, body, extra) VALUES (%s, %s, %s, %s)",
                                       [(pk, *(" ".join(f) for f in fields)) for pk, fields in rows])

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
            cursor.execute(f"DELETE FROM search_searchentry WHERE id IN ({placeholders})", ids)

    def drop_orphans(self):
        """Full-text rows whose entry is gone (a flush empties only Django's own tables)."""
        column = "entry_id" if self.postgres else "rowid"
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE {column} NOT IN (SELECT id FROM search_searchentry)")

    def rebuild(self, batches):
        """Replace every entry in one transaction: searches see the old index until it commits."""
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
            SearchEntry.objects.all().delete()
            for batch in batches:
                self.upsert(batch)

    # --- searching ---------------------------------------------------------------------

    def _match(self, query):
        """SQL condition and parameters matching the query's term groups and 文号 key."""
        prefixes = single_char_tokens(query)
        required = [g for g in query.groups if g.required]
        optional = [t for g in query.groups if not g.required and not g.whole for t in g.tokens]
        wholes = [g.tokens for g in query.groups if g.whole and not g.required]
        if query.doc_key:
            optional.append(query.doc_key)
        if self.postgres:
            def term(t):
                return "'{}'{}".format(t.replace("'", "''"), ":*" if t in prefixes else "")
            parts = ["(" + " & ".join(term(t) for t in g.tokens) + ")" for g in required]
            if not required:
                parts.append("(" + " | ".join([term(t) for t in optional] + [
                    "(" + " & ".join(term(t) for t in whole) + ")" for whole in wholes]) + ")")
            return "f.document @@ %s::tsquery", [" & ".join(parts)]

        optional = self._without_common(optional, prefixes)

        def term(t):
            return f'"{t}"' + ("*" if t in prefixes else "")
        parts = ["(" + " AND ".join(term(t) for t in g.tokens) + ")" for g in required]
        if not required:
            parts.append("(" + " OR ".join([term(t) for t in optional] + [
                "(" + " AND ".join(term(t) for t in whole) + ")" for whole in wholes]) + ")")
        return "search_fts MATCH %s", [" AND ".join(parts)]

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

    def _where(self, query):
        condition, params = self._match(query)
        clauses = [condition]
        if query.scope_path:
            clauses.append("e.path LIKE %s")
            params.append(query.scope_path + "%")
        for name, value in query.filters.items():
            clauses.append(f"e.{name} = %s")
            params.append(value)
        return " AND ".join(clauses), params

    def search(self, query):
        """One pass over the matches: score, facet values and date of each; the page is picked here."""
        where, params = self._where(query)
        if self.postgres:
            source = "search_fts f JOIN search_searchentry e ON e.id = f.entry_id"
            score, score_params, sign = "ts_rank(f.document, %s::tsquery, 1)", params[:1], -1
        else:
            source = "search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
            score, score_params, sign = "bm25(search_fts, {}, {}, {})".format(*SQLITE_WEIGHTS), [], 1
        columns = ", ".join(f"e.{name}" for name in FACETS)
        with connection.cursor() as cursor:
            # published_at as text: only its order matters here, and converting every row costs
            cursor.execute(f"SELECT e.id, {score}, CAST(e.published_at AS TEXT), {columns} FROM {source} "
                           f"WHERE {where}", score_params + params)
            rows = cursor.fetchall()
        wanted = query.offset + query.page_size
        if query.sort == "date":  # newest first, undated last
            page = heapq.nlargest(wanted, rows, key=lambda row: (row[2] is not None, row[2], row[0]))
        else:
            numbered = self._numbered(query.doc_key)
            type_column, column_column = (3 + FACETS.index(name) for name in ("type", "column_type"))

            def rank(row):
                # The exact 文号 first; listing pages below documents of similar score.
                weight = LISTING_WEIGHT if row[type_column] == "page" and row[column_column] else 1
                return (row[0] not in numbered, sign * row[1] * weight, row[0])
            page = heapq.nsmallest(wanted, rows, key=rank)
        page = page[query.offset:]
        facets = {name: Counter() for name in FACETS}
        for values, count in Counter(row[3:] for row in rows).items():
            for name, value in zip(FACETS, values):
                if value not in ("", None):
                    facets[name][str(value)] += count
        entries = SearchEntry.objects.in_bulk([row[0] for row in page])
        terms = query.highlight_terms()
        return SearchResults(
            total=len(rows), hits=[self._hit(entries[row[0]], terms) for row in page],
            facets={name: counter.most_common() for name, counter in facets.items()},
        )

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
            key=entry.key, type=entry.type, title=entry.title, url=entry.url, unit=entry.unit,
            unit_label=entry.unit_label, published_at=entry.published_at, document_number=entry.document_number,
            validity=entry.validity, slug=entry.slug, column_type=entry.column_type,
            related_title=entry.related_title, related_url=entry.related_url,
            highlight=snippet([entry.body, entry.extra, entry.title], terms),
        )

