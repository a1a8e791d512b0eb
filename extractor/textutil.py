"""Small text helpers shared by rules and metadata."""

from __future__ import annotations


def fold(text: str) -> str:
    """Compare form of a line: case-folded, spaces collapsed, edge punctuation gone.

    Edge punctuation is every non-alphanumeric character (what `[\\W_]` matches).
    """
    text = " ".join(text.casefold().split())
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]
