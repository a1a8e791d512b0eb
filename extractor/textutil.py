"""Small text helpers shared by rules and metadata."""

from __future__ import annotations

import re

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Compare form of a line: case-folded, spaces collapsed, edge punctuation gone."""
    return _EDGE.sub("", _SPACE.sub(" ", text.casefold())).strip()
