"""The region a page's h1 heads: on listing and collection pages, the content the vote missed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lxml import etree

from ..model import Block

#: The region is the h1's nearest ancestor whose blocks hold at least this many characters.
REGION_MIN_CHARS = 1000


#: Declared page types (og:type) under which a page may be a listing.
LISTING_TYPES = frozenset(["", "website"])


def may_be_listing(root: etree._Element) -> bool:
    """The page does not declare itself an article, a product, a video, ... (og:type absent or "website")."""
    declared = root.xpath("//meta[@property='og:type']/@content")
    return (declared[0].strip().lower() if declared else "") in LISTING_TYPES


def ancestors(el: etree._Element) -> Iterator[etree._Element]:
    """`el`, its parent, and so on up to the root."""
    while el is not None:
        yield el
        el = el.getparent()


def h1_region(blocks: list[Block], elements: list[etree._Element]) -> tuple[etree._Element, int] | None:
    """The first h1's nearest ancestor holding `REGION_MIN_CHARS` of text, and the h1's block index.

    None without an h1, or when that ancestor is the whole page (body or html).
    """
    h1 = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
    if h1 is None:
        return None
    held: dict[etree._Element, int] = defaultdict(int)
    for b, el in zip(blocks, elements, strict=True):
        for anc in ancestors(el):
            held[anc] += len(b.text)
    for anc in ancestors(elements[h1]):
        if held[anc] >= REGION_MIN_CHARS:
            return None if anc.tag in ("body", "html") else (anc, h1)
    return None
