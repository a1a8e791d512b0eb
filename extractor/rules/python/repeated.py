"""Blocks the page shows more than once: sticky headers, duplicated widgets."""

from __future__ import annotations

from ...model import Document
from ..base import PRIORITY_STRUCTURE, Example, Rule

#: A repeated block this long is a copy on its own; shorter ones only inside a repeated run.
MIN_WORDS_ALONE = 6
#: Consecutive repeated short blocks that make a repeated run.
MIN_RUN = 2


class RepeatedBlocks(Rule):
    code = "DUP001"
    name = "repeated-block"
    description = "Remove a later copy of a block already shown on the page (long blocks, or runs of short ones)."
    priority = PRIORITY_STRUCTURE
    examples = [
        Example(
            page=(
                "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
                "Engineers said the new deck would last at least fifty years with regular care.\n\n"
                "About the author\n"
                "Sam Reed writes about transport and cities for the paper.\n\n"
                "About the author\n"
                "Sam Reed writes about transport and cities for the paper.\n"
            ),
            removed=["About the author", "Sam Reed writes about transport and cities for the paper."],
            kept=["Engineers said the new deck would last at least fifty years with regular care."],
        ),
        Example(
            page="Step one\n\nMix the flour and the water.\n\nStep two\n\nKnead for ten minutes.\n",
            kept=["Step one", "Step two"],
        ),
    ]

    def apply(self, doc: Document) -> None:
        if doc.source_type == "html":
            return  # HTML content selection already judged repeats by position; body text may repeat
        kept = doc.kept
        keys = [b.key for b in kept]
        first_seen: dict[str, int] = {}
        repeat = [False] * len(kept)
        for i, key in enumerate(keys):
            if key and key in first_seen:
                repeat[i] = True
            else:
                first_seen.setdefault(key, i)
        runs = _run_lengths(repeat)
        for i, block in enumerate(kept):
            if not repeat[i]:
                continue
            long_enough = len(block.text.split()) >= MIN_WORDS_ALONE
            if long_enough or runs[i] >= MIN_RUN:
                doc.remove(block, self.code)


def _run_lengths(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of True values containing it (0 for False); linear time."""
    lengths = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        lengths[i:j] = [j - i] * (j - i)
        i = j
    return lengths
