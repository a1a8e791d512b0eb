"""Readers turn input (raw page text or HTML, str or bytes) into a `Document`."""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Document
from .decode import check_text, decode_bytes
from .text import read_text

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_TAGS = re.compile(rb"</?(?:p|div|span|a|br|li|td|table|section|article|h[1-6])\b[^>]*>", re.I)


def detect_input_type(data: str | bytes) -> str:
    """'html' when the input starts like an HTML document or is dense with tags, else 'text'."""
    head = data[:20_000]
    if isinstance(head, str):
        head = head.encode("utf-8", errors="replace")
    head = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    tags = len(_TAGS.findall(head))
    return "html" if tags >= 5 and tags * 40 > len(head) / 10 else "text"


def read_document(data: str | bytes, kind: str, url: str | None = None) -> Document:
    """Decode (if bytes) and segment `data` as `kind` ('text' or 'html')."""
    if kind == "html":
        from .html import read_html

        return read_html(data, url)
    if kind != "text":
        raise InputError(f"unknown input type {kind!r}")
    text = decode_bytes(data)[0] if isinstance(data, bytes) else data
    check_text(text)
    if not text.strip():
        return Document(blocks=[], source_type="text")
    return read_text(text)
