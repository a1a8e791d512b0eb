"""The user's own example and the other samples come out as expected."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor.scoring import page_precision, page_recall, shingle_counts

from .conftest import SAMPLES, SEEDS, need_shared

EXPECTED = json.loads((SAMPLES / "expected" / "boredpanda.json").read_text(encoding="utf-8"))


def _f1(gold: str, predicted: str) -> float:
    c = shingle_counts(gold, predicted)
    p, r = page_precision(*c), page_recall(*c)
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def seed_record():
    """The CLI's JSON record for the seed page, as a user would get it."""
    out = subprocess.run(
        [sys.executable, "-m", "extractor", "clean", str(SAMPLES / "boredpanda.txt"), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_seed_body_scores_above_098(seed_record):
    assert _f1(EXPECTED["text"], seed_record["text"]) >= 0.98


def test_seed_body_has_no_boilerplate(seed_record):
    for line in EXPECTED["must_not_contain"]:
        assert line not in seed_record["text"], line


def test_seed_metadata_exact(seed_record):
    md = seed_record["metadata"]
    for field in ("title", "author", "site_name"):
        assert md[field] == EXPECTED["metadata"][field], field
    assert md["date"] is None  # the page shows only relative dates: never guessed
    assert md["language"] == "en"


def test_seed_comments_listed_once_each(seed_record):
    got = [(c["author"], c["text"]) for c in seed_record["metadata"]["comments"]]
    want = [(c["author"], c["text"]) for c in EXPECTED["metadata"]["comments"]]
    assert got == want
    assert all(c["date"] == "2 months ago" for c in seed_record["metadata"]["comments"])


def test_seed_removals_are_logged_with_codes(seed_record):
    codes = {r["code"] for r in seed_record["removed"]}
    assert {"AD001", "SOC001", "CMT001", "BIO001", "REL001", "CRD001"} <= codes
    assert seed_record["status"] == "ok"


def test_sample_matches_workplace_gold_when_present():
    seeds = need_shared(SEEDS)
    assert (SAMPLES / "boredpanda.txt").read_bytes() == (seeds / "001_d4deda7473a18cbf.txt").read_bytes()
    gold = (seeds / "boredpanda.gold.txt").read_text(encoding="utf-8")
    assert gold.strip() == EXPECTED["text"]


def test_rough_clean_version_loses_its_leftovers(extractor_default):
    result = extractor_default.extract((SAMPLES / "boredpanda-rough.txt").read_text(encoding="utf-8"))
    for leftover in ("ADVERTISEMENT", "Image credits:", "Share icon", "View this post on Instagram"):
        assert leftover not in result.text
    c = shingle_counts(EXPECTED["text"], result.text)
    assert page_recall(*c) >= 0.97  # nothing of the article is lost


WRITTEN = ["news-article", "recipe-blog", "social-listicle", "w3m-dump"]


@pytest.mark.parametrize("name", WRITTEN)
def test_written_sample(name, extractor_default):
    """Pages written for the project, one per mix of rule families: body, boilerplate, metadata."""
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    result = extractor_default.extract((SAMPLES / f"{name}.txt").read_bytes())
    assert _f1(expected["text"], result.text) >= 0.98
    for line in expected["must_not_contain"]:
        assert line not in result.text, line
    md = result.metadata.to_dict()
    for field in ("title", "author", "date", "site_name"):
        assert md[field] == expected["metadata"][field], field
    assert [(c["author"], c["text"]) for c in md["comments"]] == [
        (c["author"], c["text"]) for c in expected["metadata"]["comments"]
    ]
