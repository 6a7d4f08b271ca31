"""Whether an uploaded file's content matches its extension (magic bytes): one table for the project.

Used for documents editors upload (operations/uploads.py) and attachments citizens upload
(interaction/validators.py). A PDF's header "%PDF-" may follow a little leading junk (readers
accept it within the first 1024 bytes), so it is looked for there rather than at byte 0; a .txt
file must decode as UTF-8 or GB 18030; an extension without an entry here is not checked (what
may be uploaded at all is each upload path's own setting).
"""

OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Office and WPS binary formats
ZIP = (b"PK\x03\x04",)  # OOXML, OFD and zip archives
JPEG = (b"\xff\xd8\xff",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "ofd": ZIP,
    "zip": ZIP,
    "wps": OLE2 + ZIP,
    "et": OLE2 + ZIP,
    "png": (b"\x89PNG",),
    "jpg": JPEG,
    "jpeg": JPEG,
}
HEAD_BYTES = 8192


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_plain_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start >= len(head) - 3:
                return True
            continue
        return True
    return False


def content_matches(extension, head):
    if extension == "txt":
        return is_plain_text(head)
    if extension == "pdf":
        return b"%PDF-" in head[:1024]
    return head.startswith(SIGNATURES.get(extension, (b"",)))


def read_head(uploaded):
    """The first HEAD_BYTES of an uploaded file, which is left at its start."""
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    return head
