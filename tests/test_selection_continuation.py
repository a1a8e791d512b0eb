"""An article cut into same-class chunks (an ad between them) is kept whole, even when the vote saw one chunk."""

from __future__ import annotations

import pytest

from extractor import Extractor
from extractor.selection import select

FIRST = [
    "The harbour authority approved the new ferry terminal on Tuesday after a year of public hearings.",
    "Construction starts in March, and the first boats should dock at the new pier before next winter.",
]
SECOND = [
    "Local fishermen worry that the larger ferries will crowd the narrow channel during the busy summer months.",
    "The authority promised to publish a traffic plan for the channel before any of the building work begins.",
]
TEASERS = ["Ferry fares rise again", "Storm damages the old pier", "New cafe opens on the quay"]


def chunk(paragraphs: list[str], cls: str = "body__chunk") -> str:
    return f"<div class='{cls}'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


def page(after: str) -> str:
    ad = "<div class='ad-slot'><p>Advertisement</p></div>"
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Ferry terminal approved</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Ferry terminal approved</h1><div class='chunks'>{chunk(FIRST)}{ad}{after}</div></article>"
        "<footer><p>Copyright 2024 The Harbour Gazette.</p></footer></body></html>"
    )


@pytest.fixture
def ex(monkeypatch):
    # the reference extractor read only the first chunk (it stopped at the advertisement)
    monkeypatch.setattr(select, "trafilatura_text", lambda root, url, blocks=None: "\n".join(FIRST))
    monkeypatch.setattr(select, "MIN_REFERENCE_CHARS", 100)
    return Extractor(plugins=False, site_rules=False)


def test_a_same_class_chunk_after_an_ad_is_kept(ex):
    result = ex.extract(page(chunk(SECOND)), input_type="html")
    for p in FIRST + SECOND:
        assert p in result.text
    assert "Advertisement" not in result.text
    assert "Copyright 2024" not in result.text


def test_a_chunk_of_another_class_is_not_pulled_in(ex):
    result = ex.extract(page(chunk(SECOND, cls="promo-box")), input_type="html")
    assert FIRST[1] in result.text
    assert SECOND[0] not in result.text


def test_links_in_a_same_class_chunk_are_not_pulled_in(ex):
    teasers = (
        "<div class='body__chunk'><ul>" + "".join(f"<li><a href='/x'>{t}</a></li>" for t in TEASERS) + "</ul></div>"
    )
    result = ex.extract(page(teasers), input_type="html")
    assert FIRST[1] in result.text
    for t in TEASERS:
        assert t not in result.text


def test_continuations_are_same_tag_same_class_siblings_of_near_ancestors():
    from lxml import html

    root = html.fromstring(
        "<div class='page'><div class='wrap'><div class='chunk' id='a'><p id='p'>x</p></div>"
        "<div class='chunk' id='b'></div><div class='other' id='c'></div><section class='chunk' id='d'></section></div>"
        "<div class='wrap' id='e'></div></div>"
    )
    # the <p> has no class; its chunk has a twin (b), and so has the chunk's wrapper (e); c and d differ
    assert {el.get("id") for el in select._continuations(root.get_element_by_id("p"))} == {"b", "e"}
    assert {el.get("id") for el in select._continuations(root.get_element_by_id("c"))} == {"e"}
