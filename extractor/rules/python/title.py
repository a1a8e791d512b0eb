"""The page's title shown again in the body (headline, sticky header)."""

from __future__ import annotations

from ...model import Document
from ...textutil import fold
from ..base import PRIORITY_METADATA, Example, Rule


class RepeatedTitle(Rule):
    code = "TTL001"
    name = "title-in-body"
    description = "Remove lines that repeat the page title (it is metadata, not body)."
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
        key = fold(title)
        for block in doc.kept:
            if fold(block.text) == key:
                doc.remove(block, self.code)
