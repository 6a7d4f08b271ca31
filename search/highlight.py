"""Snippets with matched terms marked, for engines that do not highlight themselves."""
import re

from django.utils.html import escape

SNIPPET_CHARS = 160
LEAD_CHARS = 30


def snippet(texts, terms, length=SNIPPET_CHARS):
    """HTML snippet of the first text containing a term: escaped, matches in <mark>."""
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    for text in texts:
        match = pattern.search(text) if (pattern and text) else None
        if match:
            start = max(0, match.start() - LEAD_CHARS)
            window = text[start:start + length]
            prefix = "…" if start else ""
            suffix = "…" if start + length < len(text) else ""
            return prefix + _mark(window, pattern) + suffix
    first = next((t for t in texts if t), "")
    return escape(first[:length]) + ("…" if len(first) > length else "")


def _mark(text, pattern):
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)
