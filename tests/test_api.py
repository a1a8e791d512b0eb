"""The Python API: extract(), Extractor, Result and its JSON record."""

from __future__ import annotations

import json

import pytest

from extractor import Extractor, InputError, Rule, extract
from extractor.rules import Example

from .conftest import SAMPLES

ARTICLE = (SAMPLES / "news-article.txt").read_text(encoding="utf-8")


def test_extract_text_and_bytes_agree():
    from_text = extract(ARTICLE)
    from_bytes = extract(ARTICLE.encode("utf-8"))
    assert from_text.text == from_bytes.text
    assert from_text.metadata.title == "City Council Approves Plan To Reopen The Old Ferry Line"
    assert from_text.metadata.date == "2025-03-04"


def test_record_contract():
    record = extract(ARTICLE).to_dict()
    assert list(record) == ["id", "status", "error", "text", "metadata", "removed"]
    assert record["status"] == "ok" and record["error"] is None
    md = record["metadata"]
    assert md["authors"] == ["Dana Kim"] and isinstance(md["tags"], list) and md["comments"] == []
    assert md["description"] is None  # absent: null, never guessed
    assert all(set(r) == {"code", "text"} for r in record["removed"])
    json.dumps(record)  # serialisable as is


def test_removed_is_in_page_order_with_codes():
    removed = extract(ARTICLE).removed
    texts = [r.text for r in removed]
    assert texts.index("ADVERTISEMENT") < texts.index("Story continues below advertisement")
    assert {r.code for r in removed} >= {"AD001", "AD002", "REL001", "PRM001", "SOC002"}


def test_empty_and_binary_input():
    assert extract("   \n\n ").status == "empty"
    with pytest.raises(InputError, match="PDF"):
        Extractor(plugins=False).extract(b"%PDF-1.7\n" + bytes(range(256)))
    failed = Extractor(plugins=False).extract_safely(b"%PDF-1.7\n" + bytes(range(256)), id="doc.pdf")
    assert failed.status == "error" and failed.id == "doc.pdf" and failed.to_dict()["text"] is None


def test_extractor_is_reusable_and_stateless():
    extractor = Extractor(plugins=False)
    first = extractor.extract(ARTICLE).to_dict()
    extractor.extract((SAMPLES / "recipe-blog.txt").read_text(encoding="utf-8"))
    assert extractor.extract(ARTICLE).to_dict() == first


def test_select_ignore_and_extra_packs(tmp_path):
    assert "ADVERTISEMENT" in Extractor(ignore=("AD",), plugins=False).extract(ARTICLE).text
    assert "ADVERTISEMENT" in Extractor(select=("SHR",), plugins=False).extract(ARTICLE).text
    # the most specific prefix wins: select AD, but ignore AD002
    text = Extractor(select=("AD",), ignore=("AD002",), plugins=False).extract(ARTICLE).text
    assert "ADVERTISEMENT" not in text and "Story continues below advertisement" in text


class ShoutRule(Rule):
    code = "XX001"
    description = "Drop lines written in capitals."
    examples = [Example("LOOK HERE NOW", removed=["LOOK HERE NOW"]), Example("Look here.", kept=["Look here."])]

    def apply(self, doc):
        for block in doc.kept:
            if block.text.isupper():
                doc.remove(block, self.code)


def test_entry_point_plugin_rules(monkeypatch):
    import importlib.metadata

    class FakeEntryPoint:
        name, value, dist = "shout", "fake:ShoutRule", None

        def load(self):
            return ShoutRule

    real = importlib.metadata.entry_points

    def entry_points(**kw):
        return [FakeEntryPoint()] if kw.get("group") == "extractor.rules" else real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    extractor = Extractor()
    rule = extractor.rules.get("XX001")
    assert rule is not None and rule.origin.startswith("plugin:")
    result = extractor.extract("The mayor spoke for an hour about the budget and the bridge.\n\nLOOK HERE NOW\n")
    assert ("XX001", "LOOK HERE NOW") in [(r.code, r.text) for r in result.removed]
    assert Extractor(plugins=False).rules.get("XX001") is None


def test_site_scoped_pack(tmp_path):
    pack = tmp_path / "site.toml"
    pack.write_text(
        '[pack]\nfamily = "SITE"\nsite = "harbor-gazette.example"\n\n[[rules]]\ncode = "SITE001"\n'
        'description = "The Gazette signs its articles with a bell line."\nliteral = ["the bell rings"]\n'
        'remove = ["The bell rings"]\nkeep = ["The bell rang twice."]\n'
    )
    page = ARTICLE.replace("Email\n", "The bell rings\n")
    extractor = Extractor(rules=(pack,), plugins=False)
    on_site = extractor.extract(page, url="https://www.harbor-gazette.example/news/ferry")
    elsewhere = extractor.extract(page, url="https://other.example/ferry")
    assert "SITE001" in {r.code for r in on_site.removed}
    assert "SITE001" not in {r.code for r in elsewhere.removed}
    assert Extractor(rules=(pack,), site_rules=False, plugins=False).rules.get("SITE001") is None


def test_a_duplicate_code_is_an_error_even_when_ignored(tmp_path):
    from extractor import RulePackError

    pack = tmp_path / "dup.toml"
    pack.write_text(
        '[[rules]]\ncode = "AD001"\ndescription = "Another ad label."\nliteral = ["promo"]\n'
        'remove = ["Promo"]\nkeep = ["The promo ran for a week."]\n'
    )
    with pytest.raises(RulePackError, match="AD001"):
        Extractor(rules=(pack,), ignore=("AD",), plugins=False)
