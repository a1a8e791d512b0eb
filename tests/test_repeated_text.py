"""DUP002: a second copy of the article (a text browser shows hidden copies) goes; deliberate repeats stay."""

from __future__ import annotations

from extractor import Extractor
from extractor.readers.text import read_text
from extractor.rules.python.copies import RepeatedText

ITEMS = [
    "The state attorney general is investigating the office-sharing company after a round of layoffs.",
    "The mobile carrier's chief executive is stepping down in May and will hand over to the president.",
    "The investor has told the company's managers he wants it to turn a profit within two years.",
    "The online retailer now lets people without a membership listen to music free, with adverts.",
]


def _w3m_page() -> str:
    """Roughly what `w3m -dump` gives for a news digest with a hidden structured-data copy of the body."""
    bullets = "\n".join(f" {k}. {item}" for k, item in enumerate(ITEMS, 1))
    hidden = " ".join(["Good morning! This is the tech news you need to know this Tuesday.", *ITEMS])
    return (
        "  \u2022 Home\n  \u2022 Tech\n  \u2022 Markets\n\n"
        "10 things in tech you need to know today\n\n"
        "Good morning! This is the tech news you need to know this Tuesday.\n\n"
        f"{bullets}\n\n"
        "2019-11-19T08:57:40+01:00\n"
        f"{hidden}\n"
    )


def test_hidden_copy_of_the_body_is_removed_and_the_body_kept():
    doc = read_text(_w3m_page())
    RepeatedText().apply(doc)
    removed = [r.text for r in doc.removed]
    assert len(removed) == 1 and removed[0].startswith("Good morning!") and ITEMS[-1] in removed[0]
    kept = "\n".join(b.text for b in doc.kept)
    assert all(item in kept for item in ITEMS)


def test_the_same_terms_for_each_region_stay():
    terms = (
        "Receive 20% off your purchase of three to five qualifying products to create a custom set. "
        "The discount is valid from January 16 to January 20 at our shops and online, and cannot be combined."
    )
    page = "\n\n".join(f"{region}\n{terms}" for region in ("US", "UK", "Canada", "Europe", "Rest of world"))
    doc = read_text(page)
    RepeatedText().apply(doc)
    assert not doc.removed


def test_whole_pipeline_keeps_one_copy():
    result = Extractor(plugins=False).extract(_w3m_page(), input_type="text")
    assert result.text.count(ITEMS[1]) == 1
