"""The document model: ordered blocks, metadata, and the log of what was removed.

Data flows one way: a reader turns input into a `Document` of `Block`s, rules mark
blocks removed (each removal carries the code of the rule that made it), and the
writer assembles the kept blocks into text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .textutil import fold

#: Block kinds a reader may assign. Raw text gives only "text"; HTML gives the rest.
BLOCK_KINDS = ("text", "heading", "list_item", "quote", "caption", "table", "code", "figure")


@dataclass(slots=True)
class Block:
    """One paragraph- or line-sized unit of the page, in page order."""

    index: int
    text: str
    start: int = 0  # offset of the block in the reader's normalised source
    end: int = 0
    kind: str = "text"
    level: int = 0  # heading level (1-6) for headings, nesting depth for list items
    gap_before: bool = True  # a paragraph break (blank line) precedes the block
    indent: int = 0  # leading spaces in the raw text (informative only)
    # Structure, filled by the HTML reader; empty for raw text.
    path: str = ""  # tag path, e.g. "body/div/article/p"
    tokens: frozenset[str] = frozenset()  # class/id tokens of the element and its ancestors
    link_density: float = 0.0  # share of the block's characters inside links
    # Set by rules.
    removed_by: str | None = None
    score: float | None = None  # content score, when a scorer ran
    role: str = ""  # what content selection (HTML) saw: "main", "comments", "boilerplate:<token>", ...

    _key: str | None = None  # cached compare form of `text` (see `key`)

    @property
    def kept(self) -> bool:
        return self.removed_by is None

    @property
    def key(self) -> str:
        """The block's text folded for comparison (case, spaces, edge punctuation)."""
        if self._key is None:
            self._key = fold(self.text)
        return self._key


@dataclass(slots=True)
class Removal:
    """A removed block (or a trimmed piece of one) and the rule that removed it."""

    code: str
    text: str
    index: int  # index of the block it came from
    partial: bool = False  # True when only part of the block's text was trimmed


@dataclass(slots=True)
class Comment:
    author: str | None
    date: str | None  # ISO date when absolute; otherwise the text shown ("2 months ago")
    text: str


@dataclass(slots=True)
class Metadata:
    """Page metadata. Absent fields are None (or empty lists), never guessed."""

    title: str | None = None
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or full timestamp)
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    language: str | None = None
    image: str | None = None
    tags: list[str] = field(default_factory=list)
    word_count: int = 0
    comments: list[Comment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """A page being cleaned: its blocks, metadata and removal log."""

    blocks: list[Block]
    metadata: Metadata = field(default_factory=Metadata)
    source_type: str = "text"  # "text" or "html"
    trims: list[Removal] = field(default_factory=list)
    favor: str = "balanced"  # precision | balanced | recall: how sure the content scorer must be to remove

    @property
    def kept(self) -> list[Block]:
        return [b for b in self.blocks if b.removed_by is None]

    def remove(self, block: Block, code: str) -> None:
        """Mark `block` removed by rule `code` (the first rule to remove a block wins)."""
        if block.removed_by is None:
            block.removed_by = code

    def trim(self, block: Block, new_text: str, code: str) -> None:
        """Replace a block's text by a shorter version, logging what was cut."""
        if new_text == block.text:
            return
        self.trims.append(Removal(code, _cut_part(block.text, new_text), block.index, partial=True))
        block.text = new_text
        block._key = None

    @property
    def removed(self) -> list[Removal]:
        """Every removal in page order: whole blocks and trimmed pieces."""
        whole = [Removal(b.removed_by, b.text, b.index) for b in self.blocks if b.removed_by]
        return sorted(whole + self.trims, key=lambda r: (r.index, r.partial))


def _cut_part(old: str, new: str) -> str:
    """The text that disappeared when `old` became `new` (best effort, for the log)."""
    if not new:
        return old
    at = old.find(new)
    if at >= 0:
        return (old[:at] + " " + old[at + len(new) :]).strip()
    return old
