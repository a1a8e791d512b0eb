"""Small text helpers shared by rules and metadata."""

from __future__ import annotations

import re

_WORD_CHAR = re.compile(r"[^\W_]")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Compare form of a line: case-folded, spaces collapsed, edge punctuation gone."""
    return strip_edges(_SPACE.sub(" ", text.casefold())).strip()


def strip_edges(text: str) -> str:
    """`text` from its first to its last letter or digit (linear time, unlike a `[\\W_]+$` regex)."""
    first = _WORD_CHAR.search(text)
    if first is None:
        return ""
    last = _WORD_CHAR.search(text[::-1])
    return text[first.start() : len(text) - last.start()]
