"""Segment an lxml tree into paragraph-level blocks, in page order, without recursion.

Each block keeps the structure rules may use: kind, level, tag path, the class/id
tokens of its element and ancestors, and its link density. `segment` also returns
the element each block came from, for the content selection that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..model import Block

#: Elements whose content is never page text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "svg",
        "math",
        "head",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "source",
        "track",
        "select",
        "option",
        "optgroup",
        "textarea",
        "input",
        "map",
        "area",
        "dialog",
        "title",
        "meta",
        "link",
        "base",
        "rt",
        "rp",
    ]
)
#: Elements that start and end a paragraph-level unit.
BLOCK_TAGS = frozenset(
    [
        "html",
        "body",
        "main",
        "article",
        "section",
        "aside",
        "header",
        "footer",
        "nav",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "caption",
        "figure",
        "figcaption",
        "address",
        "hr",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
        "center",
        "menu",
        "hgroup",
    ]
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LISTS = frozenset({"ul", "ol", "menu"})
CELLS = frozenset({"td", "th"})
#: Tag path is kept to this many innermost tags.
PATH_DEPTH = 10
#: Class/id tokens are not taken from these (a body class names the page type, not a region).
NO_TOKEN_TAGS = frozenset({"html", "body"})
#: Skip class/id values longer than this (generated utility soup).
MAX_ATTR_CHARS = 300

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2028\u2029]+")
_ASCII_SPACE = " \t\n\r\f\v"
#: Invisible characters a browser does not show (soft hyphen, zero-width space/joiners, BOM).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPLIT = re.compile(r"[\s\-_:./]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
#: Spaces left side by side where inline elements meet ("Views <b>12</b> <i>Likes</i>").
_SPACE_RUN = re.compile(r" {2,}")
CELL_MARK = "\x1f"


@dataclass(slots=True)
class _Frame:
    el: etree._Element | None
    tag: str
    parent: _Frame | None
    in_link: bool
    in_pre: bool
    list_depth: int
    in_quote: bool = False
    known_tokens: frozenset[str] | None = None

    @property
    def tokens(self) -> frozenset[str]:
        """Class/id tokens of the element and its ancestors, worked out for the frames that own a block."""
        if self.known_tokens is None:
            chain: list[_Frame] = []
            frame: _Frame | None = self
            while frame is not None and frame.known_tokens is None:  # not recursive: trees can be deep
                chain.append(frame)
                frame = frame.parent
            inherited = frame.known_tokens if frame is not None else _NO_TOKENS
            for f in reversed(chain):
                own = class_tokens(f.el) if f.el is not None and f.tag not in NO_TOKEN_TAGS else None
                f.known_tokens = inherited = inherited | own if own else inherited
        return self.known_tokens


def class_tokens(el: etree._Element) -> frozenset[str]:
    """Lower-cased tokens of an element's class and id, split on -, _ and camelCase."""
    of_class, of_id = attr_tokens(el.get("class")), attr_tokens(el.get("id"))
    return of_class | of_id if of_class and of_id else of_class or of_id


def attr_tokens(value: str | None) -> frozenset[str]:
    """The tokens of one class or id value (none for a missing or overlong value)."""
    if not value or len(value) > MAX_ATTR_CHARS:
        return _NO_TOKENS
    return _value_tokens(value)


_NO_TOKENS: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)  # pages repeat the same class values on many elements
def _value_tokens(value: str) -> frozenset[str]:
    out = {word.lower() for word in value.split()}
    # _SPLIT splits on spaces too: the parts of every word at once
    out.update(part.lower() for part in _SPLIT.split(_CAMEL.sub(" ", value)) if part)
    return frozenset(out)


#: A <noscript> with more text than this is the page's content for non-JS readers, not a notice.
NOSCRIPT_CONTENT_CHARS = 500


def _skip_noscript(el: etree._Element) -> bool:
    return len(el.text_content()) < NOSCRIPT_CONTENT_CHARS


#: A <button> holding more text than this swallowed the page (an unclosed tag): read into it.
BUTTON_MAX_CHARS = 200


def _skip_button(el: etree._Element) -> bool:
    return len(el.text_content()) <= BUTTON_MAX_CHARS


def is_hidden(el: etree._Element) -> bool:
    """Hidden by attribute or inline style."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Segmenter:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.elements: list[etree._Element] = []
        self.texts: list[str] = []  # text of the block being read
        self.link_chars = 0  # how much of it is inside links
        self.stack: list[_Frame] = []  # open block-level frames (innermost last)

    def add(self, text: str, frame: _Frame) -> None:
        if frame.in_pre:
            text = text.translate(_INVISIBLE)
        elif text.isascii():  # no invisible characters; most often the spaces between tags
            text = _SPACE.sub(" ", text.replace("\n", " ")) if text.strip(_ASCII_SPACE) else " "
        else:
            text = _SPACE.sub(" ", text.translate(_INVISIBLE).replace("\n", " "))
        self.texts.append(text)
        if frame.in_link:
            self.link_chars += len(text.strip())

    def flush(self) -> None:
        if not self.texts:
            return
        owner = self.stack[-1] if self.stack else None
        raw, link = "".join(self.texts), self.link_chars
        self.texts, self.link_chars = [], 0
        if owner is None or owner.el is None or not raw.strip():
            return
        kind, level = _kind(owner)
        if kind == "table":
            cells = [c.strip() for c in raw.split(CELL_MARK)]
            raw = " | ".join(c for c in cells if c)
        else:
            raw = raw.replace(CELL_MARK, " ")
        path = "/".join([f.tag for f in self.stack[-PATH_DEPTH:]])
        total = max(len(raw.strip()), 1)
        pieces = [raw] if owner.in_pre else _BLANK_LINES.split(raw)
        for piece in pieces:
            if owner.in_pre:
                text = piece
            else:
                if "  " in piece:
                    piece = _SPACE_RUN.sub(" ", piece)
                if "\n" in piece:
                    text = "\n".join([ln.strip() for ln in piece.split("\n") if ln.strip()])
                else:
                    text = piece.strip()
            text = text.strip("\n")
            if not text.strip():
                continue
            self.blocks.append(
                Block(
                    index=len(self.blocks),
                    text=text,
                    kind=kind,
                    level=level,
                    path=path,
                    tokens=owner.tokens,
                    link_density=min(1.0, link / total),
                )
            )
            self.elements.append(owner.el)


def _kind(frame: _Frame) -> tuple[str, int]:
    tag = frame.tag
    if tag in HEADINGS:
        return "heading", HEADINGS[tag]
    if tag == "li":
        return "list_item", max(frame.list_depth, 1)
    if tag == "blockquote" or frame.in_quote:
        return "quote", 0
    if tag == "pre":
        return "code", 0
    if tag in ("figcaption", "caption"):
        return "caption", 0
    if tag == "tr":
        first = frame.el is not None and frame.el.getprevious() is None
        return "table", 1 if first else 0
    return "text", 0


def segment(root: etree._Element, show_hidden: bool = False) -> tuple[list[Block], list[etree._Element]]:
    """Blocks of the page under `root` and, in parallel, the element each came from.

    `show_hidden` reads hidden elements too (for pages that keep everything hidden
    until a script reveals it).
    """
    seg = _Segmenter()
    body = root.find("body")
    walk = etree.iterwalk(body if body is not None else root, events=("start", "end"))
    # the frame of each open element, None for one not read (its end event still comes)
    frames: list[_Frame | None] = [_Frame(None, "", None, False, False, 0, known_tokens=_NO_TOKENS)]
    for event, el in walk:
        if event == "end":
            frame = frames.pop()
            if frame is not None and seg.stack and seg.stack[-1] is frame:
                seg.flush()
                seg.stack.pop()
            tail = el.tail
            if tail:
                seg.add(tail, frames[-1])
            continue
        parent = frames[-1]
        tag = el.tag
        tag = tag.lower().rpartition("}")[2] if isinstance(tag, str) else ""
        if (
            not tag
            or tag in SKIP_TAGS
            or (not show_hidden and is_hidden(el))
            or (tag == "noscript" and _skip_noscript(el))
            or (tag == "button" and _skip_button(el))
        ):
            walk.skip_subtree()
            frames.append(None)
            continue
        if tag == "br":
            seg.texts.append("\n")
            walk.skip_subtree()
            frames.append(None)
            continue
        frame = _Frame(
            el,
            tag,
            parent,
            parent.in_link or tag == "a",
            parent.in_pre or tag == "pre",
            parent.list_depth + (tag in LISTS),
            parent.in_quote or tag == "blockquote",
        )
        frames.append(frame)
        if tag in BLOCK_TAGS:
            seg.flush()
            seg.stack.append(frame)
        elif tag in CELLS:
            seg.texts.append(CELL_MARK)
        text = el.text
        if text:
            seg.add(text, frame)
    seg.flush()
    return seg.blocks, seg.elements
