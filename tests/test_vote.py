"""trafilatura's vote: fast mode first, its fallback comparison only when the fast text looks like a miss."""

from __future__ import annotations

import pytest

from extractor.readers.html_parse import parse_html
from extractor.selection import vote

PROSE = (
    "The council voted on Tuesday to extend the tram line to the northern suburbs, "
    "a project that has been debated for more than a decade."
)
MENU = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Subscribe", "Log in"] * 40)


def test_a_long_prose_text_is_kept():
    assert not vote.needs_fallbacks("\n".join([PROSE] * 12))


def test_a_short_text_needs_the_fallbacks():
    assert vote.needs_fallbacks(PROSE)
    assert vote.needs_fallbacks("")
    assert vote.needs_fallbacks(None)


def test_a_long_text_of_short_lines_needs_the_fallbacks():
    assert len(MENU) > vote.FAST_MIN_CHARS
    assert vote.needs_fallbacks(MENU)


def test_a_menu_dump_with_one_paragraph_still_needs_them():
    # a page dump: most characters are in menu lines, one article paragraph among them
    assert vote.needs_fallbacks(MENU + "\n" + PROSE)


@pytest.mark.parametrize(
    ("fast_text", "calls"),
    [("\n".join([PROSE] * 12), [True]), (MENU, [True, False]), (None, [True, False])],
)
def test_the_full_extraction_runs_only_after_a_miss(monkeypatch, fast_text, calls):
    seen = []

    def fake_extract(root, url, fast):
        seen.append(fast)
        return fast_text if fast else "full text"

    monkeypatch.setattr(vote, "_extract", fake_extract)
    got = vote.trafilatura_text(parse_html("<html><body><p>x</p></body></html>"), None)
    assert seen == calls
    assert got == (fast_text if calls == [True] else "full text")


def test_the_vote_reads_a_real_article():
    body = "".join(f"<p>{PROSE} Paragraph {i} adds more detail on the plan.</p>" for i in range(12))
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(15))
    root = parse_html(f"<html><body><nav><ul>{nav}</ul></nav><article>{body}</article></body></html>")
    text = vote.trafilatura_text(root, "https://example.org/news/tram")
    assert text is not None and "Paragraph 11 adds more detail" in text
    assert "Section 3" not in text
