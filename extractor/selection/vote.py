"""A second opinion from trafilatura: which of our blocks its extraction contains."""

from __future__ import annotations

import logging
import re
from collections import Counter
from copy import deepcopy

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
#: A page with less prose than this in its own blocks (characters) skips the fast try: on the
#: scrapinghub and trafilatura-set dev pages, 65 of the 125 fast texts that needed the fallbacks
#: came from such pages, and 2 of the 589 pages were sent to the full extraction needlessly.
FULL_FIRST_PROSE = 1500
PROSE_MAX_LINKS = 0.3
#: Cut from the copy trafilatura reads (its own cleaning drops them), so its many whole-tree
#: XPath passes walk a smaller tree (about a fifth smaller on scrapinghub). Kept: <script> (it
#: reads JSON-LD article bodies), <nav> and <aside> (wcxb lost 0.003 without them), <header>
#: and <form> (sites put the headline in one and wrap the whole page in the other).
VOTE_DROP_TAGS = ("head", "style", "template", "svg", "footer")


def trafilatura_text(root: etree._Element, url: str | None, blocks: list[Block] | None = None) -> str | None:
    """trafilatura's body text for the already parsed tree (it works on a copy), or None.

    Its fast mode skips the comparison with its readability and jusText fallbacks, about
    half its time; the fast text is kept unless it looks like a miss (`needs_fallbacks`),
    where the comparison is what rescues the page. A page whose own `blocks` hold little
    prose gets the full extraction at once: its fast text would be short anyway.
    """
    tree = without_dropped_regions(root)
    if blocks is not None and prose_chars(blocks) < FULL_FIRST_PROSE:
        return _extract(tree, url, fast=False)
    text = _extract(tree, url, fast=True)
    return _extract(tree, url, fast=False) if needs_fallbacks(text) else text


def prose_chars(blocks: list[Block]) -> int:
    """Characters in the page's prose blocks: `PROSE_LINE_WORDS` words or more, few of them links."""
    return sum(
        len(b.text) for b in blocks if b.link_density < PROSE_MAX_LINKS and len(b.text.split()) >= PROSE_LINE_WORDS
    )


def without_dropped_regions(root: etree._Element) -> etree._Element:
    """A copy of the page without the `VOTE_DROP_TAGS` elements (their tail text stays)."""
    if not VOTE_DROP_TAGS:
        return root  # trafilatura reads a copy of its own
    tree = deepcopy(root)
    for el in list(tree.iter(*VOTE_DROP_TAGS)):
        if el.getparent() is not None:  # the root has no parent to drop it from
            el.drop_tree()  # lxml.html: the tail text stays with the parent
    return tree


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


class Ballot:
    """trafilatura's text and our blocks, read into words once for several votes."""

    def __init__(self, blocks: list[Block], text: str | None) -> None:
        self.size = len(blocks)
        self.text = text or ""
        self.grams = Counter(_trigrams(_words(self.text)))
        self.lines = Counter(" ".join(_words(line)) for line in self.text.split("\n")) if text else Counter()
        # per block, what must be found in the text: its words as one line (a short block) or its trigrams
        self.block_lines: list[str | None] = []
        self.block_grams: list[list[tuple[str, ...]] | None] = []
        for b in blocks if text else ():
            words = _words(b.text)
            self.block_lines.append(" ".join(words) if 0 < len(words) < SHORT_WORDS else None)
            self.block_grams.append(_trigrams(words) if len(words) >= SHORT_WORDS else None)

    def votes(self, order: list[int] | None = None) -> list[float]:
        """Per block, the share of its word trigrams found in the text (0..1).

        Each trigram and line of the text is used up by the block that matches it, so a
        headline repeated in a breadcrumb and a sidebar is voted in once; `order` says
        which blocks get first pick (default: page order).
        """
        out = [0.0] * self.size
        if not self.text:
            return out
        # counts that reach zero are deleted, so "is it still there" is a plain membership test
        grams, lines = dict(self.grams), dict(self.lines)
        available = grams.__contains__
        for i in order if order is not None else range(len(out)):
            key = self.block_lines[i]
            if key is not None:
                # a short block ("Share", "Home") must be one of trafilatura's lines, not any substring
                if key in lines:
                    _use(lines, key)
                    out[i] = 1.0
                continue
            mine = self.block_grams[i]
            if mine is None:  # no words
                continue
            found = list(filter(available, mine))
            if len(found) >= VOTE_SHARE * len(mine):
                for g in found:
                    _use(grams, g)
            out[i] = len(found) / len(mine)
        return out


def _use(counts: dict, key: object) -> None:
    """Take one of `key` from `counts` (a repeat within one block may find it already gone)."""
    left = counts.get(key, 0) - 1
    if left > 0:
        counts[key] = left
    elif left == 0:
        del counts[key]


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _trigrams(words: list[str]) -> list[tuple[str, ...]]:
    return list(zip(words, words[1:], words[2:], strict=False))  # each run of three consecutive words
