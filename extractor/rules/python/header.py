"""Everything above the headline: site header, menus and banners."""

from __future__ import annotations

from ...metadata.text import is_prose
from ...model import Document
from ...textutil import fold
from ..base import PRIORITY_METADATA, Example, Rule

#: The headline must come within this share of the page's text for the rule to act.
MAX_TITLE_POSITION = 0.4


class BeforeTitle(Rule):
    code = "HDR001"
    name = "before-title"
    description = "Remove the blocks above the page's headline (site header, menus, app banners)."
    priority = PRIORITY_METADATA + 1  # needs the title; before TTL001 removes it
    examples = [
        Example(
            page=(
                "Example News\nSubscribe\nWorld | Business | Sport\n\n"
                "City Opens New Bridge After Two Years Of Repairs\n\n"
                "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
                "Engineers said the new deck would last at least fifty years with regular care.\n\n"
                "Officials thanked residents for their patience during the long closure of the route.\n"
            ),
            removed=["Example News", "World | Business | Sport"],
            kept=["The bridge reopened on Monday after two years of repairs to its steel frame."],
        ),
    ]

    def apply(self, doc: Document) -> None:
        title = doc.metadata.title
        if not title or doc.source_type != "text":
            return
        key = fold(title)
        kept = doc.kept
        for i, block in enumerate(kept):
            if fold(block.text) == key:
                before = sum(len(b.text) for b in kept[:i])
                prose = sum(is_prose(b) for b in kept[:i])
                if prose < 2 and before <= MAX_TITLE_POSITION * sum(len(b.text) for b in kept):
                    for before in kept[:i]:
                        doc.remove(before, self.code)
                return
