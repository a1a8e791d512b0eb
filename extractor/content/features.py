"""Block features for the content scorer: what a block looks like and where it sits.

Two stages. `block_features` describes one block on its own (length, sentence
shape, stop-word density, link and teaser shapes); the first stage reads these and a few
of the previous and next block's (`with_neighbours`). `context_features` describes it
among its neighbours, given every block's first-stage probability: the article is
usually one contiguous region of prose, and a short line between two article
paragraphs (a heading, a list item, a caption) is usually article too.
Lengths count characters for scripts written without spaces (Chinese, Japanese, Thai).
"""

from __future__ import annotations

import math
import re
import string

import numpy as np

from ..model import Block
from .stopwords import CJK_FUNCTION_CHARS

#: Scripts written without spaces between words: each character counts as half a word.
_WIDE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WIDE_CHARS_PER_WORD = 2
_TOKEN = re.compile(r"[^\W\d_]+")
_ASCII_TOKEN = re.compile(r"[a-z]+")  # what `_TOKEN` finds in lower-cased ASCII text
#: A sentence ends with one of `_ENDERS`, then any closing quotes or brackets (`_CLOSERS`).
_ENDERS = ".!?\u3002\uff01\uff1f\u061f\u0964"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_INNER_SENTENCE = re.compile(
    r"[.!?][\"'\u201d\u2019)]*\s+[\"'\u201c\u2018(]?[A-Z\u00c0-\u024f\u0400-\u04ff]|[\u3002\uff01\uff1f]"
)
_TEASER_END = re.compile(r"(?:\.\.\.|\u2026|\u00bb|\u203a|>>|\u2192)\s*\W?$")
_LINK_WORDS = re.compile(
    r"\b(?:read more|continue reading|click here|learn more|see more|view all|show more|more info|"
    r"sign up|log ?in|subscribe|newsletter|cookies?|privacy policy|terms of (?:use|service)|all rights reserved|"
    r"share (?:on|this)|follow us|posted in|tags?:|filed under|comments?\b|advertisement|sponsored)",
    re.I,
)
_SEPARATORS = re.compile(r"[|\u2022\u00b7/\u25aa\u25b8\u203a\u00bb]")
_URLISH = re.compile(r"https?://|www\.|\S@\S+\.\w|\.(?:com|org|net|html?)\b|\u00a9|\(c\)", re.I)
#: Case-sensitive twins of the two case-blind patterns, for lower-cased ASCII text, where they
#: match exactly where the originals do (and Python's `re` runs them several times faster).
_LINK_WORDS_LOWER = re.compile(_LINK_WORDS.pattern)
_URLISH_LOWER = re.compile(_URLISH.pattern)
_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"[,;\u3001\uff0c\u060c]")
#: Byte sets counted directly in ASCII blocks (the ASCII members of the character classes above).
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_DIGITS = string.digits.encode()
_ASCII_CLAUSE = b",;"
_ASCII_SEPARATORS = b"|/"
#: Letter and upper-case shares are read from the block's first characters.
HEAD_CHARS = 400

#: Names of the first-stage features, in order (the weights file lists them too).
BLOCK_FEATURES = (
    "log_words", "short", "medium", "long", "sentence_end", "log_inner_sentences", "stop_density",
    "stop_x_words", "clause_density", "digit_share", "upper_share", "title_case", "teaser_end", "link_words",
    "separators", "list_item", "gap_before", "starts_lower", "url_or_copyright", "ends_colon",
    "log_indent", "position", "edge",
)  # fmt: skip
CONTEXT_FEATURES = (
    "logit_self", "prev", "next", "window", "neighbours_min", "neighbours_max", "in_region", "region_distance",
    "after_region", "before_region", "region_share", "window_count", "short_run",
    "prev_long", "next_long", "chars_before",
)  # fmt: skip

#: First-stage features of the previous and next block that the first stage also reads (0 at the page's edges).
NEIGHBOUR_SOURCES = (
    "log_words",
    "sentence_end",
    "stop_density",
    "link_words",
    "list_item",
    "short",
    "url_or_copyright",
)
NEIGHBOUR_FEATURES = tuple(f"{side}_{name}" for side in ("prev", "next") for name in NEIGHBOUR_SOURCES)
#: What the first stage reads: a block's own features, then its neighbours'.
STAGE_ONE_FEATURES = BLOCK_FEATURES + NEIGHBOUR_FEATURES
_NEIGHBOUR_COLUMNS = [BLOCK_FEATURES.index(name) for name in NEIGHBOUR_SOURCES]

#: Neighbours on each side averaged in the `window` features.
WINDOW = 3
#: A block this short (in characters) counts towards a run of short lines (menus, link lists).
SHORT_CHARS = 40


def _clip(x: float, lo: float = -8.0, hi: float = 8.0) -> float:
    return lo if x < lo else hi if x > hi else x


def _sentence_end(text: str) -> bool:
    """Whether the block ends a sentence: an ender, then only closing quotes or brackets."""
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _ENDERS


def _link_words(text: str, folded: str, ascii_only: bool) -> bool:
    return (_LINK_WORDS_LOWER.search(folded) if ascii_only else _LINK_WORDS.search(text)) is not None


def _urlish(text: str, folded: str, ascii_only: bool) -> bool:
    return (_URLISH_LOWER.search(folded) if ascii_only else _URLISH.search(text)) is not None


def _count(raw: bytes, members: bytes) -> int:
    """How many bytes of `raw` are in `members`."""
    return len(raw) - len(raw.translate(None, members))


def _char_counts(text: str) -> tuple[int, int, int, int, int]:
    """Letters and upper-case letters in the head; digits, clause marks and separators in the block.

    ASCII blocks (most of them) are counted on their bytes, which gives the same numbers much faster.
    """
    if text.isascii():
        raw = text.encode("ascii")
        head = raw[:HEAD_CHARS]
        return (
            _count(head, _ASCII_LETTERS),
            _count(head, _ASCII_UPPER),
            _count(raw, _ASCII_DIGITS),
            _count(raw, _ASCII_CLAUSE),
            _count(raw, _ASCII_SEPARATORS),
        )
    head = text[:HEAD_CHARS]
    return (
        sum(map(str.isalpha, head)),
        sum(map(str.isupper, head)),
        len(_DIGIT.findall(text)),
        len(_CLAUSE.findall(text)),
        len(_SEPARATORS.findall(text)),
    )


def block_features(block: Block, position: float, stops: frozenset[str]) -> list[float]:
    """First-stage features of one block; `position` is its place in the page (0-1)."""
    text = block.text
    n_chars = len(text)
    ascii_only = text.isascii()
    folded = text.lower() if ascii_only else text.casefold()  # the same for ASCII
    wide = len(_WIDE.findall(text)) if not ascii_only else 0
    tokens = (_ASCII_TOKEN if ascii_only else _TOKEN).findall(folded) if wide < n_chars / 2 else []
    split = text.split()
    words = len(split) + wide / WIDE_CHARS_PER_WORD
    if wide >= n_chars / 2:
        stop = sum(map(CJK_FUNCTION_CHARS.__contains__, text)) / max(1, wide) * 3
    else:
        stop = sum(map(stops.__contains__, tokens)) / len(tokens) if tokens else 0.0
    letters, uppers, digits, clauses, separators = _char_counts(text)
    upper = uppers / letters if letters else 0.0
    caps = [w for w in split[:60] if len(w) > 3 and w[0].isalpha()]
    title = sum(w[0].isupper() for w in caps) / len(caps) if caps else 0.0
    log_words = math.log1p(words)
    first = text[0]
    return [
        log_words,
        float(words <= 3),
        float(4 <= words <= 10),
        float(words >= 30),
        float(_sentence_end(text)),
        math.log1p(len(_INNER_SENTENCE.findall(text))),
        stop,
        stop * log_words,
        clauses / max(1.0, words),
        digits / n_chars,
        upper,
        title,
        float(bool(_TEASER_END.search(text))),
        float(_link_words(text, folded, ascii_only)) if words <= 40 else 0.0,
        min(1.0, separators / max(1.0, words)),
        float(block.kind == "list_item"),
        float(block.gap_before),
        float(first.islower()),
        float(_urlish(text, folded, ascii_only)),
        float(text.endswith(":")),
        math.log1p(block.indent),
        position,
        float(position < 0.1 or position > 0.9),
    ]


def with_neighbours(x: np.ndarray) -> np.ndarray:
    """`STAGE_ONE_FEATURES` of a page: its `BLOCK_FEATURES` rows, then the previous and next block's sources."""
    n = len(x)
    out = np.zeros((n, len(STAGE_ONE_FEATURES)), dtype=np.float64)
    out[:, : x.shape[1]] = x
    k = len(_NEIGHBOUR_COLUMNS)
    at = len(BLOCK_FEATURES)
    if n > 1:
        out[1:, at : at + k] = x[:-1, _NEIGHBOUR_COLUMNS]
        out[:-1, at + k : at + 2 * k] = x[1:, _NEIGHBOUR_COLUMNS]
    return out


def densest_region(probs: list[float], sizes: list[float]) -> tuple[int, int]:
    """The contiguous run of blocks with the most article evidence (maximum-sum subarray).

    Each block adds (p - 0.5) * sqrt(size): likely article blocks add, likely boilerplate subtracts.
    Returns (first, last) indexes, or (0, -1) when no block is likely article.
    """
    best, best_span = 0.0, (0, -1)
    run, start = 0.0, 0
    for i, (p, size) in enumerate(zip(probs, sizes, strict=True)):
        gain = (p - 0.5) * math.sqrt(size)
        if run <= 0:
            run, start = gain, i
        else:
            run += gain
        if run > best:
            best, best_span = run, (start, i)
    return best_span


def _short_runs(sizes: list[float]) -> list[int]:
    """For each block, the length of the run of consecutive short blocks it belongs to (0 if long)."""
    runs = [0] * len(sizes)
    i = 0
    while i < len(sizes):
        j = i
        while j < len(sizes) and sizes[j] <= SHORT_CHARS:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    return runs


def _nearest_long(probs: list[float], sizes: list[float]) -> tuple[list[float], list[float]]:
    """First-stage probability of the nearest longer block before and after each block (0 at the edges).

    A heading or caption is followed by article prose; a trailing label ("Leave a comment") is not.
    """
    n = len(probs)
    before, after = [0.0] * n, [0.0] * n
    last = 0.0
    for i in range(n):
        before[i] = last
        if sizes[i] > SHORT_CHARS:
            last = probs[i]
    last = 0.0
    for i in range(n - 1, -1, -1):
        after[i] = last
        if sizes[i] > SHORT_CHARS:
            last = probs[i]
    return before, after


def context_features(probs: list[float], sizes: list[float]) -> list[list[float]]:
    """Second-stage features of every block, from all blocks' first-stage probabilities."""
    n = len(probs)
    runs = _short_runs(sizes)
    prev_long, next_long = _nearest_long(probs, sizes)
    before = 0.0
    first, last = densest_region(probs, sizes)
    total = sum(sizes) or 1.0
    region_share = sum(sizes[first : last + 1]) / total
    weighted = [p * size for p, size in zip(probs, sizes, strict=True)]
    rows: list[list[float]] = []
    for i, p in enumerate(probs):
        prev = probs[i - 1] if i > 0 else 0.0
        nxt = probs[i + 1] if i + 1 < n else 0.0
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        weight = sum(sizes[lo:hi]) - sizes[i]
        window = (sum(weighted[lo:hi]) - weighted[i]) / weight if weight else 0.0
        inside = first <= i <= last
        distance = 0 if inside else (first - i if i < first else i - last)
        rows.append(
            [
                _clip(math.log(max(p, 1e-6) / max(1 - p, 1e-6))),
                prev,
                nxt,
                window,
                min(prev, nxt),
                max(prev, nxt),
                float(inside),
                math.log1p(distance),
                float(i > last),
                float(i < first),
                region_share,
                (sum(probs[lo:hi]) - p) / (hi - lo - 1) if hi - lo > 1 else 0.0,
                math.log1p(runs[i]),
                prev_long[i],
                next_long[i],
                before / total,
            ]
        )
        before += sizes[i]
    return rows
