"""The one place where search requests become engine-neutral queries.

`build_query` validates the request parameters and turns the text into term groups: the
words of the query (OR semantics), quoted phrases (a ranking boost: the documents containing all
their terms score PHRASE_WEIGHT times more, the rest of the question still matches), synonyms from
the admin list (each an alternative matched as a whole), Chinese terms for pinyin or initials
(`zcjd` → 政策解读), and the 文号 key. Citizens' questions are long and messy: an unpaired
quotation mark is read as plain text and a text over MAX_QUERY_CHARS is reduced to the sentences that
ask (`shortened`: a story around a question is left out), never refused.
Every engine translates a `SearchQuery` into its own query language; no user text ever
reaches an engine's query syntax.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .analysis import (
    CJK_RUN_RE,
    DOC_NUMBER_RE,
    MAX_QUERY_TOKENS,
    doc_number_key,
    is_latin_word,
    normalise,
    tokens,
)
from .passages import SENTENCE_RE

# A longer question is reduced to the sentences that ask (and name what they ask about), then to such
# clauses (CLAUSE_RE) and to its first and last MAX_QUERY_CHARS / 2 characters while still longer.
MAX_QUERY_CHARS = 200
# A sentence that asks: a question mark, a question particle or word, an A-not-A pair (能不能, 有没有).
ASKING_RE = re.compile(r"[?？]|吗|怎么|怎样|如何|哪|多少|多久|多长|几|什么|啥|是否|能否|可否|为何|(\w)[不没]\1")
ENDS_ASKING_RE = re.compile(r"[?？][。！？!?；;]*$")
QUOTATION_RE = re.compile(r'[“"《「]')
CLAUSE_RE = re.compile(r"[^，,、：:。！？；!?;\n]*[，,、：:。！？；!?;\n]*")
MAX_PAGE = 100
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 10
TYPES = ("policy", "interpretation", "qa", "news", "notice", "service", "reply", "disclosure", "page")
FACETS = ("unit", "column_type", "type", "year", "issuer", "validity")
# Score factor of listing pages (SearchDocument.listing: plain pages inside a column, home pages),
# whose short titles ("政策解读") would otherwise outrank the documents they list.
LISTING_WEIGHT = 0.2
# Policy families (a policy, its interpretations and Q&A items, service items citing its 文号) of the
# FAMILY_SOURCES best matches join the results: each member scores at least FAMILY_WEIGHT times the
# score of the match that brought its family in, whether or not it contains the query's words.
FAMILY_SOURCES = 3
FAMILY_WEIGHT = 0.5
# Score factor of the documents containing every term of a quoted phrase.
PHRASE_WEIGHT = 1.5
PHRASE_RE = re.compile(r'"([^"]*)"')
QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"'})


class QueryError(ValueError):
    """A request that cannot be searched; the message is shown to the citizen."""


@dataclass
class TermGroup:
    text: str
    tokens: list[str]
    # All tokens must match together, the group being one alternative of the query: a synonym
    # (最低生活保障 must not match every text containing 保障), a quoted phrase.
    whole: bool = False
    # A quoted phrase: matched as a whole, and the documents containing it score PHRASE_WEIGHT times more.
    phrase: bool = False


@dataclass
class SearchQuery:
    text: str
    groups: list[TermGroup]
    doc_key: str = ""
    filters: dict = field(default_factory=dict)
    scope_path: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # The text whose nearest documents by meaning engines fuse in (search/semantic.py); "" for none.
    semantic_text: str = ""

    @property
    def phrases(self):
        return [group for group in self.groups if group.phrase]

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def highlight_terms(self):
        """Strings to mark in snippets, longest first."""
        terms = set()
        for group in self.groups:
            terms.add(normalise(group.text))
            terms.update(t for t in group.tokens if len(t) > 1 or CJK_RUN_RE.fullmatch(t))
        return sorted((t for t in terms if t.strip()), key=len, reverse=True)


def _int(params, name, default, low, high, message):
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise QueryError(message) from None
    if not low <= value <= high:
        raise QueryError(message)
    return value


def _text_groups(text, phrase):
    """The group of a query's words (OR), or of a quoted phrase (`phrase`: all its bigrams together)."""
    words = [w for w in re.split(r"\s+", text) if w]
    group_tokens = tokens(text)
    # A lone character (的, 号) only counts when the query has nothing else.
    longer = [t for t in group_tokens if len(t) > 1 or not CJK_RUN_RE.fullmatch(t)]
    group_tokens = longer or group_tokens
    if not group_tokens:
        return []
    if phrase:
        group_tokens = tokens(text, segment=False) or group_tokens
    return [TermGroup(text=" ".join(words), tokens=group_tokens, whole=phrase, phrase=phrase)]


def _pieces(text, pattern):
    return [piece.strip() for piece in pattern.findall(text) if piece.strip()]


def _asking(pieces):
    """The pieces (sentences or clauses) of a question that ask or name its subject: each one ending in
    a question mark, the last one that asks (citizens tell their story first), and those quoting a
    title or topic. Greetings, thanks and the story are left out; [] when none asks."""
    asking = [n for n, piece in enumerate(pieces) if ASKING_RE.search(piece)]
    if not asking:
        return []
    kept = {asking[-1]}
    kept.update(n for n, piece in enumerate(pieces) if ENDS_ASKING_RE.search(piece) or QUOTATION_RE.search(piece))
    return [pieces[n] for n in sorted(kept)]


def shortened(text):
    """The text, or for a longer one its question: the sentences that ask (`_asking`), then if still
    longer the clauses of those that ask, then their first and last MAX_QUERY_CHARS / 2 characters."""
    text = " ".join(text.split())
    for pattern in (SENTENCE_RE, CLAUSE_RE):
        if len(text) <= MAX_QUERY_CHARS:
            return text
        text = "".join(_asking(_pieces(text, pattern))) or text
    if len(text) <= MAX_QUERY_CHARS:
        return text
    half = MAX_QUERY_CHARS // 2
    return f"{text[:half]} {text[-half:]}"


def _within(group_tokens, budget):
    """At most `budget` tokens: as many from the beginning of the text as from its end."""
    if len(group_tokens) <= budget:
        return group_tokens
    head = (budget + 1) // 2
    return group_tokens[:head] + group_tokens[len(group_tokens) - (budget - head) :]


def parse_text(text, expand=True):
    """Term groups and 文号 key of a query text (validated by the caller)."""
    from .vocabulary import pinyin_terms, synonyms_of

    text = text.translate(QUOTES)
    if text.count('"') % 2:  # an unpaired quotation mark is plain text
        head, _quote, tail = text.rpartition('"')
        text = f"{head} {tail}"
    groups = []
    for phrase in PHRASE_RE.findall(text):
        groups.extend(_text_groups(phrase, phrase=True))
    # The rest of the question is its words (OR); a 文号 is matched by its key, its parts without
    # brackets, 第 and 号 still match as words.
    rest = DOC_NUMBER_RE.sub(lambda m: f" {m[1]} {m[2]} {m[3]} ", normalise(PHRASE_RE.sub(" ", text)))
    groups.extend(_text_groups(rest, phrase=False))
    if expand:
        spelled = [term for word in normalise(rest).split() if is_latin_word(word) for term in pinyin_terms(word)]
        # A term spelled in pinyin counts as typed; synonyms of the query's words and of those terms
        # (dibao → 低保 → 最低生活保障) must match as a whole: bigrams only, as jieba's longer words
        # are indexed in titles alone.
        groups.extend(TermGroup(text=term, tokens=tokens(term)) for term in spelled)
        for term in synonyms_of(" ".join([normalise(text), *spelled])):
            groups.append(TermGroup(text=term, tokens=tokens(term, segment=False), whole=True))
    budget = MAX_QUERY_TOKENS
    for group in groups:
        group.tokens = _within(list(dict.fromkeys(group.tokens)), budget)
        budget -= len(group.tokens)
    groups = [g for g in groups if g.tokens]
    return groups, doc_number_key(text)


def build_query(params, site_root_path=""):
    """A `SearchQuery` from request parameters (a QueryDict or dict); raises QueryError."""
    text = shortened(params.get("q") or "")
    if not text:
        raise QueryError(_("Enter one or more words to search for."))
    page = _int(params, "page", 1, 1, MAX_PAGE, _("The page number must be between 1 and %(max)d.") % {"max": MAX_PAGE})
    page_size = _int(
        params,
        "page_size",
        DEFAULT_PAGE_SIZE,
        1,
        MAX_PAGE_SIZE,
        _("The number of results per page must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE},
    )
    sort = params.get("sort") or "relevance"
    if sort not in ("relevance", "date"):
        raise QueryError(_("Sort by relevance or by date."))
    scope = params.get("scope") or "site"
    if scope not in ("site", "county"):
        raise QueryError(_("The scope must be this site or the whole county."))
    filters = {}
    for name in FACETS:
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if len(value) > 100:
            raise QueryError(_("A filter value is too long."))
        if name == "year":
            value = _int(params, "year", None, 1900, 2999, _("The year must be a four-digit year."))
        if name == "type" and value not in TYPES:
            raise QueryError(_("Unknown content type."))
        filters[name] = value
    groups, doc_key = parse_text(text)
    if not groups and not doc_key:
        raise QueryError(_("The query contains no searchable words or numbers."))
    return SearchQuery(
        text=text,
        groups=groups,
        doc_key=doc_key,
        filters=filters,
        scope_path=site_root_path if scope == "site" else "",
        sort=sort,
        page=page,
        page_size=page_size,
    )


def single_char_tokens(query):
    """One-character CJK tokens of the query (matched by prefix on the database engines)."""
    return {t for g in query.groups for t in g.tokens if len(t) == 1 and CJK_RUN_RE.fullmatch(t)}
