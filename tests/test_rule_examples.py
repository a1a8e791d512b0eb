"""Every rule's own examples are its tests: positives removed, negatives kept."""

from __future__ import annotations

import pytest

from extractor.metadata import text_metadata
from extractor.readers.html import read_html
from extractor.readers.text import read_text
from extractor.rules.registry import RuleSet

#: Article paragraphs put around one-line examples, so position-aware rules see a page.
BEFORE = (
    "The city council approved the new transport budget on Tuesday after a long debate.\n\n"
    "Officials said the plan would add twelve bus routes and repair four bridges by 2026.\n\n"
    "Residents who spoke at the meeting mostly welcomed the changes, though some asked for more bike lanes.\n\n"
)
AFTER = "\n\nThe first new routes are expected to open in the spring, the mayor's office said.\n"

RULES = list(RuleSet.load(plugins=False))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _page(example) -> str:
    if example.html or "\n" in example.page.strip():
        return example.page
    return BEFORE + example.page + AFTER


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, ex) for rule in RULES for ex in rule.examples],
    ids=lambda v: v.code if hasattr(v, "code") else (v.page.strip().split("\n")[0][:40]),
)
def test_rule_example(rule, example):
    if example.html:
        doc = read_html(example.page)
    else:
        doc = read_text(_page(example))
        text_metadata(doc)
    rule.apply(doc)
    removed = [r.text for r in doc.removed]
    kept_text = "\n".join(b.text for b in doc.kept)
    for line in example.removed:
        if getattr(rule, "kind", "") == "trim":
            assert line not in kept_text, f"{rule.code} should cut {line!r}"
        else:
            assert any(_norm(line) == _norm(r) for r in removed), (
                f"{rule.code} should remove {line!r}; removed {removed}"
            )
    for line in example.kept:
        assert any(_norm(line) == _norm(b.text) for b in doc.kept), f"{rule.code} should keep {line!r}"


def test_every_rule_has_positive_and_negative_examples():
    for rule in RULES:
        assert any(e.removed for e in rule.examples), f"{rule.code} has no positive example"
        assert any(e.kept for e in rule.examples), f"{rule.code} has no negative example"


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rule.code.startswith(rule.family) and rule.description
