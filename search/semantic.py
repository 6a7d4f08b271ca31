"""Semantic retrieval: the documents nearest a question by meaning, fused with the engines' word matches.

A citizen's question often shares no word with the page that answers it (电工证 → 职业技能提升补贴).
Every indexed document gets an embedding of its title and first paragraph from bge-small-zh-v1.5 (an
int8 ONNX model run on the CPU, fetched from Maven Central by scripts/fetch_semantic_model.py),
stored in `SearchVector` and computed again only when that text changes, so drafts never have one.
A query with Chinese words is embedded too, unless it is an identifier or a name that words answer
better (a 文号, 第28号, the name of an issuing office or unit); its nearest documents (search/vectors.py)
become `SearchQuery.neighbours`: the database engines find them in each process's copy of the vectors,
the cluster engines by the cluster's own vector search over the copy each indexed document carries
(`stored_vectors`, search/engines/cluster.py), so their web workers hold no vectors. Engines rank by reciprocal
rank fusion of their own ranking and this one (`fused`); a neighbour that matches none of the
query's words joins the results only when close enough (JOIN_SIMILARITY). Without the model
(SEARCH_SEMANTIC off, or the files absent) search is lexical only, and `manage.py check` says so.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from subsites.models import Unit

from .analysis import CJK_RUN_RE, doc_number_key, normalise
from .models import SearchEntry, SearchVector
from .vectors import VectorIndex
from .vectors import changed as vectors_changed
from .vectors import version as vectors_version

logger = logging.getLogger(__name__)

# bge-small-zh's instruction for short queries against passages.
QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章："
MAX_TOKENS = 256
TEXT_CHARS = 300  # of the body, after the title: what a document's vector stands for
EMBED_BATCH = 16
NEIGHBOURS = 50
DIMENSIONS = 512  # of bge-small-zh's vectors
# Cosine similarity from which a neighbour matching no word of the query joins the results: unrelated
# questions (演唱会门票) stay near 0.4 against this collection's documents, answers above 0.5.
JOIN_SIMILARITY = 0.45
# Reciprocal rank fusion: a document scores 1/(RRF_K + rank) in each ranking it is in (the engine's
# first FUSION_WINDOW, the neighbours); documents in neither follow in the engine's order.
RRF_K = 10
FUSION_WINDOW = 50
NUMBERED_RE = re.compile(r"第\s*\d+\s*号")
NAME_SEPARATORS_RE = re.compile(r"[、，,;；\s]+")


@dataclass(frozen=True)
class Neighbour:
    rank: int  # 1 = nearest
    joins: bool  # close enough to be a result without matching a word


class _Model:
    def __init__(self, directory):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = settings.SEARCH_SEMANTIC_THREADS
        self.session = onnxruntime.InferenceSession(
            str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()

    def embed(self, texts):
        """Unit vectors (float32 rows) of these texts: the [CLS] state, as bge is trained."""
        import numpy

        rows = []
        for start in range(0, len(texts), EMBED_BATCH):
            encoded = self.tokenizer.encode_batch(texts[start : start + EMBED_BATCH])
            ids = numpy.array([e.ids for e in encoded], dtype=numpy.int64)
            mask = numpy.array([e.attention_mask for e in encoded], dtype=numpy.int64)
            states = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": numpy.zeros_like(ids)}
            )[0][:, 0]
            rows.append(states / numpy.linalg.norm(states, axis=1, keepdims=True))
        return numpy.vstack(rows).astype(numpy.float32)


@lru_cache(maxsize=4)
def _load(directory):
    if not (directory / "model.onnx").is_file() or not (directory / "tokenizer.json").is_file():
        logger.warning("semantic search is off: no model in %s (make install fetches it)", directory)
        return None
    return _Model(directory)


def model():
    """The loaded model, or None when semantic search is off."""
    return _load(settings.SEARCH_SEMANTIC_MODEL) if settings.SEARCH_SEMANTIC else None


def document_text(document):
    return f"{document.title}\n{document.body[:TEXT_CHARS]}"


def store(documents):
    """Compute and keep the vectors of these (indexed) documents whose text changed."""
    encoder = model()
    if encoder is None:
        return
    texts = {document.key: document_text(document) for document in documents}
    digests = {key: hashlib.md5(text.encode(), usedforsecurity=False).hexdigest() for key, text in texts.items()}
    current = dict(SearchVector.objects.filter(key__in=list(texts)).values_list("key", "digest"))
    changed = [key for key in texts if current.get(key) != digests[key]]
    if not changed:
        return
    vectors = encoder.embed([texts[key] for key in changed])
    SearchVector.objects.bulk_create(
        [
            SearchVector(key=key, digest=digests[key], vector=vector.astype("<f2").tobytes())
            for key, vector in zip(changed, vectors)
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["digest", "vector", "updated_at"],
    )
    vectors_changed()


def forget(keys):
    keys, deleted = list(keys), 0
    for start in range(0, len(keys), 500):
        deleted += SearchVector.objects.filter(key__in=keys[start : start + 500]).delete()[0]
    if deleted:
        vectors_changed()


def stored_keys():
    return SearchVector.objects.values_list("key", flat=True).iterator()


def stored_vectors(keys):
    """{key: vector as a list of floats} of these documents' stored vectors (what a cluster indexes)."""
    import numpy

    rows = SearchVector.objects.filter(key__in=list(keys)).values_list("key", "vector")
    return {key: numpy.frombuffer(bytes(vector), dtype="<f2").astype(float).round(5).tolist() for key, vector in rows}


_index = VectorIndex()
_offices = {"version": None, "names": frozenset()}


def _office_names():
    """Names of the units, the portal and the issuers of indexed documents (read again when the
    vectors change: the issuers through the narrow facet index, ~12 ms at 100,000 documents)."""
    version = vectors_version()
    if _offices["version"] != version:
        issuers = SearchEntry.objects.exclude(issuer="").values_list("issuer", flat=True).distinct()
        _offices["names"] = frozenset(
            name
            for value in [settings.PORTAL_NAME, *Unit.objects.values_list("name", flat=True), *issuers]
            for name in NAME_SEPARATORS_RE.split(value)
            if name
        )
        _offices["version"] = version
    return _offices["names"]


@lru_cache(maxsize=512)
def query_vector(text):
    """The embedding of a query text (the most recent ones are kept)."""
    return model().embed([QUERY_INSTRUCTION + text])[0]


def embedding(text):
    """The query vector of a text, or None for identifiers, office names and texts without Chinese
    words (words answer those better) and when semantic search is off."""
    if doc_number_key(text) or NUMBERED_RE.search(text) or not CJK_RUN_RE.search(text) or model() is None:
        return None
    name = normalise(text).strip()
    if any(name in office for office in _office_names()):
        return None
    return query_vector(text)


def ranked(nearest):
    """{document key: Neighbour} of [(key, cosine similarity)] nearest first."""
    return {
        key: Neighbour(rank, similarity >= JOIN_SIMILARITY) for rank, (key, similarity) in enumerate(nearest, start=1)
    }


def neighbours(text):
    """{document key: Neighbour} of a query text from this process's copy of the vectors (the
    database engines): none when `embedding` gives none."""
    vector = embedding(text)
    if vector is None:
        return {}
    _index.refresh()
    return ranked(_index.nearest(vector, NEIGHBOURS))


def fused(lexical, semantic_ranks):
    """{id: fusion score} of the engine's ranking (ids best first) and the neighbours' {id: rank}."""
    scores = {}
    for rank, identifier in enumerate(lexical[:FUSION_WINDOW], start=1):
        scores[identifier] = 1 / (RRF_K + rank)
    for identifier, rank in semantic_ranks.items():
        scores[identifier] = scores.get(identifier, 0.0) + 1 / (RRF_K + rank)
    return scores
