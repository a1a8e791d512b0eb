"""Author boxes: the author's name, role and biography shown after (or beside) the article."""

from __future__ import annotations

import re

from ...metadata.text import ROLE_LINE
from ...model import Block, Document
from ...textutil import fold
from ..base import PRIORITY_METADATA, Example, Rule

#: Blocks after the name line that may still belong to the author box.
BOX_REACH = 4
_TOGGLE = re.compile(r"^(?:read|show|see) (?:more|less)\b\W*$", re.I)
_SELF = re.compile(
    r"\b(?:I|I'm|I\u2019m|my|me)\b.*\b(?:writ\w*|journalis\w*|report\w*|edit\w*|cover\w*|author)\b"
    r"|\b(?:writ\w*|journalis\w*|report\w*|edit\w*|cover\w*|author)\b.*\b(?:I|I'm|I\u2019m|my|me)\b",
    re.I,
)


def _is_bio(block: Block, names: list[str]) -> bool:
    text = block.text
    if any(text.startswith(n) or text.startswith(n.split()[0] + " ") for n in names):
        return len(text.split()) >= 8
    return bool(_SELF.search(text))


class AuthorBox(Rule):
    code = "BIO001"
    name = "author-box"
    description = "Remove the author box: a line with the author's name, its role line, bio and toggles."
    priority = PRIORITY_METADATA + 3
    examples = [
        Example(
            page=(
                "By Dana Kim\n\n"
                "The museum will reopen its east wing in May after a two-year restoration project.\n\n"
                "Curators said the collection would be shown in a new order, by region rather than by period.\n\n"
                "Dana Kim\n"
                "Senior Writer\n\n"
                "Dana Kim covers arts and culture and has written for the paper since 2015.\n"
            ),
            removed=[
                "Dana Kim",
                "Senior Writer",
                "Dana Kim covers arts and culture and has written for the paper since 2015.",
            ],
            kept=["Curators said the collection would be shown in a new order, by region rather than by period."],
        ),
    ]

    def apply(self, doc: Document) -> None:
        names = [n for n in doc.metadata.authors or ([doc.metadata.author] if doc.metadata.author else []) if n]
        keys = {fold(n) for n in names}
        keys |= {fold("by " + n) for n in names} | {fold("about " + n) for n in names}
        if not keys:
            return
        kept = doc.kept
        for i, block in enumerate(kept):
            if fold(block.text) not in keys:
                continue
            doc.remove(block, self.code)
            for nxt in kept[i + 1 : i + 1 + BOX_REACH]:
                if (
                    fold(nxt.text) in keys
                    or ROLE_LINE.match(nxt.text)
                    or _TOGGLE.match(nxt.text)
                    or _is_bio(nxt, names)
                ):
                    doc.remove(nxt, self.code)
                else:
                    break
