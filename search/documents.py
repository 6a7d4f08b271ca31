"""What a search document is, and the registry of document definitions.

Apps define their documents next to their models, in a `documents` module that search imports at
start-up (`content/documents.py`, `interaction/documents.py`), and register one `DocumentSource`
per prefix of a document key ("page:12", "reply:7"). A source turns a key into the document to index, or None when the
object must not be (or no longer be) in the index: a draft, an unpublished, private or
deleted page, an unpublished reply.

A question a document quotes (您来信反映“低保每个月几号发？”的问题已收悉；现就“…？”答复如下) restates
what a citizen asked: it says what the document is about, not what it answers. The body every engine
indexes (its field, passages, vector and snippets) leaves quoted questions out, so a reply that only
restates a question and refers the citizen to a window does not outrank the answer to it.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime

QUOTED_QUESTION_RE = re.compile(r"[“「『\"][^“”「」『』\"\n]{1,200}?[？?][”」』\"]")


@dataclass
class SearchDocument:
    key: str
    type: str
    title: str
    url: str
    path: str  # tree path used for site scoping (the page's, or its unit home's)
    unit: str  # unit code, or PORTAL_UNIT for the portal's own content
    unit_label: str
    published_at: datetime | None
    body: str = ""  # without the questions it quotes (see the module docstring)
    extra: str = ""  # related text that should find the document: Q&A, interpretations, attachments
    slug: str = ""
    column_type: str = ""
    issuer: str = ""
    validity: str = ""
    document_number: str = ""
    related_title: str = ""  # an interpretation's or Q&A item's policy
    related_url: str = ""
    # Key of the policy document this one belongs with: the policy itself, its interpretations and
    # Q&A items, service items whose legal basis cites its 文号. Searches rank a family together.
    family: str = ""
    # A page that lists others (a column's plain page, a site's home page): it scores LISTING_WEIGHT
    # times less, so the documents it lists come first (search/query.py).
    listing: bool = False
    suggest_words: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.body = QUOTED_QUESTION_RE.sub("", self.body)
        # Kept to the second: engines store times at different precisions (OpenSearch: milliseconds),
        # and sorting by date must give the same order everywhere.
        if self.published_at is not None:
            self.published_at = self.published_at.replace(microsecond=0)

    @property
    def year(self):
        return self.published_at.year if self.published_at else None

    def as_dict(self):
        data = asdict(self)
        data.pop("suggest_words")
        data["year"] = self.year
        return data


PORTAL_UNIT = "portal"


class DocumentSource:
    """Base of a registered document definition."""

    prefix = ""

    def build(self, object_id):
        """The document for this object id, or None if it must not be in the index."""
        raise NotImplementedError

    def build_many(self, ids):
        """{object id: document} for the ids that must be in the index."""
        documents = {object_id: self.build(object_id) for object_id in ids}
        return {object_id: document for object_id, document in documents.items() if document is not None}

    def all_ids(self):
        """Ids of every object that may be indexed (for a full rebuild)."""
        raise NotImplementedError


_sources = {}


def register(source):
    _sources[source.prefix] = source
    return source


def build_many(keys):
    """{key: document} for the keys whose object must be in the index; other keys are left out."""
    by_prefix = {}
    for key in keys:
        prefix, _sep, object_id = key.partition(":")
        if prefix in _sources and object_id.isdigit():
            by_prefix.setdefault(prefix, []).append(int(object_id))
    documents = {}
    for prefix, ids in by_prefix.items():
        for object_id, document in _sources[prefix].build_many(ids).items():
            documents[key_for(prefix, object_id)] = document
    return documents


def all_keys():
    for prefix, source in _sources.items():
        for object_id in source.all_ids():
            yield f"{prefix}:{object_id}"


def key_for(prefix, object_id):
    return f"{prefix}:{object_id}"
