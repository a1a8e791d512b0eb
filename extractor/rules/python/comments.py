"""Comment threads: move them out of the body into `metadata.comments`."""

from __future__ import annotations

import re
from functools import lru_cache

from ...metadata.dates import parse_date
from ...model import Block, Comment, Document
from ...textutil import fold
from ..base import PRIORITY_EXTRACT, Example, Rule

_RELATIVE = (
    r"(?:\d+|an?|one)\s*(?:s|sec|second|m|min|minute|h|hr|hour|d|day|w|wk|week|mo|month|y|yr|year)s?\s+ago"
    r"|yesterday|just now|today"
)
_ABSOLUTE = r"(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
#: A comment's date line: "2 months ago", "March 3, 2024 at 5:32 pm", "Reply · 3h ago".
DATE_LINE = re.compile(
    # No two unbounded `\s*` may be adjacent: on a long run of spaces that backtracks in cubic time.
    rf"^(?:posted\s+|on\s+)?(?P<date>(?:{_RELATIVE})|{_ABSOLUTE}(?:(?:\s*(?:at|,|-|\u2013))?\s*\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?)?)"
    r"(?:\s*(?:[|\u00b7\u2022-]|edited).*)?$",
    re.I,
)
#: A commenter's role badge between name and date.
ROLE_BADGE = re.compile(
    r"^(?:community member|member|guest|subscriber|reader|verified(?: \w+)?|top commenter|author|moderator|"
    r"staff|admin|pro|premium member|new member|[\w ]{0,20}\bbadge)$",
    re.I,
)
_SAYS = re.compile(r"^(?P<author>[^\s].{0,40}?)\s+(?:says|said|wrote|replied)\s*:?$", re.I)
#: Buttons and links inside a comment thread.
CONTROLS = frozenset(
    fold(s)
    for s in (
        "Reply",
        "Replies",
        "Like",
        "Likes",
        "Report",
        "Share",
        "Flag",
        "Edit",
        "Delete",
        "Upvote",
        "Downvote",
        "Load More Replies...",
        "Load More Comments",
        "Load more",
        "Show more replies",
        "View replies",
        "Hide replies",
        "See more",
        "Show more comments",
        "View more comments",
        "Read more",
        "Collapse",
        "Add photo comments",
        "POST",
        "Submit",
        "Cancel",
        "Post comment",
        "Log in to reply",
        "Sign in to comment",
        "Report abuse",
        "Permalink",
        "Follow",
        "Vote",
        "Newest",
        "Oldest",
        "Best",
        "Top",
        "Sort by",
    )
)
#: Headings that open a comment section.
SECTION_MARKERS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|what do you think\s*\??|leave a (?:comment|reply)|"
    r"join the (?:discussion|conversation)|(?:add|post|write) a comment|reader comments|show comments|"
    r"discussion|\d+\s+thoughts? on .*|conversation)\s*[:?!]?$",
    re.I,
)
#: How far before the first comment a section marker may be.
MARKER_REACH = 6
#: A commenter's name has at most this many characters.
NAME_MAX_CHARS = 40
#: No comment header line ("Name", "Name says:") is longer than this.
HEADER_MAX_CHARS = 64


#: Every `DATE_LINE` match holds one of these (a digit, or a word of the relative dates).
_DATE_HINT = re.compile(r"\d|ago|yesterday|just now|today", re.I)


@lru_cache(maxsize=4096)
def _date_shown(text: str) -> str | None:
    """The date a comment's date line shows (`DATE_LINE`'s `date` group), or None."""
    if not _DATE_HINT.search(text):  # cheap: most lines have no digit and no relative-date word
        return None
    date = DATE_LINE.match(text)
    return date.group("date") if date else None


def _name_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 5
        and len(text) <= NAME_MAX_CHARS
        and not text.endswith((".", "!", "?", ":", ","))
        and fold(text) not in CONTROLS
        and _date_shown(text) is None
        and any(ch.isalpha() for ch in text)
    )


def _header(kept: list[Block], i: int) -> tuple[int, str, str | None] | None:
    """If a comment header starts at `i`, return (lines it spans, author, date shown)."""
    text = kept[i].text
    if len(text) > HEADER_MAX_CHARS:  # neither a name nor "Name says:": skip the patterns
        return None
    said = _SAYS.match(text)
    if said:
        nxt = kept[i + 1].text if i + 1 < len(kept) else ""
        date = _date_shown(nxt)
        return (2, said.group("author"), date) if date is not None else (1, said.group("author"), None)
    if i + 1 >= len(kept):
        return None
    j = i + 1
    if ROLE_BADGE.match(kept[j].text) and j + 1 < len(kept):
        j += 1
    date = _date_shown(kept[j].text)  # checked before the name: it rules out most lines more cheaply
    if date is None or not _name_like(text):
        return None
    return j - i + 1, text, date


class CommentThread(Rule):
    code = "CMT001"
    name = "comment-thread"
    description = "Move a comment thread (name, date, text) into metadata.comments and out of the body."
    priority = PRIORITY_EXTRACT
    examples = [
        Example(
            page=(
                "The council approved the new budget on Tuesday after a long debate about the library.\n\n"
                "Residents will see the changes take effect from the start of next year, officials said.\n\n"
                "12 Comments\n"
                "Maria Lopez\n"
                "2 days ago\n\n"
                "Finally some money for the library. About time.\n\n"
                "Reply\n"
                "tom_h\n"
                "Community Member\n"
                "March 3, 2024 at 5:32 pm\n\n"
                "I would rather they fixed the roads first.\n"
            ),
            removed=["12 Comments", "Maria Lopez", "Finally some money for the library. About time.", "Reply", "tom_h"],
            kept=["Residents will see the changes take effect from the start of next year, officials said."],
        ),
        Example(
            page=(
                "By Jane Smith\n"
                "March 3, 2024\n\n"
                "The council approved the new budget on Tuesday after a long debate about the library.\n"
            ),
            kept=["By Jane Smith", "March 3, 2024"],
        ),
    ]

    def apply(self, doc: Document) -> None:
        kept = doc.kept
        parsed: _Parsed = {}
        prose_seen = False
        i = 0
        while i < len(kept):
            header = _header(kept, i)
            if header is None:
                prose_seen = prose_seen or len(kept[i].text.split()) >= 12
                i += 1
                continue
            start = self._section_start(kept, i)
            comments, end = self._parse(kept, i, parsed)
            # A lone name + date near the top is a byline: a thread needs a marker or two comments after prose.
            if comments and (start < i or (len(comments) >= 2 and prose_seen)):
                for block in kept[start:end]:
                    doc.remove(block, self.code)
                seen = {(c.author, c.text) for c in doc.metadata.comments}
                for c in comments:
                    if (c.author, c.text) not in seen:
                        seen.add((c.author, c.text))
                        doc.metadata.comments.append(c)
                i = end
            else:
                i += 1

    @staticmethod
    def _section_start(kept: list[Block], first: int) -> int:
        for k in range(first - 1, max(-1, first - 1 - MARKER_REACH), -1):
            if SECTION_MARKERS.match(kept[k].text.strip()):
                return k
            if len(kept[k].text.split()) > 12:  # prose: no marker in reach
                break
        return first

    @staticmethod
    def _parse(kept: list[Block], i: int, parsed: _Parsed) -> tuple[list[Comment], int]:
        """Read consecutive comments from `i`; return them and the index after the thread.

        Parsing from a comment's header gives the rest of the thread, whatever came before,
        so every header's outcome is kept in `parsed`: a thread that is not taken (a byline,
        say) is not parsed again from each of its comments, which would take quadratic time.
        """
        comments: list[Comment] = []
        starts: list[tuple[int, int]] = []  # (header index, comments before it)
        while i < len(kept):
            if i in parsed:
                rest, first, i = parsed[i]
                comments.extend(rest[first:])
                break
            header = _header(kept, i)
            if header is None:
                if kept[i].key in CONTROLS or SECTION_MARKERS.match(kept[i].text.strip()):
                    i += 1
                    continue
                break
            span, author, shown = header
            starts.append((i, len(comments)))
            i += span
            lines: list[str] = []
            while i < len(kept) and _header(kept, i) is None and kept[i].key not in CONTROLS:
                text = kept[i].text
                if lines and len(text.split()) <= 6 and not text.endswith((".", "!", "?", ")", "\u201d", '"')):
                    break  # a heading after the comment: the thread is over
                lines.append(text)
                i += 1
            if lines:
                date = parse_date(shown) if shown else None
                comments.append(Comment(author=author, date=date or shown, text="\n".join(lines)))
        for start, before in starts:
            parsed[start] = (comments, before, i)
        return comments, i


#: Thread parses by header index: (comments list, index of the first from there, end).
_Parsed = dict[int, tuple[list[Comment], int, int]]
