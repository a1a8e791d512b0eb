"""Metadata: found in the page (raw text or HTML), finished after the rules ran."""

from __future__ import annotations

import re

from ..model import Document
from .text import text_metadata

__all__ = ["detect_language", "finish_metadata", "text_metadata"]

_WORD = re.compile(r"\w+", re.UNICODE)
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f\uac00-\ud7af]")
#: Language identification reads at most this much text.
LANGUAGE_SAMPLE_CHARS = 4000
#: Below this many letters a language guess is noise.
LANGUAGE_MIN_CHARS = 40


def count_words(text: str) -> int:
    """Words of `text`; each CJK/Thai character counts as a word, as word counters do."""
    wide = len(_NO_SPACES.findall(text))
    return len(_WORD.findall(_NO_SPACES.sub(" ", text))) + wide


def _has_letters(text: str, n: int) -> bool:
    """Whether `text` has at least `n` letters (a short prefix usually settles it)."""
    head = text[: 10 * n]
    return sum(map(str.isalpha, head)) >= n or sum(map(str.isalpha, text)) >= n


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None for too little text."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not _has_letters(sample, LANGUAGE_MIN_CHARS):
        return None
    from .language import classify

    return classify(sample)


def finish_metadata(doc: Document, text: str) -> None:
    """Fill what depends on the final body: word count, language."""
    md = doc.metadata
    md.word_count = count_words(text)
    md.language = md.language or detect_language(text)
    if md.authors and not md.author:
        md.author = md.authors[0]
    if md.author and not md.authors:
        md.authors = [md.author]
