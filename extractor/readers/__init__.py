"""Readers turn input (raw page text or HTML, str or bytes) into a `Document`."""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Document
from .decode import check_text, decode_bytes
from .text import read_text

#: Raw page text longer than this (after decoding) is refused: a web page's text is far
#: shorter, and rules scan every character, so this bounds the time a document can take.
MAX_TEXT_CHARS = 12 * 2**20
#: Pages segmented into more blocks than this are refused: rules run per block, and no web
#: page has this many paragraphs (a long article has a few hundred), so this bounds the time.
MAX_BLOCKS = 50_000


def check_blocks(count: int) -> None:
    """Raise `InputError` when a page has more than `MAX_BLOCKS` blocks."""
    if count > MAX_BLOCKS:
        raise InputError(f"page has {count} blocks, over the {MAX_BLOCKS} limit (not a single web page?)")


_HTML_START = re.compile(
    # Atomic comments: a comment ends at its first "-->" (else many comments backtrack exponentially).
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:(?><!--.*?-->)\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.I | re.S,
)
#: A tag ends before the next "<" (a `[^>]*` scan from every unclosed "<p" is quadratic).
_TAGS = re.compile(rb"</?(?:p|div|span|a|br|li|td|table|section|article|h[1-6])\b[^<>]*>", re.I)


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
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"page text is {len(text) / 2**20:.1f} M characters, over the {MAX_TEXT_CHARS >> 20} M limit for raw text"
        )
    check_text(text)
    if not text.strip():
        return Document(blocks=[], source_type="text")
    return read_text(text)
