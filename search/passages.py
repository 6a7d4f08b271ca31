"""Passages: a long document's body cut into pieces that are scored on their own.

A policy's answer is usually deep in its body (median ~1,000 characters, up to ~17,000), where a
document-level BM25 dilutes it with everything else the document says. Every engine also indexes
the body's passages (sentences packed up to PASSAGE_CHARS characters) and adds PASSAGE_WEIGHT times
the score of a document's best passage to the document's own score (search/engines/). A body no
longer than PASSAGE_CHARS is one passage, so short answers and long policies are scored alike.
Passages are a rescoring stage: every match is scored by its fields (that score decides the
facets, the total and the date order), and only the best PASSAGE_WINDOW of them are scored again
with their best passage (the best PASSAGE_WINDOW documents and, apart, the best PASSAGE_WINDOW
listing pages, which a cluster ranks in a search of their own), so the cost of passages does not
grow with the number of matches.
A document's body has no quoted questions (search/documents.py), so neither have its passages.
"""

import re

PASSAGE_CHARS = 400
# How much a document's best passage adds to its own score (the fields' weighted BM25).
PASSAGE_WEIGHT = 1.0
MAX_PASSAGES = 100  # 40,000 characters of body
# Matches of each kind (by their fields' score) whose best passage is added: the rescoring window.
PASSAGE_WINDOW = 100
SENTENCE_RE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]+|[^。！？；!?;\n]+")


def passages(text):
    """The body's passages: whole sentences packed up to PASSAGE_CHARS (a longer sentence is cut)."""
    pieces, current = [], ""
    for sentence in SENTENCE_RE.findall(text or ""):
        sentence = sentence.strip()
        while len(sentence) > PASSAGE_CHARS:
            pieces.extend(filter(None, [current, sentence[:PASSAGE_CHARS]]))
            current, sentence = "", sentence[PASSAGE_CHARS:]
        if len(current) + len(sentence) > PASSAGE_CHARS:
            pieces.append(current)
            current = ""
        current = f"{current}{sentence}" if current else sentence
        if len(pieces) >= MAX_PASSAGES:
            break
    if current and len(pieces) < MAX_PASSAGES:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()]
