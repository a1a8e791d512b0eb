"""Raw page text to blocks: normalise, undo hard wrapping, split into line blocks.

Raw page text comes from browsers (select-all + copy, `innerText`), text browsers
(w3m, lynx: hard-wrapped at a fixed width) and HTML-to-text libraries (inscriptis:
indented by nesting). Every non-blank line becomes a block; a blank line before it
sets `gap_before` (a paragraph break).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..model import Block, Document

#: Characters that carry no text: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
#: Space-like characters that should read as a plain space.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_BULLET = re.compile(r"^(?:[•◦▪▫■□●○‣⁃∙·*+]|\d{1,3}[.)])\s+")
_MULTISPACE = re.compile(r" {2,}")
_LONE_MARKER = re.compile(r"^\d{1,3}[.)]$")
_UNORDERED = "•◦▪▫■□●○‣⁃∙·*+"

#: Text browsers wrap at a fixed column; widths outside this range are not wrapping.
WRAP_MIN_WIDTH = 60
WRAP_MAX_WIDTH = 250
#: A width counts as a wrap width when at least this many lines come near it.
WRAP_MIN_FULL_LINES = 3
#: Lines this close to the wrap width count as full.
WRAP_SLACK = 25


def normalise(text: str) -> str:
    """Unify line ends and spaces, drop invisible and control characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    for ch in _INVISIBLE:  # rarely present: a scan each is far cheaper than `str.translate`
        if ch in text:
            text = text.replace(ch, "")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(lambda m: "\t" if m.group().startswith("\t") and len(m.group()) == 1 else " ", text)
    return unicodedata.normalize("NFC", text)


def display_width(s: str) -> int:
    """Columns a text browser gives `s`: wide (CJK) characters count two, combining marks none."""
    if s.isascii():
        return len(s)
    return len(s) + sum(map(_extra_width, _NON_ASCII.findall(s)))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _extra_width(ch: str) -> int:
    """Columns beyond one that a character takes: +1 wide (CJK), -1 combining marks and format characters."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return -1
    return 1 if unicodedata.east_asian_width(ch) in "WF" else 0


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def detect_wrap_width(lines: list[str]) -> int | None:
    """The column at which the text was hard-wrapped, or None if it was not.

    A text browser only overflows its width with a token it cannot break (a long
    URL, a run of dashes), so lines whose first token is that long are left out.
    Two tests: the line ends (`_wrap_evidence`), which finds the width on pages that
    are mostly short menu lines or have a stray over-long line; then the pile-up of
    line widths just under the longest line.
    """
    widths = [
        display_width(line.rstrip())
        if line.strip() and not (len(line) >= WRAP_MIN_WIDTH and _unbreakable(line))
        else -1
        for line in lines  # -1: blank, or a short line breaks
    ]
    found = _wrap_evidence(lines, widths)
    if found:
        return found
    widths = [w for w in widths if w >= 0]
    if len(widths) < WRAP_MIN_FULL_LINES:
        return None
    top = max(widths)
    if not WRAP_MIN_WIDTH <= top <= WRAP_MAX_WIDTH:
        return None
    full = sum(1 for w in widths if w >= top - WRAP_SLACK)
    # Unwrapped text has a long tail of line lengths; wrapped text piles up below the width.
    if full < WRAP_MIN_FULL_LINES or full < 0.03 * len(widths):
        return None
    return top


#: The line-end test tries the longest few distinct widths (a stray line may overflow the wrap width).
WRAP_CANDIDATES = 4
#: It needs this many wrapped line ends, this many times as many as line ends that are not wraps.
WRAP_MIN_WRAPS = 4
WRAP_MIN_RATIO = 3
#: Lines longer than the width the test accepts (a text browser overflows only with what it cannot break).
WRAP_MAX_OVER = 1


def _wrap_evidence(lines: list[str], widths: list[int]) -> int | None:
    """The wrap width shown by line ends, or None.

    At the true width `w`, a long line (within `WRAP_SLACK` of `w`) that another line
    follows ends because the next line's first word would not have fitted; in text that
    was not wrapped, most long lines end where the next word would have fitted.
    """
    candidates = sorted({w for w in widths if WRAP_MIN_WIDTH <= w <= WRAP_MAX_WIDTH}, reverse=True)
    for width in candidates[:WRAP_CANDIDATES]:
        over = sum(1 for w in widths if w > width)
        if over > WRAP_MAX_OVER:
            return None
        wraps = breaks = 0
        for i in range(1, len(lines)):
            prev, cur = widths[i - 1], widths[i]
            if cur < 0 or not width - WRAP_SLACK <= prev <= width or _BULLET.match(lines[i].lstrip()):
                continue
            if prev + 1 + display_width(_first_word(lines[i])) > width:
                wraps += 1
            else:
                breaks += 1
        if wraps >= WRAP_MIN_WRAPS and wraps >= WRAP_MIN_RATIO * breaks:
            return width
    return None


def _unbreakable(line: str) -> bool:
    """A line a wrapping renderer could not break before the wrap width (its first token is too long)."""
    stripped = line.strip()
    head = stripped.split(" ", 1)[0]
    return len(head) >= WRAP_MIN_WIDTH and head.isascii()


def _first_word(line: str) -> str:
    stripped = line.lstrip()
    if stripped and _is_wide(stripped[0]):
        return stripped[0]
    return stripped.split(" ", 1)[0]


def read_text(text: str) -> Document:
    """Segment raw page text into a `Document` of line blocks."""
    text = normalise(text)
    lines = text.split("\n")
    width = detect_wrap_width(lines)
    if width:
        lines = unwrap(lines, width)
    lines = join_lone_markers(lines)
    blocks: list[Block] = []
    offset = 0
    gap = True
    for line in lines:
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            gap = True
            continue
        kind, level, body = "text", 0, stripped
        bullet = _BULLET.match(stripped)
        if bullet and len(stripped) > len(bullet.group()):
            kind, level = "list_item", 1
            if bullet.group()[0] in _UNORDERED:
                body = stripped[bullet.end() :]
        if "  " in body:
            body = _MULTISPACE.sub(" ", body)
        indent = len(line) - len(line.lstrip(" "))
        blocks.append(Block(len(blocks), body, start, start + len(line), kind, level, gap, indent))
        gap = False
    return Document(blocks=blocks, source_type="text")


def join_lone_markers(lines: list[str]) -> list[str]:
    """Put a list number left alone on its line ("2.") in front of the line after it.

    Text browsers print an ordered list item whose content starts with a block (an image,
    a heading) as its number on one line and the content on the next.
    """
    out: list[str] = []
    pending = ""
    for line in lines:
        stripped = line.strip()
        if _LONE_MARKER.match(stripped):
            if pending:
                out.append(pending)
            pending = stripped
            continue
        if pending and stripped:
            out.append(f"{pending} {stripped}")
            pending = ""
            continue
        if pending and not stripped:
            continue  # the item's content comes after a blank line
        out.append(line)
    if pending:
        out.append(pending)
    return out


def unwrap(lines: list[str], width: int) -> list[str]:
    """Rejoin lines broken by a text browser wrapping at `width` columns.

    A break is a wrap iff the next line's first word would not have fitted on the
    previous physical line within `width` columns.
    """
    out: list[str] = []
    last_part = ""
    for line in lines:
        if out and out[-1].strip() and line.strip():
            nxt = line.strip()
            if not _BULLET.match(nxt) and display_width(last_part) + 1 + display_width(_first_word(nxt)) > width:
                joiner = "" if _is_wide(out[-1].rstrip()[-1]) and _is_wide(nxt[0]) else " "
                out[-1] = out[-1].rstrip() + joiner + nxt
                last_part = line.rstrip()
                continue
        out.append(line)
        last_part = line.rstrip()
    return out
