"""Chinese text analysis shared by every engine.

The database engines index pre-segmented tokens produced here: character bigrams, so
two-character abbreviations such as 医保 match inside longer words, plus jieba words in titles.
The cluster engines analyse text themselves with the `zh_bigram` analyzer of `CLUSTER_ANALYSIS`.
Document numbers (文号) are reduced to one bracket-free key so 〔2020〕, [2020] and （2020）
variants find the same document on every engine.
"""

import logging
import re
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin

jieba.setLogLevel(logging.WARNING)

CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
LATIN_RE = re.compile(r"^[a-z]+$")
# 文号: issuer prefix, year in any bracket style, serial number, optional 号.
DOC_NUMBER_RE = re.compile(
    r"([\u4e00-\u9fffA-Za-z]{1,20})\s*[〔\[［(（【﹝{｛]\s*(\d{4})\s*[〕\]］)）】﹞}｝]\s*第?\s*(\d{1,5})\s*号?"
)
DOC_KEY_PREFIX = "wh"
# Query tokens above this count are dropped (a pasted paragraph still searches, bounded).
MAX_QUERY_TOKENS = 64

# Index analysis of the OpenSearch/Elasticsearch indices: CJK bigrams (the same units as the
# database engines' bigrams), full-width folding and lower-casing; `zh_unigram` serves
# one-character queries.
CLUSTER_ANALYSIS = {
    "analyzer": {
        "zh_bigram": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "zh_bigrams"],
        },
        "zh_unigram": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase"]},
    },
    "filter": {"zh_bigrams": {"type": "cjk_bigram", "output_unigrams": False}},
}


def normalise(text):
    """Full-width ASCII folded to half-width, lower case."""
    folded = []
    for char in text or "":
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E:
            char = chr(code - 0xFEE0)
        elif code == 0x3000:
            char = " "
        folded.append(char)
    return "".join(folded).lower()


def bigrams(run):
    """Overlapping character pairs of a CJK run; a one-character run is its own token."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text, segment=True):
    """Tokens of a text: CJK bigrams, latin words and numbers, and with `segment` jieba's longer
    search-mode words (queries and titles; bodies skip jieba, which costs 15 times the bigrams)."""
    text = normalise(text)
    result = []
    for match in WORD_RE.finditer(text):
        run = match.group(0)
        if not CJK_RUN_RE.fullmatch(run):
            result.append(run)
            continue
        result.extend(bigrams(run))
        if segment:
            result.extend(_long_words(run))
    return result


def long_words(text):
    """jieba's search-mode words of three characters or more (无人机, 农机购置补贴): the database
    engines index them in titles beside the bigrams; the clusters in `title_words`."""
    return [word for run in CJK_RUN_RE.findall(normalise(text)) for word in _long_words(run)]


def _long_words(run):
    return [word for word in _search_words(run) if len(word) > 2] if len(run) > 2 else []


@lru_cache(maxsize=100_000)
def _search_words(run):
    """jieba's search-mode words of a CJK run (cached: titles and queries repeat a lot)."""
    return tuple(jieba.cut_for_search(run))


@lru_cache(maxsize=100_000)
def precise_words(run):
    """jieba's precise-mode words of a CJK run (cached)."""
    return tuple(jieba.cut(run))


def words(text):
    """Dictionary words (two characters or more) of a text, for the vocabulary and suggestions."""
    found = []
    for run in CJK_RUN_RE.findall(normalise(text)):
        found.extend(word for word in _search_words(run) if len(word) >= 2)
    return found


def title_terms(text):
    """Words of a title plus adjacent word pairs (政策 + 解读 → 政策解读), so pinyin and initials
    of common phrases resolve even when the dictionary lacks them."""
    found = words(text)
    for run in CJK_RUN_RE.findall(normalise(text)):
        parts = precise_words(run)
        found.extend(a + b for a, b in zip(parts, parts[1:]) if len(a) >= 2 and len(b) >= 2 and len(a + b) <= 8)
    return found


def doc_number_key(text):
    """The bracket-free key of the first 文号 in `text` ('' if none): 县云政发〔2020〕3号 → wh云政发2020n3."""
    keys = doc_number_keys(text)
    return keys[0] if keys else ""


def doc_numbers(text):
    """(issuer abbreviation, year, serial) of every 文号 cited in `text`, in order."""
    # The last three characters of the issuer abbreviation: words typed before it do not matter.
    return [(prefix[-3:], year, int(serial)) for prefix, year, serial in DOC_NUMBER_RE.findall(normalise(text))]


def doc_number_keys(text):
    """The keys of every 文号 cited in `text`, in order."""
    return [f"{DOC_KEY_PREFIX}{issuer}{year}n{serial}" for issuer, year, serial in doc_numbers(text)]


def pinyin(term):
    """Full toneless pinyin and initials of a term: 政策解读 → ('zhengcejiedu', 'zcjd')."""
    syllables = lazy_pinyin(term, style=Style.NORMAL, errors="ignore")
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def is_latin_word(text):
    return bool(LATIN_RE.match(text))


def warm_up():
    """Load jieba's dictionary now (about a second) rather than in a citizen's first search."""
    jieba.initialize()
