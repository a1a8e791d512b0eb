"""Content selection on HTML pages: remove what the selection marked as not the body."""

from __future__ import annotations

from ...model import Comment, Document
from ...selection.select import KEEP_SCORE
from ..base import PRIORITY_EXTRACT, Example, Rule

_ARTICLE = (
    "<p>The bridge reopened on Monday after two years of repairs to its steel frame and deck.</p>"
    "<p>Engineers said the new deck would last at least fifty years with regular care and paint.</p>"
    "<p>The city will hold a small ceremony next week, and traffic is expected to return by spring.</p>"
)


def _page(inside: str = "", outside: str = "") -> str:
    return (
        "<html><head><title>Bridge reopens</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f'<div class="main"><article class="post"><h1>Bridge reopens</h1>{_ARTICLE}{inside}</article></div>'
        f"{outside}<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer></body></html>"
    )


class OutsideMainContent(Rule):
    code = "CNT001"
    name = "outside-main-content"
    description = "Remove blocks outside the page's main content container (menus, footers, sidebars)."
    priority = PRIORITY_EXTRACT + 1  # first, so line rules only judge the body's blocks
    examples = [
        Example(
            page=_page(),
            removed=["Copyright 2024 The Daily Example. All rights reserved."],
            kept=["Engineers said the new deck would last at least fifty years with regular care and paint."],
            html=True,
        ),
    ]

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.score is not None and block.score < KEEP_SCORE and block.role == "outside":
                doc.remove(block, self.code)


class CommentSection(Rule):
    code = "CNT002"
    name = "comment-section"
    description = "Move the page's comment section (class/id 'comments', 'disqus', ...) out of the body."
    priority = PRIORITY_EXTRACT
    examples = [
        Example(
            page=_page(
                inside='<section id="comments"><h3>2 comments</h3><ol class="comment-list">'
                '<li class="comment"><p>Great news for everyone who drives across it every single day.</p></li>'
                "</ol></section>"
            ),
            removed=["Great news for everyone who drives across it every single day."],
            kept=["The bridge reopened on Monday after two years of repairs to its steel frame and deck."],
            html=True,
        ),
    ]

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.role == "comments":
                if block.kept and block.kind != "heading":
                    doc.metadata.comments.append(Comment(author=None, date=None, text=block.text))
                doc.remove(block, self.code)


class BoilerplateRegion(Rule):
    code = "CNT003"
    name = "boilerplate-region"
    description = "Remove blocks in regions whose class/id say share, related, newsletter, sidebar, ... ."
    priority = PRIORITY_EXTRACT + 2
    examples = [
        Example(
            page=_page(
                inside='<div class="related-posts"><p>Read next: the ten longest bridges in the country, '
                "ranked by our readers</p></div>"
            ),
            removed=["Read next: the ten longest bridges in the country, ranked by our readers"],
            kept=["The city will hold a small ceremony next week, and traffic is expected to return by spring."],
            html=True,
        ),
    ]

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.role.startswith("boilerplate:"):
                doc.remove(block, self.code)
