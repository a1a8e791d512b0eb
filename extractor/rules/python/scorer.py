"""The content scorer as a rule: remove what the pattern rules left that is not article."""

from __future__ import annotations

from ...content.features import densest_region
from ...content.scorer import page_language, score_blocks, threshold
from ...model import Document
from ..base import PRIORITY_SCORE, Example, Rule

#: Pages with fewer kept blocks than this are left alone (nothing to compare a block with).
MIN_BLOCKS = 3
#: Blocks scoring at most this much under the threshold are kept when kept blocks surround them.
NEAR_MARGIN = 0.15
#: When the scorer would remove more than this share of the page's text, and keeps no clear article
#: paragraph (STRONG_P, STRONG_WORDS), it removes only clear boilerplate (0.5 for the logistic scorer;
#: 0.4 with the tree scorer, on the whole dev split, keeps wcxb listings above keeping the whole text).
MAX_REMOVED_SHARE = 0.4
STRONG_P = 0.8
STRONG_WORDS = 40


def decide(probs: list[float], cut: float, margin: float = NEAR_MARGIN) -> list[bool]:
    """Keep blocks at or over `cut`, and near misses (within `margin`) that sit among kept blocks.

    A near miss is kept when the nearest clear decision on each side is a keep (the
    page's edge counts as neither): the last paragraph of an article, a caption
    between two paragraphs. Like jusText's near-good class.
    """
    n = len(probs)
    good = [p >= cut for p in probs]
    clear = [p >= cut or p < cut - margin for p in probs]
    before: list[bool | None] = [None] * n
    last: bool | None = None
    for i in range(n):
        before[i] = last
        if clear[i]:
            last = good[i]
    keep = list(good)
    last = None
    for i in range(n - 1, -1, -1):
        if not clear[i]:
            sides = (before[i], last)
            keep[i] = True in sides and False not in sides
        else:
            last = good[i]
    return keep


def choose(probs: list[float], sizes: list[float], favor: str, words: list[int] | None = None) -> list[bool]:
    """Which blocks to keep, given their probabilities, sizes (characters), words and the `favor` setting."""
    keep = decide(probs, threshold(favor))
    removed = sum(size for size, k in zip(sizes, keep, strict=True) if not k)
    words = words or [0] * len(probs)
    strong = any(k and p >= STRONG_P and w >= STRONG_WORDS for p, k, w in zip(probs, keep, words, strict=True))
    if removed > MAX_REMOVED_SHARE * sum(sizes) and not strong:
        # Most of the page is unlike an article and no paragraph clearly is one: a listing or a
        # collection, whose entries are the content. Remove only what is clearly boilerplate.
        keep = decide(probs, threshold("recall"))
    if not any(keep):  # never empty a page: fall back to its densest run of prose
        first, last = densest_region(probs, sizes)
        keep = [first <= i <= last for i in range(len(probs))] if last >= first else [True] * len(probs)
    return keep


class ContentScore(Rule):
    code = "SCR001"
    name = "content-score"
    description = (
        "Remove blocks the content scorer finds unlike the article (sentence shape, stop words, "
        "link shapes, distance from the densest run of prose); `--favor` sets how sure it must be. "
        "Raw text only: on HTML the structural selection (CNT) decides."
    )
    priority = PRIORITY_SCORE
    examples = [
        Example(
            page=(
                "Home\nNews\nSport\nWeather\nContact us\n\n"
                "Bridge reopens after two years of repairs\n\n"
                "The old river bridge reopened on Monday after two years of repairs to its steel frame, "
                "and the first buses crossed it shortly after dawn.\n\n"
                "Engineers said the new deck would last at least fifty years if it was inspected every spring, "
                "and that the cost had stayed within the budget the council set in 2022.\n\n"
                "Residents who had driven a long detour through the industrial estate said they were glad "
                "to have their short route back, though some complained about the new toll.\n\n"
                "Terms of use\nPrivacy policy\n\u00a9 2024 Example Media Group\n"
            ),
            removed=["Terms of use", "\u00a9 2024 Example Media Group"],
            kept=[
                "Bridge reopens after two years of repairs",
                "Residents who had driven a long detour through the industrial estate said they were glad "
                "to have their short route back, though some complained about the new toll.",
            ],
        ),
    ]

    def apply(self, doc: Document) -> None:
        if doc.source_type != "text":  # trained on raw text; on HTML it cost F1 (scrapinghub 0.958 -> 0.949)
            return
        kept = doc.kept
        if len(kept) < MIN_BLOCKS:
            return
        language = doc.metadata.language or page_language(kept)
        doc.metadata.language = language
        probs = score_blocks(kept, language)
        for block, p in zip(kept, probs, strict=True):
            block.score = p
        keep = choose(probs, [float(len(b.text)) for b in kept], doc.favor, [len(b.text.split()) for b in kept])
        for block, k in zip(kept, keep, strict=True):
            if not k:
                doc.remove(block, self.code)
