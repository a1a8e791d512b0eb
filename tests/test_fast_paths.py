"""The fast paths of raw-text extraction give exactly what their reference code gives."""

from __future__ import annotations

import gzip

import numpy as np
import py3langid
import pytest
from py3langid import langid

from extractor.content.features import BLOCK_FEATURES, block_features, context_features
from extractor.content.page import page_context, page_features
from extractor.content.stopwords import stoplist
from extractor.metadata import language
from extractor.metadata.dates import _PATTERNS, parse_date
from extractor.model import Block
from extractor.readers import read_document
from extractor.rules.python.comments import DATE_LINE, _date_shown

from .conftest import BENCH, need_shared

PAGES = [
    "Home\nNews\nSport\n\nBridge reopens after two years of repairs\n\n"
    "The old river bridge reopened on Monday. Engineers said the new deck would last fifty years!\n\n"
    "Read more...\nShare on Facebook | Follow us on Twitter / Instagram\n"
    "Contact: editor@example.com or www.example.org \u00a9 2024 Example Media, all rights reserved\n",
    "  Indented line with   irregular    spacing, commas; and semicolons\n\t\tTabbed CAPITALS LINE HERE\n"
    "* A list item with a Title Case Heading Inside\n+ Another one \u00bb\nNext \u203a\nOlder posts \u2192\n"
    "Prices: 12.50, 13.75 and 2,000 units (c) 1999\n" + "word " * 70 + "\n" + "Long Word Title " * 30,
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2014 \u201cQuoted.\u201d Then \u00c9cole starts.\n"
    "L\u2019\u00e9t\u00e9 est arriv\u00e9 \u00e0 Paris, et les terrasses sont pleines de monde.\n"
    "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440. \u042d\u0442\u043e \u0442\u0435\u0441\u0442.\n"
    "\u00a0Non\u2011breaking\u00a0spaces\u2003and\u2009thin ones. Next Sentence here\n",
    "\u5e02\u653f\u5e9c\u5468\u4e00\u5ba3\u5e03\uff0c\u7ecf\u8fc7\u4e24\u5e74\u7684\u7ef4\u4fee\uff0c"
    "\u8001\u6cb3\u6865\u91cd\u65b0\u5f00\u653e\u3002\u7b2c\u4e00\u6279\u516c\u5171\u6c7d\u8f66\u9a76\u8fc7\u3002\n"
    "\u9996\u9875\n\u65b0\u95fb\n\u6771\u4eac\u90fd\u306e\u30cb\u30e5\u30fc\u30b9\u3067\u3059\u3002 Mixed \u4e2d\u6587 text\n"
    "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\u0e44\u0e21\u0e48\u0e21\u0e35\u0e0a\u0e48\u0e2d\u0e07\u0e27\u0e48\u0e32\u0e07\n",
    "x\n.\n...\n!!\n1\n\u2026\n>>\nA\nok:\n\ufb01ne \u212aelvin \u017fpecial\n",
    "Emoji \U0001f600 and \U0001d400\U0001d401\U0001d402 bold Letters, digits \U0001d7cf\U0001d7d0; done.\n"
    "\U00020000\U00020001 wide ideographs past the BMP\n",
    "",
]


def _blocks(page: str) -> list[Block]:
    return read_document(page, "text", None).blocks


def _reference(blocks: list[Block], stops: frozenset[str]) -> np.ndarray:
    n = len(blocks)
    rows = [block_features(b, i / n, stops) for i, b in enumerate(blocks)]
    return np.array(rows, dtype=np.float64).reshape(n, len(BLOCK_FEATURES))


def _assert_same(blocks: list[Block], stops: frozenset[str]) -> None:
    ours, ref = page_features(blocks, stops), _reference(blocks, stops)
    assert ours.shape == ref.shape
    assert ours.tobytes() == ref.tobytes()  # equal to the bit


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "fr", "zh", None])
def test_page_features_equal_the_reference(page: str, lang: str | None) -> None:
    _assert_same(_blocks(page), stoplist(lang))


def test_page_features_of_hand_made_blocks() -> None:
    texts = ["a", " ", "\u3002", "nul\x00inside", "Tags: news", "Log in", "x" * 500, "A" * 450 + " b", "\t\u00a0x"]
    blocks = [
        Block(i, t, kind="list_item" if i % 2 else "text", indent=i, gap_before=i % 3 == 0) for i, t in enumerate(texts)
    ]
    _assert_same(blocks, stoplist("en"))
    _assert_same([], stoplist("en"))


def test_page_features_on_dev_pages() -> None:
    folder = need_shared(BENCH / "trafilatura" / "text-w3m")
    for path in sorted(folder.glob("*.txt.gz"))[:25]:
        blocks = _blocks(gzip.decompress(path.read_bytes()).decode("utf-8"))
        _assert_same(blocks, stoplist("en"))


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 40, 300])
def test_page_context_equals_the_reference(n: int) -> None:
    rng = np.random.default_rng(n)
    for _ in range(5):
        probs = rng.random(n).tolist()
        probs[0] = 0.0
        if n > 2:
            probs[1], probs[2] = 1.0, 0.5
        sizes = [float(v) for v in rng.choice([0, 1, 12, 40, 41, 300, 5000], size=n)]
        ref = np.array(context_features(probs, sizes), dtype=np.float64)
        assert page_context(probs, sizes).tobytes() == ref.tobytes()
    assert page_context([], []).shape == (0, 16)


TEXTS = [
    *PAGES,
    "THE COUNCIL MET ON MONDAY TO TALK ABOUT THE BUDGET",
    "Die Regierung hat am Montag neue Regeln f\u00fcr den Verkehr beschlossen.",
    "\u0627\u0644\u062d\u0643\u0648\u0645\u0629 \u0623\u0639\u0644\u0646\u062a \u064a\u0648\u0645 \u0627\u0644\u0627\u062b\u0646\u064a\u0646",
    "\ud55c\uad6d\uc5b4 \ubb38\uc7a5\uc785\ub2c8\ub2e4. \uc624\ub298\uc740 \ub0a0\uc528\uac00 \uc88b\uc2b5\ub2c8\ub2e4.",
    "12345 !!! ???",
    "e\u0301te\u0301",  # decomposed accents: NFC first, as py3langid does
]


@pytest.mark.parametrize("text", TEXTS)
def test_language_scan_equals_py3langid(text: str) -> None:
    fast = language._fast()
    assert fast is not None  # the self-check passed with the installed py3langid
    data = fast.ident._encode(text)
    expected = langid.visit_counts(fast.ident.tk_nextmove, fast.ident._rowbase, fast.ident.tk_output, data)
    assert list(fast.visits(data).items()) == list((expected or {}).items())  # same counts, same order
    if expected:
        assert fast.scores(expected).tobytes() == fast.ident._sparse_score(expected, fast.ident.nb_ptc).tobytes()
    assert language.classify(text) == py3langid.classify(text)[0]


def test_language_falls_back_when_the_self_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_FAST", [None])
    assert language.classify("The council met on Monday to discuss the budget.") == "en"


LINES = [
    "2 days ago",
    "March 3, 2024 at 5:32 pm",
    "Reply \u00b7 3h ago",
    "posted yesterday",
    "JUST NOW",
    "Maria Lopez",
    "Community Member",
    "\u017fome \u212aelvin text",
    "on 12.03.2019 - edited",
    "",
]


@pytest.mark.parametrize("line", LINES)
def test_comment_date_prefilter_keeps_every_match(line: str) -> None:
    m = DATE_LINE.match(line)
    assert _date_shown(line) == (m.group("date") if m else None)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Published 2024-03-05", "2024-03-05"),
        ("5 March 2019", "2019-03-05"),
        ("12/25/2020", "2020-12-25"),
        ("25.09.2024", "2024-09-25"),
        ("no year 1850, 3 May 2100", None),
        ("2 May", None),
        ("", None),
    ],
)
def test_parse_date_prefilter(line: str, expected: str | None) -> None:
    assert parse_date(line) == expected
    if "19" not in line and "20" not in line:  # what the prefilter skips, no pattern could match
        assert not any(p.search(line) for p in _PATTERNS)


def test_control_class_is_what_check_text_counted() -> None:
    from extractor.readers.decode import _CONTROL

    expected = [chr(i) for i in range(0x200) if chr(i) < "\x20" and chr(i) not in "\t\n\r\f\v"]
    assert [chr(i) for i in range(0x200) if _CONTROL.match(chr(i))] == expected


@pytest.mark.parametrize("text", ["", "one", " a b  c ", "w " * 11 + "w", "w " * 12 + "w\n", "\u00a0x\u2003y z"])
@pytest.mark.parametrize("n", [1, 3, 12, 13])
def test_at_least_counts_words_as_split_does(text: str, n: int) -> None:
    from extractor.metadata.text import _at_least

    assert _at_least(text, n) == (len(text.split()) >= n)
