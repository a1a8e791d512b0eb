"""Navigation menus: runs of short link-like lines with no sentence in them."""

from __future__ import annotations

import re

from ...model import Block, Document
from ...textutil import word_count
from ..base import PRIORITY_STRUCTURE, Example, Rule

#: A menu item has at most this many words.
ITEM_MAX_WORDS = 4
#: This many menu-like lines in a row make a menu.
MIN_RUN = 5
#: A run must still have this many kept blocks to be removed.
MIN_KEPT = 2
_SENTENCE_END = re.compile(r"[.!?:;,\u3002\u201d\"')]$")


#: On HTML pages a menu item is mostly link text.
HTML_MIN_LINK_DENSITY = 0.5


def _menu_like(block: Block, html: bool = False) -> bool:
    if html and block.link_density < HTML_MIN_LINK_DENSITY:
        return False
    text = block.text
    # The length test first: it settles most blocks without counting words.
    return len(text) <= 40 and word_count(text) <= ITEM_MAX_WORDS and not _SENTENCE_END.search(text)


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
        Example(
            page=(
                "首页\n新闻\n体育\n天气\n联系我们\n老河桥维修两年后重新开放\n\n"
                "市政府周一宣布，经过两年的维修，老河桥重新开放。第一批公共汽车在黎明后不久就从桥上驶过。\n"
            ),
            removed=["首页", "联系我们"],
            kept=["老河桥维修两年后重新开放"],  # a CJK headline: twelve characters are about six words
        ),
    ]

    def apply(self, doc: Document) -> None:
        # Menu-like blocks an earlier rule removed ("Home", "Search") still belong to their menu;
        # other removed blocks are invisible here, as if the page never had them.
        html = doc.source_type == "html"
        blocks = [b for b in doc.blocks if b.kept or _menu_like(b, html)]
        last_kept: Block | None = None  # the kept block before position i
        i = 0
        while i < len(blocks):
            j = i
            while j < len(blocks) and (not blocks[j].kept or _menu_like(blocks[j], html)):
                j += 1
            run = [b for b in blocks[i:j] if b.kept]
            introduced = last_kept is not None and last_kept.text.rstrip().endswith(":")
            if j - i >= MIN_RUN and len(run) >= MIN_KEPT and not introduced:
                for block in run:
                    doc.remove(block, self.code)
            for b in blocks[i : max(j, i + 1)]:
                if b.kept:
                    last_kept = b
            i = max(j, i + 1)
