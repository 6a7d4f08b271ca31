"""Snippets with matched terms marked, for engines that do not highlight themselves."""

import re

from django.utils.html import escape

SNIPPET_CHARS = 160
LEAD_CHARS = 30
MAX_CANDIDATES = 300  # matches considered as the start of the snippet


def _best_start(text, pattern, length):
    """Where the snippet of `text` starts: before the match whose window holds the most distinct
    terms (the passage answering the question, not merely the first mention), or None."""
    matches = [(m.start(), m.group(0).lower()) for _n, m in zip(range(MAX_CANDIDATES), pattern.finditer(text))]
    best, best_count = None, 0
    for index, (position, _term) in enumerate(matches):
        count = len({term for start, term in matches[index:] if start < position + length - LEAD_CHARS})
        if count >= best_count:
            best, best_count = position, count
    return None if best is None else max(0, best - LEAD_CHARS)


def snippet(texts, terms, length=SNIPPET_CHARS):
    """HTML snippet of the first text containing a term, around its passage with the most distinct
    terms: escaped, matches in <mark>."""
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    for text in texts:
        start = _best_start(text, pattern, length) if (pattern and text) else None
        if start is not None:
            window = text[start : start + length]
            prefix = "…" if start else ""
            suffix = "…" if start + length < len(text) else ""
            return prefix + _mark(window, pattern) + suffix
    first = next((t for t in texts if t), "")
    return escape(first[:length]) + ("…" if len(first) > length else "")


def _mark(text, pattern):
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)
