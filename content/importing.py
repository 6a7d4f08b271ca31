"""Importing content from JSON Lines into the standard columns of a unit's subsite.

One line is one news item, notice, service item, or policy document together with its
nested interpretations and Q&A items. `Importer.import_line` creates a line's pages in one
transaction: all of them, or none. The format is documented in docs/import-format.md.
"""

import hashlib
import json
import re
from datetime import date, datetime, time

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.whitelist import check_url

from base.publication import PublicationBlocked

from .models import (
    ColumnPage,
    InterpretationPage,
    NewsPage,
    NoticeKind,
    NoticePage,
    PolicyPage,
    QAPage,
    ServiceForm,
    ServiceItemPage,
)
from .vocabularies import DisclosureCategory, PolicyKind, Topic, Validity

AUDIT_SOURCE = "import_content"
# Target column (by standard slug, see content/blueprint.py) of each line type and nested kind.
COLUMNS = {
    "news": "gzdt",
    "notice": "tzgg",
    "policy": "zcwj",
    "service": "bsfw",
    "interpretations": "zcjd",
    "qa": "zcjd",
}
NESTED = ("interpretations", "qa")
# Elements refused in bodies: active content, and content the rich text subset would silently drop.
UNSAFE_ELEMENTS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "link",
    "meta",
    "base",
}
LOSSY_ELEMENTS = {"img", "table", "video", "audio", "svg", "canvas", "picture"}
SLUG_RE = re.compile(r"^[-\w]+\Z")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\Z")


class LineRejected(Exception):
    """A line that cannot be imported; `messages` say why, in the active language."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


class ImportSetupError(Exception):
    """The unit's subsite cannot receive an import (no subsite, or a standard column is missing)."""


class FieldError(Exception):
    pass


def _text(value, importer):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise FieldError(_("expected a text value"))
    return value.strip()


def _rich_text(value, importer):
    return sanitise_html(_text(value, importer))


def _date(value, importer):
    text = _text(value, importer)
    try:
        if not DATE_RE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(_("expected a date written YYYY-MM-DD, got “%(value)s”") % {"value": text}) from None


def _datetime(value, importer):
    text = _text(value, importer)
    try:
        if not DATETIME_RE.match(text):
            raise ValueError
        return timezone.make_aware(datetime.fromisoformat(text))
    except ValueError:
        raise FieldError(
            _("expected a time written YYYY-MM-DD or YYYY-MM-DD HH:MM, got “%(value)s”") % {"value": text}
        ) from None


def _boolean(value, importer):
    if not isinstance(value, bool):
        raise FieldError(_("expected true or false"))
    return value


def _tags(value, importer):
    if not isinstance(value, list) or not all(isinstance(tag, str) and tag.strip() for tag in value):
        raise FieldError(_("expected a list of tag names"))
    return [tag.strip() for tag in value]


def _choice(choices):
    """A converter accepting a choice's code or its Chinese label."""

    def convert(value, importer):
        text = _text(value, importer)
        with translation.override("zh-hans"):
            accepted = {code: code for code in choices.values} | {str(label): code for code, label in choices.choices}
            if text in accepted:
                return accepted[text]
            labels = "、".join(str(label) for label in choices.labels)
        raise FieldError(
            _("“%(value)s” is not one of: %(labels)s (or their codes: %(codes)s)")
            % {"value": text, "labels": labels, "codes": ", ".join(choices.values)}
        )

    return convert


def _image(value, importer):
    """A path relative to the JSON Lines file, checked to be a readable image; saved when the page is."""
    path = (importer.base_dir / _text(value, importer)).resolve()
    if not path.is_file():
        raise FieldError(_("image file “%(path)s” not found") % {"path": value})
    try:
        with PILImage.open(path) as picture:
            picture.verify()
    except (OSError, SyntaxError, ValueError):
        raise FieldError(_("“%(path)s” is not an image file") % {"path": value}) from None
    return path


def _documents(value, importer):
    """A list of paths relative to the JSON Lines file, each a readable file of an accepted document type."""
    if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
        raise FieldError(_("expected a list of file names"))
    paths = []
    for name in value:
        path = (importer.base_dir / name.strip()).resolve()
        if not path.is_file():
            raise FieldError(_("file “%(path)s” not found") % {"path": name})
        if path.suffix.lower().lstrip(".") not in settings.WAGTAILDOCS_EXTENSIONS:
            raise FieldError(
                _("“%(path)s” is not an accepted document type (%(types)s)")
                % {"path": name, "types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)}
            )
        paths.append(path)
    return paths


COMMON_FIELDS = {
    "slug": _text,
    "issued_at": _datetime,
    "source": _text,
    "summary": _text,
    "disclosure_category": _choice(DisclosureCategory),
    "tags": _tags,
}
FIELDS = {
    "news": {**COMMON_FIELDS, "title": _text, "body": _rich_text, "cover": _image, "video_url": _text},
    "notice": {
        **COMMON_FIELDS,
        "title": _text,
        "body": _rich_text,
        "notice_kind": _choice(NoticeKind),
        "comment_starts": _date,
        "comment_ends": _date,
    },
    "policy": {
        **COMMON_FIELDS,
        "title": _text,
        "body": _rich_text,
        "policy_kind": _choice(PolicyKind),
        "doc_number": _text,
        "issuing_authority": _text,
        "written_date": _date,
        "release_date": _date,
        "topic": _choice(Topic),
        "validity": _choice(Validity),
        "interpretation_exempt": _boolean,
        "exemption_reason": _text,
    },
    "service": {
        **COMMON_FIELDS,
        "item_type": _choice(ServiceItemPage.ItemType),
        "flowchart": _image,
        "forms": _documents,
        **{name: _text for name in ServiceItemPage.GUIDE_FIELDS if name not in ("item_type", "flowchart")},
    },
    "interpretations": {**COMMON_FIELDS, "title": _text, "body": _rich_text, "diagram": _image, "video_url": _text},
    "qa": {**COMMON_FIELDS, "title": _text, "body": _rich_text},
}
REQUIRED = {
    "news": ["title", "body"],
    "notice": ["title", "body"],
    "policy": ["title", "policy_kind", "issuing_authority", "written_date"],
    "service": ["title"],
    "interpretations": ["title", "body"],
    "qa": ["title", "body"],
}
MODELS = {
    "news": NewsPage,
    "notice": NoticePage,
    "policy": PolicyPage,
    "service": ServiceItemPage,
    "interpretations": InterpretationPage,
    "qa": QAPage,
}
SLUG_PREFIXES = {
    "news": "news",
    "notice": "notice",
    "policy": "policy",
    "service": "service",
    "interpretations": "jd",
    "qa": "qa",
}


def sanitise_html(html):
    """Body HTML reduced to the rich text subset; refuses active content and elements that would be lost.

    Plain text (no tags at all) becomes one paragraph per line.
    """
    tags = BeautifulSoup(html, "html.parser").find_all(True)
    if not tags:
        return "".join(f"<p>{escape(line.strip())}</p>" for line in html.splitlines() if line.strip())
    for tag in tags:
        if tag.name in UNSAFE_ELEMENTS:
            raise FieldError(_("the <%(tag)s> element is not allowed") % {"tag": tag.name})
        if tag.name in LOSSY_ELEMENTS:
            raise FieldError(
                _(
                    "the <%(tag)s> element cannot be imported into rich text; remove it and add "
                    "the content in the editor"
                )
                % {"tag": tag.name}
            )
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                raise FieldError(
                    _("the event handler attribute “%(attribute)s” is not allowed") % {"attribute": attribute}
                )
            if attribute.lower() in ("href", "src") and check_url(str(value)) is None:
                raise FieldError(_("the link “%(url)s” is not allowed") % {"url": value})
    return EditorHTMLConverter().to_database_format(html)


def derived_slug(kind, *parts):
    """A stable slug for a line without one: the same title always gives the same slug."""
    digest = hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{SLUG_PREFIXES[kind]}-{digest}"


def field_message(path, label, message):
    return _("field “%(field)s” (%(label)s): %(message)s") % {"field": path, "label": label, "message": message}


class Importer:
    """Imports lines into the standard columns of one unit; `created_pages` lists what it created."""

    def __init__(self, unit, base_dir, publish=False, reason=""):
        if unit.home_page_id is None:
            raise ImportSetupError(_("Unit “%(name)s” has no subsite yet; generate it first.") % {"name": unit.name})
        self.unit, self.base_dir, self.publish, self.reason = unit, base_dir, publish, reason
        columns = {column.slug: column for column in ColumnPage.objects.child_of(unit.home_page)}
        missing = sorted(set(COLUMNS.values()) - set(columns))
        if missing:
            raise ImportSetupError(
                _(
                    "The subsite of “%(name)s” lacks the standard column(s) %(slugs)s; "
                    "re-apply the subsite template first."
                )
                % {"name": unit.name, "slugs": ", ".join(missing)}
            )
        self.columns = {kind: columns[slug] for kind, slug in COLUMNS.items()}
        self.created_pages = []

    def import_line(self, text):
        """Import one line; returns ("created", pages) or ("skipped", slug); raises LineRejected."""
        kind, values, nested = self._parse(text)
        column = self.columns[kind]
        if Page.objects.child_of(column).filter(slug=values["slug"]).exists():
            return "skipped", f"{column.slug}/{values['slug']}"
        with transaction.atomic():
            page = self._create(kind, values, "")
            pages = [
                self._create(nested_kind, dict(item, policy=page), f"{nested_kind}[{number}].")
                for nested_kind, number, item in nested
            ]
            if self.publish:
                self._publish([*pages, page])
        self.created_pages += [page, *pages]
        return "created", [page, *pages]

    def _parse(self, text):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise LineRejected([_("not valid JSON (near column %(column)d)") % {"column": error.colno}]) from None
        if not isinstance(data, dict):
            raise LineRejected([_("a line must be a JSON object")])
        kind = data.pop("type", None)
        if kind not in ("news", "notice", "policy", "service"):
            raise LineRejected([_("field “type” must be one of news, notice, policy, service")])
        nested_data = {name: data.pop(name) for name in NESTED if kind == "policy" and name in data}
        errors = []
        values = self._clean(kind, data, "", errors)
        values.setdefault("slug", derived_slug(kind, values.get("title", "")))
        nested = []
        for name, items in nested_data.items():
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                errors.append(
                    field_message(name, MODELS[name]._meta.verbose_name, _("expected a list of JSON objects"))
                )
                continue
            for number, item in enumerate(items, start=1):
                item = self._clean(name, item, f"{name}[{number}].", errors)
                # Derived from the policy's slug too, so equal questions under two policies do not collide.
                item.setdefault("slug", derived_slug(name, values["slug"], item.get("title", "")))
                nested.append((name, number, item))
        if errors:
            raise LineRejected(errors)
        return kind, values, nested

    def _clean(self, kind, data, prefix, errors):
        """Converted values of one object's fields; problems are appended to `errors`."""
        model, values, malformed = MODELS[kind], {}, set()
        for name, value in data.items():
            if name not in FIELDS[kind]:
                errors.append(_("unknown field “%(field)s”") % {"field": prefix + name})
                continue
            try:
                value = None if value in (None, "") else FIELDS[kind][name](value, self)
            except FieldError as error:
                errors.append(field_message(prefix + name, self._label(model, name), error))
                malformed.add(name)
                continue
            if value not in (None, "", []):
                values[name] = value
        for name in REQUIRED[kind]:
            if name not in values and name not in malformed:
                errors.append(field_message(prefix + name, self._label(model, name), _("this field is required")))
        if "slug" in values and not SLUG_RE.match(values["slug"]):
            errors.append(
                field_message(prefix + "slug", "slug", _("may only contain letters, digits, hyphens and underscores"))
            )
        return values

    @staticmethod
    def _label(model, name):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    def _create(self, kind, values, prefix):
        """Add one page (a draft with a revision) under the kind's column and validate it."""
        values = dict(values)
        tags = values.pop("tags", [])
        forms = [self._save_file(get_document_model(), File, path, values["title"]) for path in values.pop("forms", [])]
        for name, value in list(values.items()):
            if FIELDS[kind].get(name) is _image:
                values[name] = self._save_file(get_image_model(), ImageFile, value, values["title"])
        values.setdefault("source", self.unit.short_name)
        if kind == "policy":
            values.setdefault("issued_at", timezone.make_aware(datetime.combine(values["written_date"], time())))
        page = MODELS[kind](live=False, **values)
        page.tags.add(*tags)
        for document in forms:
            page.forms.add(ServiceForm(document=document, title=document.title))
        if self.publish:
            # Migrated items keep their original place in listings, which order by first publication.
            page.first_published_at = page.issued_at
        try:
            self.columns[kind].add_child(instance=page)
        except ValidationError as error:
            raise LineRejected(self._model_errors(error, page, prefix)) from None
        self._validate(page, prefix)
        page.save_revision(clean=False)  # validated above, with a draft's deferred fields left out
        log(instance=page, action="wagtail.create", data={"source": AUDIT_SOURCE}, content_changed=True)
        return page

    def _save_file(self, model, file_class, path, title):
        """An image or document in the unit's collection, titled after the page and the file."""
        with path.open("rb") as handle:
            instance = model(
                title=f"{title}（{path.stem}）",
                collection=self.unit.collection,
                file=file_class(handle, name=path.name),
            )
            instance.save()
        return instance

    def _validate(self, page, prefix):
        """Model validation; a service item's empty guide fields are only an error when publishing."""
        exclude = []
        if isinstance(page, ServiceItemPage):
            missing = page.missing_guide_fields()
            if self.publish and missing:
                raise LineRejected(
                    [
                        _("a published service item needs all 14 guide fields; missing: %(fields)s")
                        % {"fields": "、".join(missing)}
                    ]
                )
            exclude = [
                name
                for name in ServiceItemPage.GUIDE_FIELDS
                if page._meta.get_field(name).value_from_object(page) in (None, "")
            ]
        try:
            page.full_clean(exclude=exclude)
        except ValidationError as error:
            raise LineRejected(self._model_errors(error, page, prefix)) from None

    def _model_errors(self, error, page, prefix):
        messages = []
        for name, field_messages in error.message_dict.items():
            for message in field_messages:
                if name == NON_FIELD_ERRORS:
                    messages.append(prefix + message)
                else:
                    messages.append(field_message(prefix + name, self._label(type(page), name), message))
        return messages

    def _publish(self, pages):
        """Publish a line's pages through the publication gate, nested items first, each with an audit
        entry giving the reason; a page the gate blocks rejects the whole line (the transaction rolls back)."""
        for page in pages:
            revision = page.get_latest_revision()
            try:
                revision.publish(log_action=False)
            except PublicationBlocked as blocked:
                raise LineRejected(
                    [_("cannot be published: %(errors)s") % {"errors": " ".join(blocked.messages)}]
                ) from None
            log(
                instance=page,
                action="wagtail.publish",
                user=None,
                revision=revision,
                content_changed=True,
                data={"reason": self.reason, "source": AUDIT_SOURCE},
            )

    def log_summary(self, file_name, counts):
        """One audit entry on the unit recording what a publishing import did and why."""
        log(
            instance=self.unit,
            action="wagtail.publish",
            user=None,
            data={
                "reason": self.reason,
                "source": AUDIT_SOURCE,
                "file": file_name,
                "pages": [page.pk for page in self.created_pages],
                **counts,
            },
        )
