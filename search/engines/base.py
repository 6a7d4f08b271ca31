"""The interface every search engine implements, and the result types they return."""

from dataclasses import dataclass, field
from datetime import datetime


class EngineUnavailable(Exception):
    """The engine did not answer (cluster down, connection refused, timeout)."""


@dataclass
class Hit:
    key: str
    type: str
    title: str
    url: str
    unit: str
    unit_label: str
    published_at: datetime | None
    document_number: str = ""
    validity: str = ""
    slug: str = ""
    column_type: str = ""
    related_title: str = ""
    related_url: str = ""
    highlight: str = ""  # HTML: escaped text with <mark> around matched terms


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    # facet name → [(value, count)], most frequent first
    facets: dict = field(default_factory=dict)


class SearchEngine:
    """One engine: indexes `SearchDocument`s and answers `SearchQuery`s."""

    name = ""

    def ping(self):
        """True when the engine answers."""
        raise NotImplementedError

    def upsert(self, documents):
        """Add or replace these documents."""
        raise NotImplementedError

    def delete(self, keys):
        """Remove these document keys (absent keys are ignored)."""
        raise NotImplementedError

    def search(self, query):
        """`SearchResults` for a `SearchQuery`; raises EngineUnavailable when the engine is down."""
        raise NotImplementedError

    def rebuild(self, batches):
        """Build a fresh index from batches of documents and switch searches to it at the end."""
        raise NotImplementedError

    def count(self):
        """Number of documents in the live index."""
        raise NotImplementedError
