"""The page's title shown again in the body (headline, sticky header)."""

from __future__ import annotations

from ...model import Document
from ...textutil import fold
from ..base import PRIORITY_METADATA, Example, Rule

_PLAIN_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


class RepeatedTitle(Rule):
    code = "TTL001"
    name = "title-in-body"
    description = "Remove lines that repeat the page title (it is metadata, not body), unless nothing else is left."
    priority = PRIORITY_METADATA + 2
    examples = [
        Example(
            page=(
                "City Opens New Bridge After Two Years Of Repairs\n\n"
                "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
                "City Opens New Bridge After Two Years Of Repairs\n\n"
                "Engineers said the new deck would last at least fifty years with regular care.\n"
            ),
            removed=["City Opens New Bridge After Two Years Of Repairs"],
            kept=["The bridge reopened on Monday after two years of repairs to its steel frame."],
        ),
    ]

    def apply(self, doc: Document) -> None:
        title = doc.metadata.title
        if not title:
            return
        key = fold(title).translate(_PLAIN_QUOTES)
        kept = doc.kept
        # the title may write its quotes plainly where the page curls them ("Here's" for "Here\u2019s")
        repeats = [block for block in kept if block.key.translate(_PLAIN_QUOTES) == key]
        if len(repeats) == len(kept):
            return  # the title is all the body has left: keep it rather than return nothing
        for block in repeats:
            doc.remove(block, self.code)
