"""What a person reads on an admin screen, the untranslated strings or raw internals in it, and the admin
screens a user reaches (`crawl`)."""

import html as html_lib
import re

HIDDEN_RE = re.compile(
    r"<(script|style|template|svg|noscript)\b.*?</\1>|<(\w+)\b[^>]*\shidden[\s>][^<]*</\2>", re.S | re.I
)
# Attributes people read (tooltips, screen-reader labels, placeholders, alternative text).
READ_ATTR_RE = re.compile(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"')
TAG_RE = re.compile(r"""<[^>"']*(?:"[^"]*"[^>"']*|'[^']*'[^>"']*)*>""")
# Latin words of three letters or more, raw booleans/None, app_label.model names, plural "s" after Chinese.
ENGLISH_RE = re.compile(r"\b[A-Za-z][a-z]{2,}(?:\s+[A-Za-z][a-z]+)*\b")
RAW_RE = re.compile(r"\b(?:True|False|None)\b|\b[a-z_]+\.[a-z_]+page\b|[\u4e00-\u9fff]s\b")
# Latin that Chinese screens legitimately show: keyboard keys, file formats, our own code words.
WAGTAIL_IN_SENTENCE_RE = re.compile(r"(?<=[\u4e00-\u9fff]) ?Wagtail ?(?=[\u4e00-\u9fff])")
ALLOWED = {
    "Ctrl",
    "Shift",
    "Alt",
    "Esc",
    "Enter",
    "Tab",
    "PDF",
    "DOCX",
    "XLSX",
    "TXT",
    "JPEG",
    "PNG",
    "GIF",
    "WebP",
    "SVG",
    "URL",
    "ICP",
    "Cmd",
    "Option",
}


def visible_text(html):
    """The text and the read attributes of a page, tags, scripts and icons left out."""
    body = HIDDEN_RE.sub(" ", html)
    attributes = " ".join(READ_ATTR_RE.findall(body))
    return html_lib.unescape(re.sub(r"\s+", " ", TAG_RE.sub(" ", body) + " " + attributes))


def untranslated(html, data=()):
    """Latin words (outside ALLOWED) and raw identifiers a person would read on the page; `data` are
    strings people entered (user names, unit codes, host names), left out."""
    text = visible_text(html)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    # Wagtail's own Chinese sentences name the software (启用 Wagtail 专用的…快捷键): translated text.
    text = WAGTAIL_IN_SENTENCE_RE.sub(" ", text)
    found = [word for word in ENGLISH_RE.findall(text) if word not in ALLOWED]
    return sorted(set(found + RAW_RE.findall(text)))


# Views that show no admin screen (public page renderings, downloads) or end the session.
NOT_SCREENS = re.compile(r"preview|view_draft|logout|serve|download|export|revisions_view")
LINK_RE = re.compile(r'(?:href=|"url": ?)"(/admin/[^"#]*)')


def crawl(client, seeds, limit=150):
    """{path: html} of the admin screens a signed-in client reaches from `seeds` by following the links of
    its menu (the sidebar's data), listings, explorers and edit views: one screen per view (per page type
    for page views), GET only."""
    from django.urls import Resolver404, resolve
    from wagtail.models import Page

    queue, seen_views, screens = list(seeds), set(), {}
    while queue and len(screens) < limit:
        path = html_lib.unescape(queue.pop(0))
        try:
            match = resolve(path.split("?")[0])
        except Resolver404:
            continue
        page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
        page_type = Page.objects.filter(pk=page_id).values_list("content_type__model", flat=True).first()
        view = (match.view_name, page_type, match.kwargs.get("model_name"))
        if view in seen_views or NOT_SCREENS.search(match.view_name or ""):
            continue
        seen_views.add(view)
        response = client.get(path)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not ("text/html" in kind or "json" in kind):
            continue
        html = response.content.decode() if "text/html" in kind else str(response.json().get("html") or "")
        if not html:
            continue
        screens[path] = html
        queue.extend(LINK_RE.findall(html))
    return screens
