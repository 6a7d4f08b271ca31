"""The project's zh_Hans catalogues are complete, compiled, and agree with Wagtail's own wording."""

import gettext
import re
from pathlib import Path

import wagtail
from django.conf import settings
from django.test import SimpleTestCase

PROJECT = Path(settings.PROJECT_DIR)
WAGTAIL = Path(wagtail.__file__).parent
ENTRY_RE = re.compile(
    r'^(?P<flags>(?:#.*\n)*)(?:msgctxt (?P<ctx>(?:".*"\n)+))?msgid (?P<id>(?:".*"\n)+)'
    r'(?:msgid_plural (?:".*"\n)+)?(?P<strs>(?:msgstr(?:\[\d\])? (?:".*"\n?)+)+)',
    re.M,
)


def _join(quoted):
    return (
        "".join(re.findall(r'"(.*)"', quoted or "")).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
    )


def parse_po(path):
    """{(context, msgid): (msgstr, fuzzy)} of a .po file, header and obsolete entries left out."""
    entries = {}
    for m in ENTRY_RE.finditer(path.read_text(encoding="utf-8") + "\n"):
        msgid = _join(m["id"])
        if not msgid:
            continue
        msgstr = _join(re.search(r'msgstr(?:\[0\])? ((?:".*"\n?)+)', m["strs"])[1])
        entries[(_join(m["ctx"]) or None, msgid)] = (msgstr, "fuzzy" in m["flags"])
    return entries


def project_catalogues():
    """Each app's and site/'s catalogue, plus locale/ (the completion of Wagtail's own)."""
    return sorted(PROJECT.glob("*/locale/zh_Hans/LC_MESSAGES/django*.po")) + sorted(
        PROJECT.glob("locale/zh_Hans/LC_MESSAGES/django*.po")
    )


class CatalogueTest(SimpleTestCase):
    def test_every_project_catalogue_is_complete_and_compiled(self):
        catalogues = project_catalogues()
        self.assertGreaterEqual(len(catalogues), 7)
        for po in catalogues:
            with open(po.with_suffix(".mo"), "rb") as mo:
                compiled = gettext.GNUTranslations(mo)
            for (context, msgid), (msgstr, fuzzy) in parse_po(po).items():
                with self.subTest(catalogue=str(po.relative_to(PROJECT)), msgid=msgid):
                    self.assertFalse(fuzzy, "fuzzy entry")
                    self.assertTrue(msgstr, "untranslated")
                    looked_up = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
                    self.assertEqual(looked_up, msgstr, ".mo is out of date; run `make messages`")

    def test_project_strings_do_not_change_wagtails_wording(self):
        """Our catalogues take precedence over Wagtail's: a shared msgid must keep Wagtail's meaning."""
        wagtail_entries = {}
        for po in WAGTAIL.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
            wagtail_entries.update(parse_po(po))
        for po in project_catalogues():
            for key, (msgstr, _fuzzy) in parse_po(po).items():
                theirs = wagtail_entries.get(key, ("", False))[0]
                if theirs:
                    with self.subTest(msgid=key[1]):
                        self.assertEqual(msgstr, theirs, f"{po.relative_to(PROJECT)} overrides Wagtail")
