"""The vocabulary of indexed words and the synonym list, shared by every engine.

Words of indexed titles are counted with their pinyin; queries
use them to turn pinyin or initials into Chinese terms, to suggest a correction for a
misspelt word (same pinyin, or one character different: 政册 → 政策) and to complete
what a citizen is typing.
"""
from collections import Counter

from django.db.models import Q

from .analysis import CJK_RUN_RE, is_latin_word, normalise, pinyin, precise_words
from .models import SearchTerm, Synonym

PINYIN_MATCHES = 2
MAX_TERM_CHARS = 30


def record(words):
    """Count words seen in one batch of indexed documents."""
    counts = Counter(w for w in words if 2 <= len(w) <= MAX_TERM_CHARS)
    if not counts:
        return
    existing = {t.term: t for t in SearchTerm.objects.filter(term__in=list(counts))}
    for term, entry in existing.items():
        entry.weight += counts[term]
    SearchTerm.objects.bulk_update(existing.values(), ["weight"], batch_size=500)
    SearchTerm.objects.bulk_create([
        SearchTerm(term=term, pinyin=pinyin(term)[0][:150], initials=pinyin(term)[1][:30], weight=count)
        for term, count in counts.items() if term not in existing
    ], ignore_conflicts=True, batch_size=500)


def pinyin_terms(word):
    """Chinese terms whose full pinyin, or else initials, is `word` (most frequent first)."""
    if len(word) < 2:
        return []
    terms = SearchTerm.objects.filter(pinyin=word).order_by("-weight")[:PINYIN_MATCHES]
    found = [t.term for t in terms]
    if not found and len(word) <= 8:
        found = list(SearchTerm.objects.filter(initials=word).order_by("-weight")
                     .values_list("term", flat=True)[:PINYIN_MATCHES])
    return found


def synonyms_of(text):
    """Terms equivalent to a term the (normalised) query text contains, not already in it."""
    found = []
    for group in Synonym.objects.all():
        terms = group.term_list()
        if any(term in text for term in terms):
            found.extend(term for term in terms if term not in text and term not in found)
    return found


def _chunks(run):
    """Words of a CJK run, consecutive single characters joined (政册解读 → 政册, 解读)."""
    chunks, singles = [], ""
    for word in precise_words(run):
        if len(word) == 1:
            singles += word
            continue
        if singles:
            chunks.append(singles)
            singles = ""
        chunks.append(word)
    if singles:
        chunks.append(singles)
    return chunks


def _correction(word):
    if len(word) < 2 or len(word) > 6 or SearchTerm.objects.filter(term=word).exists():
        return None
    same_sound = SearchTerm.objects.filter(pinyin=pinyin(word)[0]).order_by("-weight").first()
    if same_sound is not None:
        return same_sound.term
    patterns = Q()
    for i in range(len(word)):
        patterns |= Q(term__regex="^" + word[:i] + "." + word[i + 1:] + "$")
    close = SearchTerm.objects.filter(patterns).order_by("-weight").first()
    return close.term if close else None


def suggest(text):
    """The query with misspelt Chinese words corrected, or None when nothing was corrected."""
    corrected, changed = normalise(text), False
    for run in CJK_RUN_RE.findall(corrected):
        for chunk in _chunks(run):
            replacement = _correction(chunk)
            if replacement and replacement != chunk:
                corrected, changed = corrected.replace(chunk, replacement, 1), True
    return corrected if changed else None


def complete(prefix, limit=10):
    """Vocabulary terms starting with `prefix`, or whose pinyin/initials start with it."""
    prefix = normalise(prefix).strip()
    if not prefix:
        return []
    if is_latin_word(prefix):
        condition = Q(pinyin__startswith=prefix) | Q(initials__startswith=prefix)
    else:
        condition = Q(term__startswith=prefix) & ~Q(term=prefix)
    return list(SearchTerm.objects.filter(condition).order_by("-weight", "term")
                .values_list("term", flat=True)[:limit])


def reset():
    SearchTerm.objects.all().delete()
