"""Search state kept in the database: the database engine's entries, the sync outbox,
the vocabulary of indexed words (pinyin, did-you-mean, autocomplete), the synonym list and the
documents' semantic vectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .analysis import normalise


class SearchEntry(models.Model):
    """One indexed document of the database engine (its full-text row is in `search_fts`)."""

    key = models.CharField(max_length=60, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    slug = models.CharField(max_length=255, blank=True)
    path = models.CharField(max_length=255, db_index=True)
    unit = models.CharField(max_length=32, db_index=True)
    unit_label = models.CharField(max_length=100)
    column_type = models.CharField(max_length=30, blank=True)
    year = models.PositiveIntegerField(null=True)
    issuer = models.CharField(max_length=100, blank=True)
    validity = models.CharField(max_length=20, blank=True)
    document_number = models.CharField(max_length=100, blank=True)
    related_title = models.CharField(max_length=500, blank=True)
    related_url = models.CharField(max_length=500, blank=True)
    family = models.CharField(max_length=60, blank=True, db_index=True)
    # The document's suggestion words, one per line (a tag may contain spaces): the vocabulary
    # counts what the index holds.
    words = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, db_index=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    # The facet values (unit, column type, type, year, issuer, validity) in one text, separated by
    # U+001F: a search reads them for every match, and one column is read faster than six.
    facet_values = models.CharField(max_length=400, blank=True)
    listing = models.BooleanField(default=False)  # SearchDocument.listing

    class Meta:
        # Covers the per-match lookup of a search (score and facets without reading the text).
        indexes = [models.Index(fields=["id", "facet_values", "listing", "published_at"], name="search_entry_ranking")]


class IndexChange(models.Model):
    """Outbox: a document whose index entry must be brought in line with the database.

    Written in the publishing transaction; processing re-reads the document's current
    state, so a row says only *which* document, never what to do with it.
    """

    key = models.CharField(max_length=60)
    engine = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["engine", "processed_at"])]


class SearchVector(models.Model):
    """The embedding of one indexed document (search/semantic.py), whatever the engine: float16
    values, and a digest of the text it was computed from (computed again when the text changes)."""

    key = models.CharField(max_length=60, unique=True)
    digest = models.CharField(max_length=32)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)


class SearchTerm(models.Model):
    """A word of indexed titles and tags, with its pinyin, for suggestions; `weight`: how many indexed
    documents have it (kept exact as documents are indexed and removed)."""

    term = models.CharField(max_length=30, unique=True)
    pinyin = models.CharField(max_length=150, db_index=True)
    initials = models.CharField(max_length=30, db_index=True)
    weight = models.PositiveIntegerField(default=0)


class Synonym(models.Model):
    """A group of terms that mean the same thing (低保, 最低生活保障); a query for one finds all."""

    terms = models.CharField(
        _("terms"),
        max_length=300,
        help_text=_("Two or more equivalent terms separated by commas, e.g. 低保, 最低生活保障."),
    )

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return "⇄".join(self.term_list())

    def term_list(self):
        return [t for t in (normalise(part).strip() for part in self.terms.replace("，", ",").split(",")) if t]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(set(self.term_list())) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})
