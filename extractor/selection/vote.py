"""A second opinion from trafilatura: which of our blocks its extraction contains."""

from __future__ import annotations

import logging
import re
from collections import Counter

from lxml import etree

from ..model import Block

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Blocks are matched on word trigrams; shorter blocks must appear whole.
NGRAM = 3
#: Blocks with fewer words must match one of trafilatura's lines whole.
SHORT_WORDS = 5
#: A block that matches this share of its trigrams uses them up.
VOTE_SHARE = 0.5
#: trafilatura's fast text shorter than this (characters) gets its full extraction instead.
FAST_MIN_CHARS = 1500
#: ... and so does one with less than this share of its characters in prose lines,
PROSE_LINE_WORDS = 10  # lines of at least this many words.
FAST_MIN_PROSE = 0.5


def trafilatura_text(root: etree._Element, url: str | None) -> str | None:
    """trafilatura's body text for the already parsed tree (it works on a copy), or None.

    Its fast mode skips the comparison with its readability and jusText fallbacks, about
    half its time; the fast text is kept unless it looks like a miss (`needs_fallbacks`),
    where the comparison is what rescues the page.
    """
    text = _extract(root, url, fast=True)
    return _extract(root, url, fast=False) if needs_fallbacks(text) else text


def needs_fallbacks(text: str | None) -> bool:
    """Whether trafilatura's fast text is short, or mostly short lines (menus, a page dump)."""
    if not text or len(text) < FAST_MIN_CHARS:
        return True
    prose = sum(len(line) for line in text.split("\n") if len(line.split()) >= PROSE_LINE_WORDS)
    return prose < FAST_MIN_PROSE * len(text)


def _extract(root: etree._Element, url: str | None, fast: bool) -> str | None:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.extract(
            root,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
            deduplicate=False,
            fast=fast,
        )
    except (RecursionError, ValueError, TypeError, AttributeError, etree.LxmlError):
        return None


def votes(blocks: list[Block], text: str | None, order: list[int] | None = None) -> list[float]:
    """Per block, the share of its word trigrams found in `text` (0..1).

    Each trigram and line of `text` is used up by the block that matches it, so a
    headline repeated in a breadcrumb and a sidebar is voted in once; `order` says
    which blocks get first pick (default: page order).
    """
    out = [0.0] * len(blocks)
    if not text:
        return out
    words = _TOKEN.findall(text.casefold())
    grams = Counter(tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1))
    lines = Counter(" ".join(_TOKEN.findall(line.casefold())) for line in text.split("\n"))
    for i in order if order is not None else range(len(blocks)):
        bw = _TOKEN.findall(blocks[i].text.casefold())
        if not bw:
            continue
        if len(bw) < SHORT_WORDS:
            # a short block ("Share", "Home") must be one of trafilatura's lines, not any substring
            key = " ".join(bw)
            if lines[key] > 0:
                lines[key] -= 1
                out[i] = 1.0
            continue
        mine = [tuple(bw[j : j + NGRAM]) for j in range(len(bw) - NGRAM + 1)]
        found = [g for g in mine if grams[g] > 0]
        if len(found) >= VOTE_SHARE * len(mine):
            for g in found:
                grams[g] -= 1
        out[i] = len(found) / len(mine)
    return out
