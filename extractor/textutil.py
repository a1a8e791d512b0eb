"""Small text helpers shared by rules and metadata."""

from __future__ import annotations

import re

#: Scripts written without spaces between words (Chinese, Japanese kana, Thai).
_NO_SPACES = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters of a script without spaces that make up about one word.
CHARS_PER_WORD = 2


def word_count(text: str) -> float:
    """Words of a line for length tests: space-separated words, or characters / 2 in CJK and Thai."""
    if text.isascii():
        return len(text.split())
    wide = len(_NO_SPACES.findall(text))
    return len(_NO_SPACES.sub("", text).split()) + wide / CHARS_PER_WORD


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
