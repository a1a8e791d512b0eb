"""The HTML reader: decode, parse safely, segment into blocks, select the main content.

Selection does not remove anything itself: it scores each block (`Block.score`,
`Block.role`) and the CNT rules remove what it marks, so `--explain` names them.
"""

from __future__ import annotations

from lxml import etree

from ..model import Document, Metadata
from ..selection.select import select_content
from . import check_blocks
from .html_blocks import segment
from .html_decode import decode_html
from .html_parse import parse_html

try:  # written on another branch; the reader works without it
    from ..metadata.html import html_metadata
except ImportError:  # pragma: no cover - depends on the merge state
    html_metadata = None


#: Pages larger than this (characters, elements) are judged by the structural search alone (bounded work).
MAX_REFERENCE_CHARS = 8_000_000
MAX_REFERENCE_ELEMENTS = 100_000
#: With less visible text than this, hidden containers are read too.
MIN_VISIBLE_CHARS = 200


def read_html(data: str | bytes, url: str | None = None) -> Document:
    """A `Document` of the page's blocks, with metadata and content scores."""
    text = decode_html(data)
    if not text.strip():
        return Document(blocks=[], source_type="html")
    root = parse_html(text)
    # the block limit is checked before the costly steps (metadata, trafilatura's vote)
    blocks, elements = segment(root)
    check_blocks(len(blocks))
    if sum(len(b.text) for b in blocks) < MIN_VISIBLE_CHARS:
        # script-rendered pages ship their content in hidden containers and reveal it later
        blocks, elements = segment(root, show_hidden=True)
        check_blocks(len(blocks))
    metadata = html_metadata(root, url) if html_metadata else basic_metadata(root)
    doc = Document(blocks=blocks, metadata=metadata, source_type="html")
    if url and not doc.metadata.url:
        doc.metadata.url = url
    small = len(text) <= MAX_REFERENCE_CHARS and (
        text.count("<") <= MAX_REFERENCE_ELEMENTS or sum(1 for _ in root.iter()) <= MAX_REFERENCE_ELEMENTS
    )
    missed = select_content(root, doc, elements, url, reference=small)
    if missed:
        # our visible blocks miss most of what trafilatura reads: the page hides its content
        blocks, elements = segment(root, show_hidden=True)
        check_blocks(len(blocks))
        doc.blocks = blocks
        select_content(root, doc, elements, url, reference_text=missed)
    return doc


def basic_metadata(root: etree._Element) -> Metadata:
    """Title from `<title>` (or the first h1) and language from `<html lang>`."""
    md = Metadata()
    title = root.find(".//title")
    text = " ".join(title.text_content().split()) if title is not None else ""
    if not text:
        h1 = root.find(".//h1")
        text = " ".join(h1.text_content().split()) if h1 is not None else ""
    md.title = text or None
    lang = (root.get("lang") or "").strip().lower()
    md.language = lang.split("-")[0] or None if lang else None
    return md
