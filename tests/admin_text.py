"""What a person reads on an admin screen, and the untranslated strings or raw internals in it."""
import html as html_lib
import re

HIDDEN_RE = re.compile(r"<(script|style|template|svg|noscript)\b.*?</\1>|<(\w+)\b[^>]*\shidden[\s>][^<]*</\2>",
                       re.S | re.I)
# Attributes people read (tooltips, screen-reader labels, placeholders, alternative text).
READ_ATTR_RE = re.compile(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"')
TAG_RE = re.compile(r"""<[^>"']*(?:"[^"]*"[^>"']*|'[^']*'[^>"']*)*>""")
# Latin words of three letters or more, raw booleans/None, app_label.model names, plural "s" after Chinese.
ENGLISH_RE = re.compile(r"\b[A-Za-z][a-z]{2,}(?:\s+[A-Za-z][a-z]+)*\b")
RAW_RE = re.compile(r"\b(?:True|False|None)\b|\b[a-z_]+\.[a-z_]+page\b|[\u4e00-\u9fff]s\b")
# Latin that Chinese screens legitimately show: keyboard keys, file formats, our own code words.
WAGTAIL_IN_SENTENCE_RE = re.compile(r"(?<=[\u4e00-\u9fff]) ?Wagtail ?(?=[\u4e00-\u9fff])")
ALLOWED = {"Ctrl", "Shift", "Alt", "Esc", "Enter", "Tab", "PDF", "DOCX", "XLSX", "TXT", "JPEG", "PNG", "GIF",
           "WebP", "SVG", "URL", "ICP", "Cmd", "Option"}


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
