"""Navigation menus: runs of short link-like lines with no sentence in them."""

from __future__ import annotations

import re

from ...model import Block, Document
from ..base import PRIORITY_STRUCTURE, Example, Rule

#: A menu item has at most this many words.
ITEM_MAX_WORDS = 4
#: This many menu-like lines in a row make a menu.
MIN_RUN = 5
_SENTENCE_END = re.compile(r"[.!?:;,\u3002\u201d\"')]$")


#: On HTML pages a menu item is mostly link text.
HTML_MIN_LINK_DENSITY = 0.5


def _menu_like(block: Block, html: bool = False) -> bool:
    if html and block.link_density < HTML_MIN_LINK_DENSITY:
        return False
    text = block.text
    return len(text.split()) <= ITEM_MAX_WORDS and len(text) <= 40 and not _SENTENCE_END.search(text)


class MenuRun(Rule):
    code = "NAV001"
    name = "menu-run"
    description = "Remove runs of five or more short, unpunctuated lines (menus, link lists, tag clouds)."
    priority = PRIORITY_STRUCTURE + 5
    examples = [
        Example(
            page=(
                "Home\nWorld\nBusiness\nTechnology\nScience\nSport\n\n"
                "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
                "Engineers said the new deck would last at least fifty years with regular care.\n"
            ),
            removed=["Home", "World", "Technology", "Sport"],
            kept=["The bridge reopened on Monday after two years of repairs to its steel frame."],
        ),
        Example(
            page=(
                "You will need the following:\n\n"
                "2 cups flour\n1 cup water\n1 tsp salt\n1 tsp yeast\n2 tbsp olive oil\n\n"
                "Mix everything in a large bowl and leave it to rise for two hours in a warm place.\n"
            ),
            kept=["2 cups flour", "1 tsp yeast"],
        ),
    ]

    def apply(self, doc: Document) -> None:
        kept = doc.kept
        html = doc.source_type == "html"
        i = 0
        while i < len(kept):
            j = i
            while j < len(kept) and _menu_like(kept[j], html):
                j += 1
            introduced = i > 0 and kept[i - 1].text.rstrip().endswith(":")
            if j - i >= MIN_RUN and not introduced:
                for block in kept[i:j]:
                    doc.remove(block, self.code)
            i = max(j, i + 1)
