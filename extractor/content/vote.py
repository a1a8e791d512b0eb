"""A second opinion from trafilatura: which of our blocks its extraction contains."""

from __future__ import annotations

import logging
import re

from lxml import etree

from ..model import Block

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Blocks are matched on word trigrams; shorter blocks must appear whole.
NGRAM = 3


def trafilatura_text(root: etree._Element, url: str | None, fast: bool = False) -> str | None:
    """trafilatura's body text for the already parsed tree (it works on a copy), or None."""
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


def votes(blocks: list[Block], text: str | None) -> list[float]:
    """Per block, the share of its word trigrams found in `text` (0..1)."""
    if not text:
        return [0.0] * len(blocks)
    words = _TOKEN.findall(text.casefold())
    grams = {tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1)}
    joined = " " + " ".join(words) + " "
    out = []
    for block in blocks:
        bw = _TOKEN.findall(block.text.casefold())
        if not bw:
            out.append(0.0)
        elif len(bw) < NGRAM:
            out.append(1.0 if " " + " ".join(bw) + " " in joined else 0.0)
        else:
            n = len(bw) - NGRAM + 1
            out.append(sum(1 for i in range(n) if tuple(bw[i : i + NGRAM]) in grams) / n)
    return out
