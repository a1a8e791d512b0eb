"""The content scorer's first-stage features for a whole page at once.

`page_features(blocks, stops)` equals `[block_features(b, i / n, stops) for i, b in
enumerate(blocks)]` (`features.py`, the reference), value for value, but runs the
pattern searches once over the page's joined text, counts the characters of ASCII blocks
with numpy, and computes the arithmetic column by column with the same float operations.
A test checks both give equal features on varied pages.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from functools import cache
from itertools import accumulate

import numpy as np
import re2

from ..model import Block
from .features import (
    _ASCII_TOKEN,
    _INNER_SENTENCE,
    _LINK_WORDS,
    _LINK_WORDS_LOWER,
    _TEASER_END,
    _TOKEN,
    _URLISH,
    _URLISH_LOWER,
    _WIDE,
    BLOCK_FEATURES,
    CONTEXT_FEATURES,
    HEAD_CHARS,
    SHORT_CHARS,
    WIDE_CHARS_PER_WORD,
    WINDOW,
    _clip,
    _sentence_end,
    _short_runs,
    block_features,
    context_features,
    densest_region,
)
from .features import _CLAUSE as _CLAUSE_RE
from .features import _DIGIT as _DIGIT_RE
from .features import _SEPARATORS as _SEPARATORS_RE
from .stopwords import CJK_FUNCTION_CHARS

#: Joins blocks for the link-word and URL searches: neither pattern matches across a line end.
_LINE = "\n"
#: Joins blocks for the inner-sentence and token searches, which never match a NUL.
_NUL = "\x00"
#: The title-case share reads this many words (as the reference does).
TITLE_WORDS = 60
#: Link words are looked for in blocks of at most this many words (as the reference does).
LINK_WORDS_MAX = 40
#: Last characters of the teaser marks (`...`, `\u2026`, `\u00bb`, `\u203a`, `>>`, `\u2192`).
_TEASER_LAST = frozenset(".\u2026\u00bb\u203a>\u2192")
#: ASCII tokens of lower-cased blocks joined by NULs, and the NULs that separate them.
_TOKEN_OR_NUL = re.compile(_ASCII_TOKEN.pattern + "|\x00")
#: RE2 twins of the lower-case ASCII searches: the same matches in lower-cased ASCII text
#: free of the few spaces RE2's `\s` does not know (`_RE2_UNSAFE`), and far faster.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = 8 << 20
_RE2_OPTIONS.log_errors = False
_LINK_WORDS_RE2 = re2.compile(_LINK_WORDS_LOWER.pattern, _RE2_OPTIONS)
_URLISH_RE2 = re2.compile(_URLISH_LOWER.pattern.replace(r"\u00a9", r"\x{a9}"), _RE2_OPTIONS)
_RE2_UNSAFE = re.compile(r"[\x0b\x1c-\x1f]")
#: Unicode tokens of case-folded blocks joined by NULs, and the NULs that separate them.
_UTOKEN_OR_NUL = re.compile(_TOKEN.pattern + "|\x00")
#: Character classes, one bit each in a table indexed by code point (`_flags`).
ALPHA, UPPER, DIGIT, CLAUSE, SEPARATOR, SPACE, WIDE, CJK_FUNCTION = (1 << k for k in range(8))


def _flags(size: int) -> np.ndarray:
    """The class bits of code points 0 to `size - 1`, from the very tests the reference makes."""
    chars = "".join(map(chr, range(size)))
    out = np.zeros(size, dtype=np.uint8)
    for bit, test in ((ALPHA, str.isalpha), (UPPER, str.isupper), (SPACE, str.isspace)):
        out[np.fromiter(map(test, chars), dtype=bool, count=size)] |= bit
    for bit, pattern in ((DIGIT, _DIGIT_RE), (CLAUSE, _CLAUSE_RE), (SEPARATOR, _SEPARATORS_RE), (WIDE, _WIDE)):
        out[[m.start() for m in pattern.finditer(chars)]] |= bit  # each a one-character class
    out[[ord(ch) for ch in CJK_FUNCTION_CHARS if len(ch) == 1 and ord(ch) < size]] |= CJK_FUNCTION
    return out


#: Class bits of the ASCII characters (bytes over 127 never occur in ASCII text).
_ASCII_FLAGS = np.concatenate([_flags(128), np.zeros(128, dtype=np.uint8)])


@cache
def _unicode_flags(size: int) -> np.ndarray:
    """Class bits of the code points below `size`: the BMP (built quickly, on the first page
    with non-ASCII text) or all of Unicode (built once, on the first page past the BMP)."""
    return _flags(size)


def _flags_for(codes: np.ndarray) -> np.ndarray:
    return _unicode_flags(0x10000 if not len(codes) or int(codes.max()) < 0x10000 else 0x110000)


def _title(split: list[str]) -> float:
    """Share of capitalised words among the first words of four letters or more (the reference's loop)."""
    caps = [w[0] for w in split[:TITLE_WORDS] if len(w) > 3 and w[0].isalpha()]
    return sum(map(str.isupper, caps)) / len(caps) if caps else 0.0


def _teaser(text: str) -> bool:
    """`_TEASER_END.search(text)`, searched only when the text's end could hold a teaser mark."""
    tail = text.rstrip()
    if tail[-1:] in _TEASER_LAST or tail[:-1].rstrip()[-1:] in _TEASER_LAST:
        return _TEASER_END.search(text) is not None
    return False


def _owners(texts: list[str], sep: str, offsets: list[int]) -> list[int]:
    """For offsets into `sep.join(texts)`, the index of the text each falls in."""
    starts = list(accumulate((len(t) + len(sep) for t in texts[:-1]), initial=0))
    return [bisect_right(starts, o) - 1 for o in offsets]


def _matching(pattern: re.Pattern[str] | re2._Regexp, texts: list[str], sep: str) -> set[int]:
    """Indexes of the texts `pattern` finds something in, from one search of the joined texts.

    Valid when no match can span `sep` (and no text holds `sep`): then a match in the
    joined text is a match within one text, and each text's first match is found.
    """
    if not texts:
        return set()
    return set(_owners(texts, sep, [m.start() for m in pattern.finditer(sep.join(texts))]))


def _shape(codes: np.ndarray, lengths: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Per text (the texts' code points `codes` end to end, `lengths` each): `_char_counts`,
    then words (`str.split`), then among the first `TITLE_WORDS` words those of four characters
    or more starting with a letter, and those starting with a capital, then wide characters
    (`_WIDE`) and CJK function characters."""
    k = len(lengths)
    flags = table[codes]
    owner = np.repeat(np.arange(k), lengths)
    block_start = np.cumsum(lengths) - lengths
    offset = np.arange(len(codes)) - np.repeat(block_start, lengths)
    head = offset < HEAD_CHARS
    out = np.empty((k, 10), dtype=np.int64)
    out[:, 0] = np.bincount(owner[((flags & ALPHA) != 0) & head], minlength=k)
    out[:, 1] = np.bincount(owner[((flags & UPPER) != 0) & head], minlength=k)
    out[:, 2] = np.bincount(owner[(flags & DIGIT) != 0], minlength=k)
    out[:, 3] = np.bincount(owner[(flags & CLAUSE) != 0], minlength=k)
    out[:, 4] = np.bincount(owner[(flags & SEPARATOR) != 0], minlength=k)
    out[:, 8] = np.bincount(owner[(flags & WIDE) != 0], minlength=k)
    out[:, 9] = np.bincount(owner[(flags & CJK_FUNCTION) != 0], minlength=k)
    space = (flags & SPACE) != 0
    solid = ~space
    edge = np.ones(len(codes), dtype=bool)  # whether the previous character is a space or another text's
    edge[1:] = space[:-1]
    edge[block_start[lengths > 0]] = True
    last = np.ones(len(codes), dtype=bool)  # whether the next character is a space or another text's
    last[:-1] = space[1:]
    last[(block_start + lengths - 1)[lengths > 0]] = True
    firsts = np.flatnonzero(solid & edge)
    ends = np.flatnonzero(solid & last)
    word_owner = owner[firsts]
    words = np.bincount(word_owner, minlength=k)
    rank = np.arange(len(firsts)) - np.repeat(np.cumsum(words) - words, words)
    heads = flags[firsts]
    caps = (ends - firsts >= 3) & ((heads & ALPHA) != 0) & (rank < TITLE_WORDS)
    out[:, 5] = words
    out[:, 6] = np.bincount(word_owner[caps], minlength=k)
    out[:, 7] = np.bincount(word_owner[caps & ((heads & UPPER) != 0)], minlength=k)
    return out


def _stop_shares(lowered: list[str], stops: frozenset[str], tokenizer: re.Pattern[str]) -> np.ndarray:
    """Share of stop words among the tokens of each lower-cased text (0 without tokens)."""
    tokens = tokenizer.findall(_NUL.join(lowered))
    is_sep = np.fromiter(map(_NUL.__eq__, tokens), dtype=bool, count=len(tokens))
    is_stop = np.fromiter(map(stops.__contains__, tokens), dtype=bool, count=len(tokens))
    owner = np.cumsum(is_sep)
    k = len(lowered)
    total = np.bincount(owner[~is_sep], minlength=k)
    stop = np.bincount(owner[is_stop & ~is_sep], minlength=k)
    return np.divide(stop, total, out=np.zeros(k), where=total > 0)


def page_features(blocks: list[Block], stops: frozenset[str]) -> np.ndarray:
    """First-stage features of every block of a page: one row a block, `BLOCK_FEATURES` columns."""
    n = len(blocks)
    texts = [b.text for b in blocks]
    if not n:
        return np.zeros((0, len(BLOCK_FEATURES)))
    joined = _NUL.join(texts)
    if not all(texts) or joined.count(_NUL) != n - 1 or _NUL in stops:
        return np.array([block_features(b, i / n, stops) for i, b in enumerate(blocks)], dtype=np.float64)
    inner = [0] * n
    for i in _owners(texts, _NUL, [m.start() for m in _INNER_SENTENCE.finditer(joined)]):
        inner[i] += 1
    is_ascii = [t.isascii() for t in texts]
    ascii_rows = [i for i in range(n) if is_ascii[i]]
    other_rows = [i for i in range(n) if not is_ascii[i]]
    counts = np.zeros((n, 5), dtype=np.int64)
    words = np.zeros(n, dtype=np.float64)
    stop = np.zeros(n, dtype=np.float64)
    title = np.zeros(n, dtype=np.float64)
    links: set[int] = set()
    urls: set[int] = set()
    if ascii_rows:
        ascii_texts = [texts[i] for i in ascii_rows]
        codes = np.frombuffer("".join(ascii_texts).encode("ascii"), dtype=np.uint8)
        shape = _shape(codes, np.fromiter(map(len, ascii_texts), dtype=np.intp, count=len(ascii_rows)), _ASCII_FLAGS)
        counts[ascii_rows] = shape[:, :5]
        words[ascii_rows] = shape[:, 5]
        caps = shape[:, 6]
        title[ascii_rows] = np.divide(shape[:, 7], caps, out=np.zeros(len(caps)), where=caps > 0)
        lowered = [t.lower() for t in ascii_texts]
        stop[ascii_rows] = _stop_shares(lowered, stops, _TOKEN_OR_NUL)
        safe = not _RE2_UNSAFE.search(_LINE.join(lowered))
        link_rows = [j for j, w in enumerate(shape[:, 5].tolist()) if w <= LINK_WORDS_MAX]
        pattern = _LINK_WORDS_RE2 if safe else _LINK_WORDS_LOWER
        links = {ascii_rows[link_rows[j]] for j in _matching(pattern, [lowered[j] for j in link_rows], _LINE)}
        urls = {ascii_rows[j] for j in _matching(_URLISH_RE2 if safe else _URLISH_LOWER, lowered, _LINE)}
    if other_rows:
        other_texts = [texts[i] for i in other_rows]
        lengths = np.fromiter(map(len, other_texts), dtype=np.intp, count=len(other_rows))
        codes = np.frombuffer("".join(other_texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        shape = _shape(codes, lengths, _flags_for(codes))
        counts[other_rows] = shape[:, :5]
        caps = shape[:, 6]
        title[other_rows] = np.divide(shape[:, 7], caps, out=np.zeros(len(caps)), where=caps > 0)
        wide = shape[:, 8]
        other_words = shape[:, 5] + wide / WIDE_CHARS_PER_WORD
        words[other_rows] = other_words
        by_wide = wide >= lengths / 2  # scripts without spaces: the share of function characters
        cjk = np.maximum(1, wide)
        stop[other_rows] = np.where(by_wide, shape[:, 9] / cjk * 3, 0.0)
        token_rows = [other_rows[j] for j in np.flatnonzero(~by_wide).tolist()]
        if token_rows:
            stop[token_rows] = _stop_shares([texts[i].casefold() for i in token_rows], stops, _UTOKEN_OR_NUL)
        link_rows = [other_rows[j] for j in np.flatnonzero(other_words <= LINK_WORDS_MAX).tolist()]
        links |= {link_rows[j] for j in _matching(_LINK_WORDS, [texts[i] for i in link_rows], _LINE)}
        urls |= {other_rows[j] for j in _matching(_URLISH, other_texts, _LINE)}

    log_words = np.array(list(map(math.log1p, words.tolist())), dtype=np.float64)
    n_chars = np.fromiter(map(len, texts), dtype=np.float64, count=n)
    letters = counts[:, 0]
    x = np.empty((n, len(BLOCK_FEATURES)), dtype=np.float64)
    x[:, 0] = log_words
    x[:, 1] = words <= 3
    x[:, 2] = (words >= 4) & (words <= 10)
    x[:, 3] = words >= 30
    x[:, 4] = [_sentence_end(t) for t in texts]
    x[:, 5] = list(map(math.log1p, inner))
    x[:, 6] = stop
    x[:, 7] = stop * log_words
    x[:, 8] = counts[:, 3] / np.maximum(1.0, words)
    x[:, 9] = counts[:, 2] / n_chars
    x[:, 10] = np.divide(counts[:, 1], letters, out=np.zeros(n), where=letters > 0)
    x[:, 11] = title
    x[:, 12] = [_teaser(t) for t in texts]
    x[:, 13] = [i in links for i in range(n)]
    x[:, 14] = np.minimum(1.0, counts[:, 4] / np.maximum(1.0, words))
    x[:, 15] = [b.kind == "list_item" for b in blocks]
    x[:, 16] = [b.gap_before for b in blocks]
    x[:, 17] = [t[0].islower() for t in texts]
    x[:, 18] = [i in urls for i in range(n)]
    x[:, 19] = [t.endswith(":") for t in texts]
    x[:, 20] = [math.log1p(b.indent) for b in blocks]
    position = np.arange(n) / n
    x[:, 21] = position
    x[:, 22] = (position < 0.1) | (position > 0.9)
    return x


#: Python 3.12 made `sum` of floats compensated; the reference's window sums are then not plain additions.
PLAIN_FLOAT_SUM = sys.version_info < (3, 12)


def _window_sums(values: np.ndarray) -> np.ndarray:
    """`sum(values[lo:hi])` for each block's window, added left to right as Python's `sum` does."""
    n = len(values)
    acc = np.zeros(n)
    for d in range(-WINDOW, WINDOW + 1):
        if abs(d) >= n:
            continue
        shifted = np.zeros(n)  # adding 0.0 outside the page leaves the running sum exactly as it is
        if d < 0:
            shifted[-d:] = values[: n + d]
        else:
            shifted[: n - d] = values[d:]
        acc = acc + shifted
    return acc


def _last_long_before(probs: np.ndarray, long: np.ndarray) -> np.ndarray:
    """For each block, the probability of the nearest long block before it (0 when none)."""
    n = len(probs)
    index = np.where(long, np.arange(n), -1)
    last = np.empty(n, dtype=np.intp)
    last[0] = -1
    last[1:] = np.maximum.accumulate(index)[:-1]
    return np.where(last >= 0, probs[np.maximum(last, 0)], 0.0)


def page_context(probs: list[float], sizes: list[float]) -> np.ndarray:
    """`context_features(probs, sizes)` (the reference) as one array, computed column by column."""
    n = len(probs)
    if not n:
        return np.zeros((0, len(CONTEXT_FEATURES)))
    if not PLAIN_FLOAT_SUM:
        return np.array(context_features(probs, sizes), dtype=np.float64)
    p = np.array(probs, dtype=np.float64)
    size = np.array(sizes, dtype=np.float64)
    first, last = densest_region(probs, sizes)
    total = sum(sizes) or 1.0
    region_share = sum(sizes[first : last + 1]) / total
    long = size > SHORT_CHARS
    prev = np.zeros(n)
    prev[1:] = p[:-1]
    nxt = np.zeros(n)
    nxt[:-1] = p[1:]
    weighted = p * size
    weight = _window_sums(size) - size
    window = np.divide(_window_sums(weighted) - weighted, weight, out=np.zeros(n), where=weight != 0)
    position = np.arange(n)
    span = np.minimum(n, position + WINDOW + 1) - np.maximum(0, position - WINDOW) - 1
    window_count = np.divide(_window_sums(p) - p, span, out=np.zeros(n), where=span > 0)
    inside = (position >= first) & (position <= last)
    distance = np.where(inside, 0, np.where(position < first, first - position, position - last))
    before = np.zeros(n)
    before[1:] = np.cumsum(size)[:-1]  # sums of whole numbers: exact, as the reference's running sum
    x = np.empty((n, len(CONTEXT_FEATURES)), dtype=np.float64)
    x[:, 0] = [_clip(math.log(max(v, 1e-6) / max(1 - v, 1e-6))) for v in probs]
    x[:, 1] = prev
    x[:, 2] = nxt
    x[:, 3] = window
    x[:, 4] = np.minimum(prev, nxt)
    x[:, 5] = np.maximum(prev, nxt)
    x[:, 6] = inside
    x[:, 7] = list(map(math.log1p, distance.tolist()))
    x[:, 8] = position > last
    x[:, 9] = position < first
    x[:, 10] = region_share
    x[:, 11] = window_count
    x[:, 12] = list(map(math.log1p, _short_runs(sizes)))
    x[:, 13] = _last_long_before(p, long)
    x[:, 14] = _last_long_before(p[::-1], long[::-1])[::-1]
    x[:, 15] = before / total
    return x
