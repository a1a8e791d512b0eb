"""Metadata found in raw page text: title, author, site name, date.

Only what the text states is reported; a field without evidence stays None.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..model import Block, Document
from .dates import find_date

#: How far into the page a title, byline or date may be.
HEAD_BLOCKS = 80
#: A headline has this many words.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
#: A paragraph of prose: the article has started once one of these is seen.
PROSE_MIN_WORDS = 12

_NAME_WORD = r"[A-Z\u00c0-\u024f][\w.'\u2019-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:van|von|de|da|del|der|di|la|le|bin|al|ibn)\s+)?{_NAME_WORD}){{1,3}}"
_BYLINE = re.compile(
    rf"^(?:by|written by|words by|author|posted by|reporting by|story by)\s*[:\-]?\s*(?P<names>{_NAME}"
    # "and" needs spaces around it: glued to a name it would let a word split many ways (exponential).
    rf"(?:(?:\s*[,&]\s*|\s+and\s+){_NAME})*)\s*(?:[,|\u2022\u00b7\-\u2013\u2014].*)?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f][\"\u201d\u2019')\]]*$")
_ROLE_WORDS = (
    r"author|writer|editor|reporter|journalist|correspondent|contributor|columnist|staff|"
    r"producer|freelancer?|critic|analyst|blogger|intern|founder|editor-in-chief"
)
#: A line describing a person's role in an author box ("Author, BoredPanda staff", "Senior Writer").
ROLE_LINE = re.compile(rf"^(?:[\w'\u2019-]+\s+){{0,3}}(?:{_ROLE_WORDS})\b[\w\s,&'\u2019.-]{{0,60}}$", re.I)

_SITE_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^(?:related|trending|popular|more|also|latest|top stories|recommended) (?:on|from|at) (?:the )?(?P<site>.{2,40}?)$",
        r"^(?P<site>.{2,40}?) works better (?:on|in) (?:our|the) (?:\w+ )?app\b",
        r"^the (?P<site>.{2,40}?) (?:ios |android |iphone |mobile )?app is (?:live|here|out|available)\b",
        r"^(?:\u00a9|copyright|\(c\))\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?\s*)?(?P<site>[^.,|\u2022]{2,40}?)(?:[.,|\u2022]|\s+all rights|$)",
        r"^(?:subscribe to|follow) (?P<site>[A-Z][\w'\u2019 ]{1,30}?) on (?:facebook|twitter|x|instagram|youtube)",
    )
]
#: Every site pattern needs one of these (a cheap test that rules out most lines).
_SITE_HINT = re.compile(
    r"^(?:related|trending|popular|more|also|latest|top stories|recommended|the |\u00a9|copyright|\(c\)|"
    r"subscribe to|follow)|works better",
    re.I,
)


def _words(text: str) -> int:
    return len(text.split())


def _at_least(text: str, n: int) -> bool:
    """Whether `text` has at least `n` words (splitting no further than needed)."""
    return len(text.split(None, n)) >= n


def is_prose(block: Block) -> bool:
    return _at_least(block.text, PROSE_MIN_WORDS) and bool(_SENTENCE_END.search(block.text))


def _headline_like(text: str) -> bool:
    n = _words(text)
    if not TITLE_MIN_WORDS <= n <= TITLE_MAX_WORDS or text.endswith((".", ",", ":", ";")):
        return False
    return any(ch.isalpha() for ch in text) and not _BYLINE.match(text) and find_date([text]) is None


def _title_case_share(text: str) -> float:
    words = [w for w in text.split() if len(w) >= 4 and w[0].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


#: Blocks after a headline candidate that are searched for the article's prose.
TITLE_WINDOW = 10
_LABEL = re.compile(r"^[A-Z][\w ]{0,20}:\s")


def find_title(blocks: list[Block]) -> str | None:
    """The headline: a headline-like line in the head of the page, best placed before the prose.

    Evidence, added up: article paragraphs soon after it (nearer counts more), a
    byline or date right below it, being shown twice (sticky headers repeat the
    headline), a headline's length, title case; a "Label: ..." line counts less.
    """
    head = blocks[:HEAD_BLOCKS]
    counts = Counter(b.text for b in blocks)
    best, best_score = None, 0.0
    prose_before = 0
    prose: list[bool | None] = [None] * len(head)  # `is_prose` of each head block, once computed

    def prose_at(k: int) -> bool:
        flag = prose[k]
        if flag is None:
            flag = prose[k] = is_prose(head[k])
        return flag

    for i, block in enumerate(head):
        if prose_at(i):
            prose_before += 1
        if prose_before >= 2:  # the article has begun: its headline was above
            break
        if not _headline_like(block.text):
            continue
        window = head[i + 1 : i + 1 + TITLE_WINDOW]
        following = sum(1 / (1 + 0.25 * k) for k in range(len(window)) if prose_at(i + 1 + k))
        repeated = counts[block.text] > 1
        if not following and not repeated:
            continue
        byline = any(_BYLINE.match(b.text) or find_date([b.text]) for b in window[:3])
        score = (
            following
            + 2 * repeated
            + byline
            + (6 <= _words(block.text) <= 20)
            + _title_case_share(block.text)
            - 1.5 * bool(_LABEL.match(block.text))
        )
        if score > best_score:
            best, best_score = block.text, score
    return best


def find_authors(blocks: list[Block]) -> list[str]:
    """Names from a byline near the top, or from an author box (name line + role line)."""
    for block in blocks[:HEAD_BLOCKS]:
        m = _BYLINE.match(block.text)
        if m:
            return _split_names(m.group("names"))
    for prev, block in pairwise(blocks):
        if ROLE_LINE.match(block.text) and re.fullmatch(_NAME, prev.text):
            return [prev.text]
    return []


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*(?:,|&|\band\b)\s*", names) if n.strip()]


def find_site_name(blocks: list[Block]) -> str | None:
    """The site's name where the page says it (\"Related on X\", \"\u00a9 2024 X\", app banners)."""
    votes: Counter[str] = Counter()
    for block in blocks:
        if _at_least(block.text, 13):  # over 12 words
            continue
        text = block.text.strip()
        if not _SITE_HINT.search(text):
            continue
        for pattern in _SITE_PATTERNS:
            m = pattern.match(text)
            if m:
                site = m.group("site").strip(" .,:;-\u2013\u2014")
                if site and _words(site) <= 5:
                    votes[site] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _before_prose(blocks: list[Block], after: int = 3) -> list[Block]:
    """The head of the page down to a few blocks into the article (dates below are comments')."""
    for i, block in enumerate(blocks[:HEAD_BLOCKS]):
        if is_prose(block):
            return blocks[: i + after]
    return blocks[:HEAD_BLOCKS]


def text_metadata(doc: Document) -> None:
    """Fill title, author(s), site name and date from the blocks of a raw-text page.

    Runs between the pattern rules and the structural ones: the title is searched
    among the blocks still kept, names and dates among all (author boxes and app
    banners are removed early but still tell who wrote the page and where it is).
    """
    md = doc.metadata
    blocks = doc.blocks
    md.title = md.title or find_title(doc.kept)  # pattern rules have cleared UI labels by now
    if not md.authors:
        md.authors = find_authors(blocks)
        md.author = md.author or (md.authors[0] if md.authors else None)
    md.site_name = md.site_name or find_site_name(blocks)
    md.date = md.date or find_date([b.text for b in _before_prose(blocks)])
