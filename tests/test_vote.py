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


def test_the_copy_trafilatura_reads_drops_head_footer_and_drawings_but_keeps_tail_text():
    root = parse_html(
        "<html><head><title>T</title><style>p{}</style></head><body><div>"
        "<p>First paragraph.</p><svg><text>icon</text></svg>after the icon"
        "<footer>Imprint and contact</footer>closing words</div></body></html>"
    )
    copy = vote.without_dropped_regions(root)
    text = " ".join(copy.itertext())
    assert "Imprint" not in text and "icon " not in text and copy.find("head") is None
    assert "after the icon" in text and "closing words" in text
    # the page itself is untouched: selection still needs every element of it
    assert root.find(".//footer") is not None and root.find("head") is not None


def _blocks(*texts: str) -> list:
    from extractor.model import Block

    return [Block(index=i, text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("blocks", "calls"),
    [
        # a page with little prose of its own: its fast text would be short, so the full extraction runs alone
        (_blocks("Home", "Contact us", PROSE), [False]),
        # an article: the fast extraction, kept because it is long prose
        (_blocks(*[PROSE] * 14), [True]),
    ],
)
def test_a_page_short_of_prose_goes_straight_to_the_full_extraction(monkeypatch, blocks, calls):
    seen = []

    def fake_extract(root, url, fast):
        seen.append(fast)
        return "\n".join([PROSE] * 12)

    monkeypatch.setattr(vote, "_extract", fake_extract)
    vote.trafilatura_text(parse_html("<html><body><p>x</p></body></html>"), None, blocks)
    assert seen == calls


def test_prose_chars_counts_long_lines_with_few_links():
    from extractor.model import Block

    linked = Block(index=2, text=PROSE, link_density=0.9)
    assert vote.prose_chars([*_blocks("Home", PROSE), linked]) == len(PROSE)


def test_warm_up_reads_the_language_model_and_runs_the_full_extraction(monkeypatch):
    from extractor.metadata import language
    from extractor.pipeline import Extractor, Options

    seen: list[str] = []
    real_classify, real_extract = language.classify, vote._extract
    monkeypatch.setattr(language, "classify", lambda text: seen.append("language") or real_classify(text))
    monkeypatch.setattr(
        vote,
        "_extract",
        lambda root, url, fast: seen.append("fast" if fast else "full") or real_extract(root, url, fast),
    )
    Extractor(Options(plugins=False)).warm_up()
    assert "language" in seen and "full" in seen
