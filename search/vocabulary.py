"""The vocabulary of indexed words and the synonym list, shared by every engine.

Words of indexed titles and tags are counted with their pinyin (per document in the index, so a
withdrawn title stops being suggested); queries
use them to turn pinyin or initials into Chinese terms, to suggest a correction for a
misspelt word that occurs in no indexed document (a term with the same pinyin: 政册 → 政策)
and to complete what a citizen is typing.
"""

from collections import Counter
from functools import lru_cache

from django.db.models import Q
from pypinyin import Style, lazy_pinyin

from .analysis import CJK_RUN_RE, is_latin_word, normalise, pinyin
from .models import SearchTerm, Synonym

PINYIN_MATCHES = 2
MAX_TERM_CHARS = 30


def record(words, removed=()):
    """Count the words of documents entering the index and uncount those of documents leaving it
    (a re-indexed document leaves with its old words and enters with its new ones)."""
    counts = Counter(w for w in words if 2 <= len(w) <= MAX_TERM_CHARS)
    counts.subtract(w for w in removed if 2 <= len(w) <= MAX_TERM_CHARS)
    counts = {term: change for term, change in counts.items() if change}
    if not counts:
        return
    existing = {t.term: t for t in SearchTerm.objects.filter(term__in=list(counts))}
    for term, entry in existing.items():
        entry.weight = max(entry.weight + counts[term], 0)
    SearchTerm.objects.bulk_update(existing.values(), ["weight"], batch_size=500)
    SearchTerm.objects.filter(term__in=list(existing), weight=0).delete()
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(term=term, pinyin=pinyin(term)[0][:150], initials=pinyin(term)[1][:30], weight=count)
            for term, count in counts.items()
            if term not in existing and count > 0
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def pinyin_terms(word):
    """Chinese terms whose full pinyin, or else initials, is `word` (most frequent first)."""
    if len(word) < 2:
        return []
    terms = SearchTerm.objects.filter(pinyin=word).order_by("-weight")[:PINYIN_MATCHES]
    found = [t.term for t in terms]
    if not found and len(word) <= 8:
        found = list(
            SearchTerm.objects.filter(initials=word).order_by("-weight").values_list("term", flat=True)[:PINYIN_MATCHES]
        )
    return found


@lru_cache(maxsize=4096)
def _group_terms(terms):
    """The normalised terms of a synonym group's text (parsed once per process and text)."""
    return tuple(Synonym(terms=terms).term_list())


def synonyms_of(text):
    """Terms equivalent to a term the (normalised) query text contains, not already in it. The list
    is read on every search, so an edit applies at once."""
    found = []
    for group in Synonym.objects.values_list("terms", flat=True):
        terms = _group_terms(group)
        if any(term in text for term in terms):
            found.extend(term for term in terms if term not in text and term not in found)
    return found


MAX_WRONG_CHARS = 6


def _reader(run):
    """A function giving the full pinyin of a stretch run[start:end]: the run is read once (a long
    question has hundreds of stretches), stretch by stretch only if a character has no reading."""
    syllables = lazy_pinyin(run, style=Style.NORMAL, errors="ignore")
    if len(syllables) == len(run):
        return lambda start, end: "".join(syllables[start:end])
    return lambda start, end: pinyin(run[start:end])[0]


def _homophones(run, read):
    """{pinyin: most frequent vocabulary term} for the pinyin of every 2–6 character stretch of a run."""
    readings = {read(i, i + size) for size in range(2, MAX_WRONG_CHARS + 1) for i in range(len(run) - size + 1)}
    best = {}
    for term, reading in (
        SearchTerm.objects.filter(pinyin__in=readings).order_by("weight").values_list("term", "pinyin")
    ):
        best[reading] = term  # ascending weight: the most frequent term is written last
    return best


def _corrections(text):
    """(misspelt, corrected) pairs of a query: a stretch of 2–6 characters that occurs in no indexed
    document, replaced by the most frequent vocabulary term pronounced the same (政册 → 政策).
    Longest stretches first, left to right; words found in the index are never corrected."""
    from .engines import database_engine

    found = []
    index = database_engine()
    for run in CJK_RUN_RE.findall(normalise(text)):
        read = _reader(run)
        homophones = _homophones(run, read) if len(run) >= 2 else {}
        start = 0
        while start < len(run) - 1:
            for size in range(min(MAX_WRONG_CHARS, len(run) - start), 1, -1):
                stretch = run[start : start + size]
                candidate = homophones.get(read(start, start + size))
                if candidate and candidate != stretch and not index.contains(stretch):
                    found.append((stretch, candidate))
                    start += size
                    break
            else:
                start += 1
    return found


def suggest(text):
    """The query with misspelt Chinese words corrected, or None when nothing was corrected."""
    pairs = _corrections(text)
    corrected = normalise(text)
    for wrong, right in pairs:
        corrected = corrected.replace(wrong, right, 1)
    return corrected if pairs else None


def complete(prefix, limit=10):
    """Vocabulary terms starting with `prefix`, or whose pinyin/initials start with it."""
    prefix = normalise(prefix).strip()
    if not prefix:
        return []
    if is_latin_word(prefix):
        condition = Q(pinyin__startswith=prefix) | Q(initials__startswith=prefix)
    else:
        condition = Q(term__startswith=prefix) & ~Q(term=prefix)
    return list(SearchTerm.objects.filter(condition).order_by("-weight", "term").values_list("term", flat=True)[:limit])


def reset():
    SearchTerm.objects.all().delete()
