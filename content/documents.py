"""Search documents of the page tree: every live public page, policy documents with the text of
their interpretations, Q&A items and attachments, and interpretations/Q&A linked to their policy.
A policy, its interpretations and Q&A items and the service items citing its 文号 share a family key.

Built in batches (`build_many`) so a full rebuild costs a handful of queries per batch, not per page.
"""

from django.conf import settings
from django.db import models
from wagtail.models import Page, get_page_models

from base.text import attachment_relations, document_text, strip_html
from search.analysis import doc_number_keys, doc_numbers, title_terms
from search.documents import PORTAL_UNIT, DocumentSource, SearchDocument, register
from subsites.tree import UNIT_HOME_DEPTH, UnitPaths

from .models import (
    ColumnPage,
    InterpretationPage,
    ItemPage,
    PageTag,
    PolicyLinkAcceptance,
    PolicyPage,
    QAPage,
    ServiceItemPage,
    current,
)

# Inline models attaching documents to pages (base.text's rule); the documents' text is indexed with the page.
ATTACHMENTS = attachment_relations(get_page_models())
# Not searchable text: identifiers, admin-only notes (an exemption's reason is never public) and a
# column's settings (its type, freshness class and syndication are labels for editors, not content:
# a snippet would show "不聚合" or "静态类").
NON_BODY_FIELDS = {
    "title",
    "slug",
    "seo_title",
    "search_description",
    "index_number",
    "sensitivity",
    "video_url",
    "exemption_reason",
    "column_type",
    "freshness",
    "syndication",
}


def page_type(page):
    """The result type the page's class declares (`PortalPage.search_type`); "page" for any other page."""
    return getattr(page, "search_type", "page")


def searchable_pages():
    """Live, public, unexpired pages below the root."""
    return current(Page.objects.filter(depth__gt=1))


def _texts(page):
    """(body, metadata) text of the page: text areas and rich text; short fields and the display labels
    of chosen values (never a raw value; an empty choice's label such as "不聚合" is left out)."""
    body, metadata = [], []
    for field in type(page)._meta.concrete_fields:
        if field.model is Page or field.name in NON_BODY_FIELDS:
            continue
        if field.choices:
            if getattr(page, field.attname) not in (None, ""):
                metadata.append(str(getattr(page, f"get_{field.name}_display")()))
        elif isinstance(field, models.TextField):  # RichTextField is a TextField
            body.append(strip_html(getattr(page, field.attname) or ""))
        elif isinstance(field, models.CharField):
            metadata.append(getattr(page, field.attname) or "")
    return "\n".join(t for t in body if t), " ".join(t for t in metadata if t)


class _TreeIndex:
    """Units and columns of the tree, looked up by path prefix while building one batch."""

    def __init__(self):
        self.units = UnitPaths()
        self.columns = dict(ColumnPage.objects.values_list("path", "column_type"))

    def _ancestor_paths(self, page):
        return [page.path[: depth * Page.steplen] for depth in range(page.depth, 0, -1)]

    def column_type_of(self, page):
        for path in self._ancestor_paths(page):
            if path in self.columns:
                return self.columns[path]
        return ""


class PageSource(DocumentSource):
    prefix = "page"

    def all_ids(self):
        return searchable_pages().order_by("path").values_list("pk", flat=True).iterator()

    def build_many(self, ids):
        pages = list(searchable_pages().filter(pk__in=ids).specific())
        if not pages:
            return {}
        tree = _TreeIndex()
        policy_ids = [p.pk for p in pages if isinstance(p, PolicyPage)]
        related = {}
        policy_units = {p.pk: p.owner_unit_id for p in pages if isinstance(p, PolicyPage)}
        accepted = set(PolicyLinkAcceptance.objects.filter(policy__in=policy_ids).values_list("page_id", flat=True))
        for model in (InterpretationPage, QAPage):
            for item in current(model.objects.filter(policy__in=policy_ids)).order_by("path"):
                # as on the policy page: its own unit's items, and other units' once the policy's unit accepted them
                if policy_units[item.policy_id] in (None, item.owner_unit_id) or item.pk in accepted:
                    related.setdefault(item.policy_id, []).append(f"{item.title}\n{strip_html(item.body)}")
        linked = {p.policy_id for p in pages if isinstance(p, InterpretationPage | QAPage) and p.policy_id}
        policies = {p.pk: p for p in searchable_pages().type(PolicyPage).filter(pk__in=linked)}
        for model, page_key, document_key in ATTACHMENTS:
            attached = model.objects.filter(**{f"{page_key}__in": [p.pk for p in pages]})
            for attachment in attached.select_related(document_key):
                related.setdefault(getattr(attachment, f"{page_key}_id"), []).append(
                    document_text(getattr(attachment, document_key))
                )
        tags = {}
        tagged = PageTag.objects.filter(content_object__in=[p.pk for p in pages] + list(policies))
        for page_id, name in tagged.order_by("tag__name").values_list("content_object_id", "tag__name"):
            tags.setdefault(page_id, []).append(name)
        for page in pages:
            policy = policies.get(getattr(page, "policy_id", None))
            if policy is not None:  # an interpretation or Q&A item is about its policy's subject
                related.setdefault(page.pk, []).insert(0, " ".join([policy.title, *tags.get(policy.pk, [])]))
        families = self._families(pages, policies)
        return {
            page.pk: self._document(
                page, tree, related.get(page.pk, []), policies, tags.get(page.pk, []), families.get(page.pk, "")
            )
            for page in pages
        }

    def _families(self, pages, policies):
        """{page id: key of its policy family}: a policy's own, an interpretation's or Q&A item's
        policy, the first live policy whose 文号 a service item's legal basis cites."""
        families = {}
        for page in pages:
            if isinstance(page, PolicyPage):
                families[page.pk] = f"{self.prefix}:{page.pk}"
            elif getattr(page, "policy_id", None) in policies:
                families[page.pk] = f"{self.prefix}:{page.policy_id}"
        services = [page for page in pages if isinstance(page, ServiceItemPage)]
        cited = {page.pk: doc_number_keys(page.legal_basis) for page in services}
        by_key = _policies_by_doc_key([page.legal_basis for page in services]) if services else {}
        for page_id, keys in cited.items():
            policy_id = next((by_key[key] for key in keys if key in by_key), None)
            if policy_id:
                families[page_id] = f"{self.prefix}:{policy_id}"
        return families

    def _document(self, page, tree, related_texts, policies, tags, family):
        """`related_texts`: a policy's interpretations and Q&A items, or an item's policy title and tags,
        then any page's attachments; `tags`: the page's own tags."""
        unit = tree.units.unit_for_path(page.path)
        body, metadata = _texts(page)
        # Tags and the unit's names are metadata: 双减 finds its tagged policy, 人社局 its department's items.
        metadata = " ".join([metadata, *tags, *((unit.name, unit.short_name) if unit else ())])
        published = (
            page.issued_at if isinstance(page, ItemPage) else (page.first_published_at or page.last_published_at)
        )
        document = SearchDocument(
            key=f"{self.prefix}:{page.pk}",
            type=page_type(page),
            title=page.title,
            url=page.get_full_url() or "",
            path=page.path,
            unit=unit.code if unit else PORTAL_UNIT,
            unit_label=unit.name if unit else settings.PORTAL_NAME,
            published_at=published,
            body=body,
            extra="\n".join([metadata, *related_texts]),
            slug=page.slug,
            column_type=tree.column_type_of(page),
            suggest_words=title_terms(page.title) + tags,
            family=family,
        )
        # a plain page inside a column, or the home page of the portal or a unit's site
        document.listing = document.type == "page" and bool(document.column_type or page.depth <= UNIT_HOME_DEPTH)
        if isinstance(page, PolicyPage):
            document.issuer = page.issuing_authority
            document.validity = page.validity
            document.document_number = page.doc_number
        policy = policies.get(getattr(page, "policy_id", None))
        if policy is not None:
            document.related_title, document.related_url = policy.title, policy.get_full_url() or ""
        return document

    def dependents(self, page):
        """Keys to re-index when `page` changes: a linked policy carries an interpretation's or Q&A's text,
        interpretations and Q&A items carry their policy's title and tags, and service items citing a
        policy's 文号 belong to its family."""
        page = page.specific
        policy_id = getattr(page, "policy_id", None)
        if policy_id:
            return [f"{self.prefix}:{policy_id}"]
        if isinstance(page, PolicyPage):
            return [
                f"{self.prefix}:{pk}"
                for pk in [
                    *(
                        pk
                        for model in (InterpretationPage, QAPage)
                        for pk in model.objects.filter(policy=page).values_list("pk", flat=True)
                    ),
                    *_services_citing(page.doc_number),
                ]
            ]
        return []


register(PageSource())


def _citation_filter(texts, field):
    """A coarse filter for `field` values that may cite a 文号 of these texts (year and serial present)."""
    condition = models.Q(pk__in=[])
    for _issuer, year, serial in {number for text in texts for number in doc_numbers(text)}:
        condition |= models.Q(**{f"{field}__contains": year}) & models.Q(**{f"{field}__contains": str(serial)})
    return condition


def _policies_by_doc_key(texts):
    """{文号 key: id of the live policy carrying it} for the 文号 cited in these texts."""
    found = {}
    candidates = current(PolicyPage.objects.filter(_citation_filter(texts, "doc_number")))
    for pk, number in candidates.order_by("pk").values_list("pk", "doc_number"):
        for key in doc_number_keys(number):
            found.setdefault(key, pk)
    return found


def _services_citing(doc_number):
    """Ids of the service items whose legal basis cites this 文号."""
    keys = doc_number_keys(doc_number)
    if not keys:
        return []
    candidates = ServiceItemPage.objects.filter(_citation_filter([doc_number], "legal_basis"))
    return [pk for pk, basis in candidates.values_list("pk", "legal_basis") if keys[0] in doc_number_keys(basis)]
