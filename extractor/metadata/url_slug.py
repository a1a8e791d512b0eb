"""The words of a page address's last path segment (its slug), which sites usually make from the headline."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_WORD = re.compile(r"[^\W_]+")
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)


def slug_words(url: str | None, ignore: frozenset[str] = frozenset()) -> set[str]:
    """The case-folded words of `url`'s last path segment, without `ignore`; empty for a bare host."""
    if not url:
        return set()
    try:
        path = urlsplit(url).path
    except ValueError:
        return set()
    segment = unquote(path.rstrip("/").rsplit("/", 1)[-1])
    segment = _EXTENSION.sub("", segment)
    return {w for w in _WORD.findall(segment.casefold()) if w not in ignore}


def slug_share(words: set[str], text: str) -> float:
    """The share of the slug's `words` that `text` contains."""
    if not words:
        return 0.0
    return len(words & set(_WORD.findall(text.casefold()))) / len(words)
