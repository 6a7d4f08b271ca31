#!/usr/bin/env python
"""List Wagtail admin msgids that still lack a zh_Hans translation.

Re-extracts the msgids (django and djangojs domains) from the installed
wagtail package, then checks them against Wagtail's own zh_Hans catalogues
plus the project's supplement in locale/zh_Hans/LC_MESSAGES/. Every msgid
still missing is printed as a PO stub (paste it into the project's .po,
translate it, then run again with --compile). Exits 1 if anything is
missing, 0 otherwise. Needs GNU gettext (xgettext, msgmerge, msgfmt), no
network access.

    python scripts/wagtail_messages.py            # check only
    python scripts/wagtail_messages.py --compile  # msgfmt --check the .po files into .mo, then check
"""

import argparse
import ast
import gettext
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_LOCALE = Path(__file__).resolve().parent.parent / "locale"

# Wagtail catalogues (directories relative to the wagtail package that hold a
# locale/ folder) in scope: the parts of the admin editors and reviewers meet.
# "" is wagtail core, which also covers contrib apps without their own catalogue
# (sitemaps, routable_page, frontend_cache).
SCOPE = [
    "",
    "admin",
    "images",
    "documents",
    "snippets",
    "users",
    "sites",
    "contrib/settings",
    "search",
    "embeds",
    "contrib/forms",
    "contrib/redirects",
]
JS_SCOPE = ["admin"]  # only wagtail.admin is served by Wagtail's JavaScriptCatalog
IGNORE = ["test/*", "tests/*", "project_template/*", "static/*", "node_modules/*"]


def po_unquote(text):
    return ast.literal_eval(text) if "\\" in text else text[1:-1]


def parse_po(path):
    """Minimal PO reader: list of dicts (msgctxt, msgid, msgid_plural, refs, flags)."""
    entries, cur, field = [], None, None

    def flush():
        if cur and cur.get("msgid"):
            entries.append(cur)

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if not line:
            flush()
            cur, field = None, None
            continue
        if cur is None:
            cur = {"refs": [], "flags": [], "comments": []}
        if line.startswith("#:"):
            cur["refs"] += line[2:].split()
        elif line.startswith("#,"):
            cur["flags"] += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#."):
            cur["comments"].append(line[2:].strip())
        elif line.startswith("#"):
            continue
        else:
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                field = m.group(1)
                cur[field] = po_unquote(m.group(2))
            elif field and line.startswith('"'):
                cur[field] += po_unquote(line)
    flush()
    return entries


def lookup_key(entry):
    key = entry["msgid"]
    if "msgctxt" in entry:
        key = f"{entry['msgctxt']}\x04{key}"
    return (key, 0) if "msgid_plural" in entry else key


def extract_django(wagtail_dir, workdir):
    """Run Django's makemessages over a copy of the package, one catalogue per app."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, INSTALLED_APPS=[], LOCALE_PATHS=[])
    django.setup()
    from django.core.management import call_command

    src = Path(workdir) / "wagtail"
    shutil.copytree(
        wagtail_dir,
        src,
        ignore=shutil.ignore_patterns("__pycache__", "static", "*.pyc", "*.mo", "*.po"),
    )
    for locale_dir in src.rglob("locale"):
        if locale_dir.is_dir():
            shutil.rmtree(locale_dir)
            locale_dir.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(src)
        call_command("makemessages", locale=["en"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    result = {}
    for app in SCOPE:
        po = src / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
        result[app] = parse_po(po) if po.exists() else []
        for entry in result[app]:
            entry["refs"] = ["wagtail/" + ref for ref in entry["refs"]]
    return result


def js_string(literal):
    body = literal[1:-1]
    if "\\" not in body:
        return body
    return body.encode("latin-1", "backslashreplace").decode("unicode_escape")


JS_STR = r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`(?:[^`\\$]|\\.)*`)"


def extract_js(wagtail_dir):
    """Msgids of the admin JS bundles (the sources are not shipped in the package).

    The minified bundles call Wagtail's gettext()/ngettext() wrappers through a
    mangled export name, e.g. (0,N.AP)("Save"). The names are looked up from the
    wrappers' definitions; the maintainers' en/djangojs.po is merged in as well.
    """
    entries, seen = [], set()

    def add(msgid, plural=None, ref=""):
        key = (msgid, plural)
        if key in seen:
            return
        seen.add(key)
        e = {"msgid": msgid, "refs": [ref] if ref else [], "flags": [], "comments": []}
        if plural is not None:
            e["msgid_plural"] = plural
        entries.append(e)

    bundles = sorted((Path(wagtail_dir) / "admin" / "static").rglob("*.js"))
    sources = {p: p.read_text(encoding="utf-8", errors="replace") for p in bundles}
    exports = {"gettext": set(), "ngettext": set()}
    for text in sources.values():
        for m in re.finditer(r"function ([\w$]+)\([^)]*\)\{const [\w$]+=window\.django\?\.(n?gettext)\b", text):
            window = text[m.end() : m.end() + 600]
            for e in re.finditer(r"([\w$]+):\(\)=>" + re.escape(m.group(1)) + r"\b", window):
                exports[m.group(2)].add(e.group(1))
    for path, text in sources.items():
        ref = str(path.relative_to(wagtail_dir.parent))
        for name in exports["gettext"]:
            for m in re.finditer(r"\(0,[\w$]+\." + re.escape(name) + r"\)\(\s*" + JS_STR + r"\s*\)", text):
                add(js_string(m.group(1)), ref=ref)
        for name in exports["ngettext"]:
            pattern = r"\(0,[\w$]+\." + re.escape(name) + r"\)\(\s*" + JS_STR + r"\s*,\s*" + JS_STR
            for m in re.finditer(pattern, text):
                add(js_string(m.group(1)), js_string(m.group(2)), ref=ref)
    if not exports["gettext"]:
        print("warning: could not locate the gettext wrapper in the admin JS bundles", file=sys.stderr)
    en_po = Path(wagtail_dir) / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    if en_po.exists():
        for e in parse_po(en_po):
            add(e["msgid"], e.get("msgid_plural"), ref=(e["refs"] or [""])[0])
    return {"admin": entries}


def load_catalog(mo_paths):
    catalog = {}
    for path in mo_paths:
        if path.exists():
            with open(path, "rb") as fh:
                catalog.update({k: v for k, v in gettext.GNUTranslations(fh)._catalog.items() if v})
    return catalog


def compile_project(locale, domain, outdir, write):
    """msgfmt --check the project's .po; return the .mo to check against."""
    lc = PROJECT_LOCALE / locale / "LC_MESSAGES"
    po, mo = lc / f"{domain}.po", lc / f"{domain}.mo"
    if not po.exists():
        return mo
    target = mo if write else Path(outdir) / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(target), str(po)], check=True)
    if not write and (not mo.exists() or load_catalog([mo]) != load_catalog([target])):
        print(f"warning: {mo} is missing or out of date; run with --compile", file=sys.stderr)
    return target


def po_stub(entry):
    out = []
    for c in entry.get("comments", []):
        out.append(f"#. {c}")
    if entry["refs"]:
        out.append("#: " + " ".join(entry["refs"][:4]))
    flags = [f for f in entry["flags"] if f != "fuzzy"]
    if flags:
        out.append("#, " + ", ".join(flags))

    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    if "msgctxt" in entry:
        out.append("msgctxt " + q(entry["msgctxt"]))
    out.append("msgid " + q(entry["msgid"]))
    if "msgid_plural" in entry:
        out += ["msgid_plural " + q(entry["msgid_plural"]), 'msgstr[0] ""']
    else:
        out.append('msgstr ""')
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", default="zh_Hans")
    parser.add_argument("--compile", action="store_true", help="compile the project's .po files into .mo first")
    args = parser.parse_args()

    for tool in ("xgettext", "msgmerge", "msgfmt"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: install GNU gettext (apt-get install gettext)")
    spec = importlib.util.find_spec("wagtail")
    wagtail_dir = Path(spec.origin).parent
    missing_total = 0
    with tempfile.TemporaryDirectory(prefix="wagtail-messages-") as tmp:
        domains = {"django": (extract_django(wagtail_dir, tmp), SCOPE), "djangojs": (extract_js(wagtail_dir), JS_SCOPE)}
        for domain, (extracted, apps) in domains.items():
            project_mo = compile_project(args.locale, domain, tmp, args.compile)
            installed = [wagtail_dir / a / "locale" / args.locale / "LC_MESSAGES" / f"{domain}.mo" for a in apps]
            catalog = load_catalog(installed + [project_mo])
            seen, missing, total = set(), [], 0
            for app in apps:
                for entry in extracted.get(app, []):
                    key = lookup_key(entry)
                    if key in seen:
                        continue
                    seen.add(key)
                    total += 1
                    if not catalog.get(key):
                        missing.append(entry)
            print(f"# {domain}: {total} msgids, {len(missing)} without a {args.locale} translation", file=sys.stderr)
            if missing:
                print(f"# ---- domain {domain}: add to locale/{args.locale}/LC_MESSAGES/{domain}.po ----\n")
                for entry in missing:
                    print(po_stub(entry) + "\n")
            missing_total += len(missing)
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
