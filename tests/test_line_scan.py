"""A page-wide RE2 scan finds exactly the lines that per-line searches find."""

from __future__ import annotations

from pathlib import Path

import re2

from extractor.rules.packs import _RE2_OPTIONS, LineScan

LINES = [
    "Share this article",
    "Posted in News",
    "The council met on Monday to discuss the new bridge.",
    "© 2024 Example Media",
    "Tags: bridge, council",
    "12",
    "Leave a comment below and tell us what you think.",
    "Über uns",
]
PATTERNS = [
    r"^share\b",  # start anchor
    r"\d+$",  # end anchor
    r"^\W*\d{1,3}\W*$",  # whole line
    r"comment\s+below",  # \s must not join two lines
    r"[^x]{60,}",  # a negated class must not run across lines
    r"tags:",
    r"^über",  # case-blind beyond ASCII
]


def _per_line(patterns: list[str], lines: list[str]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for k, pattern in enumerate(patterns):
        regex = re2.compile(pattern, _RE2_OPTIONS)
        for i, line in enumerate(lines):
            if regex.search(line):
                found.setdefault(i, set()).add(k)
    return found


def test_scan_matches_per_line_search():
    scan = LineScan(PATTERNS)
    assert scan.search(LINES) == _per_line(PATTERNS, LINES)
    assert 0 in scan.search(LINES)  # "Share this article"


def test_no_match_across_lines():
    scan = LineScan([r"article\s+posted", r"news.{0,5}the"])
    assert scan.search(LINES) == {}


def test_text_with_newline_falls_back():
    assert LineScan([r"share"]).search(["Share\nthis"]) is None


def test_edge_anchors_are_not_line_safe():
    assert not LineScan.usable([r"\Ashare"])
    assert LineScan.usable([r"^share$"])


def test_anchored_expressions_are_told_apart():
    from extractor.rules.packs import anchored_at_start

    assert anchored_at_start(r"^share\b") and anchored_at_start(r"^(?:sign up|subscribe)\b.{0,40}$")
    assert anchored_at_start(r"^[|]\s*\d+$") and anchored_at_start(r"^a\|b")
    assert not anchored_at_start(r"comment\s+below")
    assert not anchored_at_start(r"^share|comment")  # the ^ binds to the first alternative only
    assert not anchored_at_start(r"^(?m)share")  # ^ also after a newline


def test_a_line_group_finds_what_each_rule_finds_alone():
    """Anchored expressions run in a start-anchored set: it must find what searching each line finds."""
    from extractor.model import Block, Document
    from extractor.rules.packs import LineGroup, LineRule, _Where

    spec = {
        "code": "TST001",
        "kind": "line",
        "description": "test",
        "regex": PATTERNS,
        "remove": ["Share this"],
        "keep": ["Nothing"],
    }
    rule = LineRule(spec, _Where(Path("test.toml"), "", "test"))
    doc = Document(blocks=[Block(i, line) for i, line in enumerate(LINES)], source_type="text")
    LineGroup([rule]).apply(doc)
    removed = {b.index for b in doc.blocks if b.removed_by == "TST001"}
    assert removed == set(_per_line(PATTERNS, LINES))
