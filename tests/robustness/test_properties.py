"""Properties of the raw-text path on arbitrary input (hypothesis).

What the extractor may do to the words of a raw-text page, precisely:

- the reader's normalisation (`extractor.readers.text.normalise`): line ends unified,
  invisible characters (zero-width spaces and joiners, soft hyphen, BOM) and control
  characters deleted, Unicode spaces made plain spaces, then NFC;
- join hard-wrapped lines (with a space, or with nothing between two wide CJK characters);
- drop whole blocks, and cut whole words out of a block (trims never split a word);
- drop list bullets and collapse runs of spaces.

So the body's words, compared as `\\w+` tokens with each wide (CJK) character its own
token, are always a sub-sequence of the normalised page's words: the extractor never
invents, alters or reorders text.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from extractor import Extractor
from extractor.errors import ExtractorError
from extractor.readers.text import normalise

_WORD = re.compile(r"\w+")

EXTRACTOR = Extractor(plugins=False)

#: Lines that trigger rules: boilerplate, bylines, dates, comment headers, menus, bullets.
BOILERPLATE = [
    "Advertisement",
    "ADVERTISEMENT - CONTINUE READING BELOW",
    "Share",
    "Reply",
    "12 Comments",
    "Maria Lopez",
    "2 days ago",
    "March 3, 2024 at 5:32 pm",
    "By Jane Smith",
    "Jane Smith",
    "Senior Writer",
    "Related articles",
    "Subscribe to our newsletter",
    "Home",
    "World",
    "Sport",
    "• Item one",
    "1. First step",
    "Created by potrace 1.16, written by Peter Selinger 2001-2019",
    "City Opens New Bridge After Two Years Of Repairs",
    "© 2024 Example News. All rights reserved.",
    "東京の新しい橋が開通しました",
    "The bridge reopened on Monday after two years of repairs to its steel frame.",
]
SENTENCE = st.lists(
    st.sampled_from(
        [
            "the",
            "a",
            "bridge",
            "city",
            "council",
            "said",
            "on",
            "Monday",
            "after",
            "two",
            "years",
            "new",
            "of",
            "and",
            "2024",
            "café",
            "橋",
            "x",
        ]
    ),
    min_size=1,
    max_size=25,
).map(lambda ws: " ".join(ws).capitalize() + ".")
LINE = st.one_of(st.sampled_from(BOILERPLATE), SENTENCE, st.text(max_size=80))
PAGE = st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])), max_size=40).map(
    lambda parts: "".join(line + sep for line, sep in parts)
)
ANY_TEXT = st.one_of(st.text(), PAGE)


def words(text: str) -> list[str]:
    """`\\w+` tokens, each wide (CJK) character a token of its own."""
    out: list[str] = []
    for token in _WORD.findall(text):
        narrow = ""
        for ch in token:
            if unicodedata.east_asian_width(ch) in "WF":
                out.extend([narrow, ch] if narrow else [ch])
                narrow = ""
            else:
                narrow += ch
        if narrow:
            out.append(narrow)
    return out


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(tok == other for other in it) for tok in small)


def extract(data: str | bytes, extractor: Extractor = EXTRACTOR):
    try:
        return extractor.extract(data, input_type="text")
    except ExtractorError:
        return None


@given(ANY_TEXT)
def test_text_never_raises_outside_extractor_error(text):
    result = extract(text)
    assert result is None or result.status in ("ok", "empty")


@given(st.binary(max_size=4000))
def test_bytes_never_raise_outside_extractor_error(data):
    result = extract(data)
    assert result is None or result.status in ("ok", "empty")


@given(ANY_TEXT)
def test_body_words_are_a_subsequence_of_the_page_words(text):
    result = extract(text)
    if result is None:
        return
    body, page = words(result.text), words(normalise(text))
    assert is_subsequence(body, page), f"body words {body} not a sub-sequence of page words {page}"


@given(ANY_TEXT)
def test_same_input_same_output(text):
    first, second = extract(text), extract(text)
    assert (first and first.to_dict()) == (second and second.to_dict())


@given(st.lists(PAGE, min_size=1, max_size=4), PAGE)
def test_output_does_not_depend_on_earlier_documents(others, text):
    used = Extractor(plugins=False)
    for other in others:
        extract(other, used)
    fresh = Extractor(plugins=False)
    after_others, alone = extract(text, used), extract(text, fresh)
    assert (after_others and after_others.to_dict()) == (alone and alone.to_dict())


def test_subsequence_helper_detects_invention_and_reordering():
    page = words("The bridge opened. 東京 news")
    assert is_subsequence(words("bridge 東 news"), page)
    assert not is_subsequence(words("opened bridge"), page)
    assert not is_subsequence(words("The tunnel"), page)
