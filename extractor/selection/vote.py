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
        grams, lines = self.grams.copy(), self.lines.copy()
        for i in order if order is not None else range(len(out)):
            key = self.block_lines[i]
            if key is not None:
                # a short block ("Share", "Home") must be one of trafilatura's lines, not any substring
                if lines.get(key, 0) > 0:
                    lines[key] -= 1
                    out[i] = 1.0
                continue
            mine = self.block_grams[i]
            if mine is None:  # no words
                continue
            found = [g for g in mine if grams.get(g, 0) > 0]
            if len(found) >= VOTE_SHARE * len(mine):
                for g in found:
                    grams[g] -= 1
            out[i] = len(found) / len(mine)
        return out


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _trigrams(words: list[str]) -> list[tuple[str, ...]]:
    return list(zip(words, words[1:], words[2:], strict=False))  # each run of three consecutive words
