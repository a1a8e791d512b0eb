"""Text kept twice: a later block that only repeats what earlier kept blocks already say.

Pages often carry a second copy of the article: a hidden structured-data block with the
whole body as one paragraph, a mobile version, a print version. A renderer that ignores
CSS (a text browser) shows them all. The blocks differ (one paragraph against a list, a
different line split), so `DUP001`'s exact match misses them; word shingles find them.
"""

from __future__ import annotations

from collections import Counter

from ...model import Document
from ..base import PRIORITY_SCORE, Example, Rule

#: A block needs this many shingles to be judged (shorter repeats are left to `DUP001`).
MIN_SHINGLES = 8
#: Share of a block's shingles earlier kept blocks must already hold for it to be a copy.
MIN_COVERED = 0.8
#: A copy re-flows the text of at least this many earlier blocks (that showed this many new shingles
#: or more), each nearly whole (this share of those shingles): a block much like one other block is a listing's
#: templated entry or a deliberate repeat (one offer's terms for each region), not a copy of the page.
MIN_SOURCES = 3
MIN_SOURCE_SHINGLES = 3
MIN_ABSORBED = 0.8


def _shingles(words: list[str]) -> set[int]:
    """The word 4-grams (shingles) of a block's lower-cased words, as hashes.

    Hashes, not tuples: sets of ints give the garbage collector nothing to track (tuples made it
    run often enough to cost more than the rule itself).
    """
    return set(map(hash, zip(words, words[1:], words[2:], words[3:], strict=False)))


class RepeatedText(Rule):
    code = "DUP002"
    name = "repeated-text"
    description = (
        "Remove a kept block whose words earlier kept blocks already say (a second copy of the article: "
        "hidden structured data, a mobile or print version), after the content scorer has decided."
    )
    priority = PRIORITY_SCORE + 5
    examples = [
        Example(
            page=(
                "Bridge reopens after repairs\n\n"
                "The old river bridge reopened on Monday after two years of repairs to its steel frame.\n"
                "Engineers said the new deck would last at least fifty years if it was inspected every spring.\n\n"
                "Residents said they were glad to have their short route back after the long detour.\n\n"
                "The old river bridge reopened on Monday after two years of repairs to its steel frame. "
                "Engineers said the new deck would last at least fifty years if it was inspected every spring. "
                "Residents said they were glad to have their short route back after the long detour.\n"
            ),
            removed=[
                "The old river bridge reopened on Monday after two years of repairs to its steel frame. "
                "Engineers said the new deck would last at least fifty years if it was inspected every spring. "
                "Residents said they were glad to have their short route back after the long detour."
            ],
            kept=[
                "The old river bridge reopened on Monday after two years of repairs to its steel frame.",
                "Residents said they were glad to have their short route back after the long detour.",
            ],
        ),
        Example(
            page=(
                "The council voted on Monday to close the old river bridge for two years of repairs.\n\n"
                "The council voted on Monday to close the old river bridge for two years of repairs, "
                "and to open a ferry for cyclists and walkers while the work goes on, at no charge to them.\n"
            ),
            kept=[
                "The council voted on Monday to close the old river bridge for two years of repairs, "
                "and to open a ferry for cyclists and walkers while the work goes on, at no charge to them."
            ],
        ),
    ]

    def apply(self, doc: Document) -> None:
        if doc.source_type == "html":
            return  # HTML content selection already chose one copy of the page's body
        kept = doc.kept
        if len(kept) <= MIN_SOURCES:
            return
        words = [b.text.lower().split() for b in kept]
        owner: dict[int, int] = {}  # each shingle's first kept block (filled only when needed)
        owned: list[int] = []  # how many shingles each kept block was first to show
        seen_words: set[str] = set()
        for i, block in enumerate(kept):
            if len(words[i]) >= MIN_SHINGLES + 3 and i >= MIN_SOURCES:
                distinct = set(words[i])
                # A cheap necessary test first: a copy's words were nearly all seen before.
                if len(distinct & seen_words) >= MIN_COVERED * len(distinct):
                    for j in range(len(owned), i):  # catch the shingle owners up to this block
                        owned.append(_own(owner, _shingles(words[j]), j))
                    here = _shingles(words[i])
                    seen = [s for s in here if s in owner]
                    if len(seen) >= MIN_COVERED * len(here) and _absorbed(seen, owner, owned) >= MIN_SOURCES:
                        doc.remove(block, self.code)
                        owned.append(0)
                        continue
                    owned.append(_own(owner, here, i))
            seen_words.update(words[i])


def _own(owner: dict[int, int], shingles: set[int], i: int) -> int:
    """Record block `i` as the owner of its shingles not shown before; how many those are."""
    new = [s for s in shingles if s not in owner]
    owner.update(dict.fromkeys(new, i))
    return len(new)


def _absorbed(seen: list[int], owner: dict[int, int], owned: list[int]) -> int:
    """How many earlier blocks a block holds nearly whole (`seen`: its shingles shown before), counting
    only the shingles each was first to show.

    A block that repeated earlier text (another region's copy of the same terms) showed little of its
    own, so it does not count as a source again.
    """
    held = Counter(map(owner.__getitem__, seen))
    return sum(1 for j, n in held.items() if owned[j] >= MIN_SOURCE_SHINGLES and n >= MIN_ABSORBED * owned[j])
