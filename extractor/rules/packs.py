"""Declarative rule packs: TOML files of line, span, tail and trim rules.

A pack is untrusted data. It can only name literals and regular expressions;
expressions compile with RE2 (linear time, no backtracking), so no pack can run
code or hang the extractor. A malformed pack raises `RulePackError` naming the
file, the line and the rule code.

    [pack]
    family = "AD"
    description = "Advertising labels."

    [[rules]]
    code = "AD001"
    name = "ad-label"
    description = "A line that is only an advertising label."
    type = "line"                    # line | span | tail | trim
    literal = ["advertisement"]      # whole line, compared after folding
    regex = ['^sponsored\\b']        # searched in the line, case-insensitive
    remove = ["ADVERTISEMENT"]       # examples that must be removed
    keep = ["The advertisement ran for weeks."]   # examples that must stay
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import re2

from ..errors import RulePackError
from ..model import Block, Document
from ..textutil import fold
from .base import (
    CODE,
    PRIORITY_LINE,
    PRIORITY_SPAN,
    PRIORITY_TAIL,
    PRIORITY_TRIM,
    Example,
    Rule,
)

_SPACE = re.compile(r"\s+")
_RULES_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*rules[ \t]*\]\]", re.M)
_WORD_CHAR = re.compile(r"\w")
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.case_sensitive = False
_RE2_OPTIONS.max_mem = 8 << 20
_RE2_OPTIONS.log_errors = False
#: Options for searching a page's lines joined by newlines: `never_nl` keeps every match inside
#: one line, and each expression gets `(?m)` so that ^ and $ match at line ends.
_LINES_OPTIONS = re2.Options()
_LINES_OPTIONS.case_sensitive = False
_LINES_OPTIONS.max_mem = 8 << 20
_LINES_OPTIONS.log_errors = False
_LINES_OPTIONS.never_nl = True
#: Expressions that cannot be searched line by line in joined text (text-edge anchors, `m` turned off).
_NOT_LINE_SAFE = re.compile(r"\\[Az]|\(\?[a-zA-Z]*-[a-zA-Z]*m")


class LineScan:
    """Which blocks each of some expressions matches, in a few RE2 calls a page instead of one a block.

    The blocks' texts are joined by newlines and searched once with a set of the expressions;
    each expression found is then searched again to locate its lines. Since no match can cross
    a newline and ^/$ match at line ends, a block is found iff the expression matches it alone.
    """

    def __init__(self, patterns: list[str]) -> None:
        self.regexes = [re2.compile("(?m)" + p, _LINES_OPTIONS) for p in patterns]
        self.regex_set = re2.Set.SearchSet(_LINES_OPTIONS)
        for pattern in patterns:
            self.regex_set.Add("(?m)" + pattern)
        self.regex_set.Compile()

    @staticmethod
    def usable(patterns: list[str]) -> bool:
        return not any(_NOT_LINE_SAFE.search(p) for p in patterns)

    def search(self, texts: list[str]) -> dict[int, set[int]] | None:
        """{block index: indexes of the expressions found in it}; None if a text has a newline."""
        raw = [t.encode() for t in texts]
        joined = b"\n".join(raw)
        if joined.count(b"\n") != max(0, len(raw) - 1):
            return None
        starts = list(accumulate((len(r) + 1 for r in raw), initial=0))
        found: dict[int, set[int]] = {}
        for k in self.regex_set.Match(joined) or ():
            for m in self.regexes[k].finditer(joined):
                found.setdefault(bisect_right(starts, m.start()) - 1, set()).add(k)
        return found


@dataclass(slots=True)
class Matcher:
    """Literals (whole line after folding) and RE2 expressions (searched), one RE2 call a line."""

    literals: frozenset[str]
    regex: Any  # the rule's expressions joined into one alternation, or None
    scan: LineScan | None = None  # the same expression, to search a whole page at once
    patterns: tuple[str, ...] = ()  # the expressions one by one

    def match(self, text: str, folded: str | None = None) -> bool:
        if self.literals and (folded if folded is not None else fold(text)) in self.literals:
            return True
        return self.regex is not None and self.regex.search(text) is not None

    def matches(self, blocks: list[Block]) -> list[bool]:
        """`match` of each block, in a few RE2 calls for the page when the expression allows."""
        found = self.scan.search([b.text for b in blocks]) if self.scan is not None else None
        if found is None:
            return [self.match(b.text, b.key) for b in blocks]
        literals = self.literals
        return [i in found or bool(literals and b.key in literals) for i, b in enumerate(blocks)]

    def __bool__(self) -> bool:
        return bool(self.literals or self.regex is not None)


class PackRule(Rule):
    """A rule read from a pack file."""

    kind = ""
    _FIELDS = {"code", "name", "description", "type", "site", "priority", "remove", "keep", "examples"}

    def __init__(self, spec: dict[str, Any], where: _Where) -> None:
        self.code = spec["code"]
        self.name = spec.get("name", "")
        self.description = spec["description"]
        self.site = spec.get("site") or where.site
        self.priority = int(spec.get("priority", self.default_priority))
        self.origin = where.origin
        self.examples = _examples(spec, where)
        self.max_words = spec.get("max_words")

    default_priority = PRIORITY_LINE

    def _short_enough(self, block: Block) -> bool:
        # Split at most max_words times: long lines cost no more than short ones.
        return self.max_words is None or len(block.text.split(None, self.max_words)) <= self.max_words


class LineRule(PackRule):
    """Remove every block that matches (a whole line for literals)."""

    kind = "line"

    def __init__(self, spec: dict[str, Any], where: _Where) -> None:
        super().__init__(spec, where)
        self.matcher = _matcher(spec, where, self.code)

    def apply(self, doc: Document) -> None:
        kept = doc.kept
        for block, hit in zip(kept, self.matcher.matches(kept), strict=True):
            if hit and self._short_enough(block):
                doc.remove(block, self.code)


class LineGroup:
    """Consecutive line rules applied in one pass: one RE2 Set call and one literal lookup a block.

    (A page-wide `LineScan` of the whole set measured no faster: a set of many case-blind
    expressions is costly to run over a long text, while each block's short line is cheap.)

    A line rule's verdict depends only on the block itself, so applying a run of them
    block by block (the first matching rule in run order removes) gives exactly what
    applying them one after another gives.
    """

    def __init__(self, rules: list[LineRule]) -> None:
        self.rules = rules
        self.priority = rules[0].priority
        self.literals: dict[str, list[int]] = {}
        for k, rule in enumerate(rules):
            for literal in rule.matcher.literals:
                self.literals.setdefault(literal, []).append(k)
        # expressions anchored at the line start go in a set that stops reading a line as soon as
        # none of them can still match there; the others are searched through the whole line
        self.sets: list[tuple[Any, list[int]]] = []
        for anchored in (True, False):
            chosen = [
                (k, pattern)
                for k, rule in enumerate(rules)
                for pattern in rule.matcher.patterns
                if anchored_at_start(pattern) == anchored
            ]
            if chosen:
                regex_set = (re2.Set.MatchSet if anchored else re2.Set.SearchSet)(_RE2_OPTIONS)
                for _, pattern in chosen:
                    regex_set.Add(pattern)
                regex_set.Compile()
                self.sets.append((regex_set, [k for k, _ in chosen]))

    def apply(self, doc: Document) -> None:
        rules, literals, sets = self.rules, self.literals, self.sets
        for block in doc.kept:
            hits = list(literals.get(block.key, ()))
            data = block.text.encode()
            for regex_set, rule_of in sets:
                hits += [rule_of[i] for i in regex_set.Match(data) or ()]
            if not hits:
                continue
            n_words = len(block.text.split())
            for k in sorted(set(hits)):
                limit = rules[k].max_words
                if limit is None or n_words <= limit:
                    doc.remove(block, rules[k].code)
                    break


def anchored_at_start(pattern: str) -> bool:
    """Whether every match of `pattern` starts at the start of the text: a leading ^ with no
    top-level alternative after it (and no multi-line flag, under which ^ also matches after a newline)."""
    if not pattern.startswith("^"):
        return False
    depth, in_class, i = 0, False, 1
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # "[]...]": the first ] is a member
                i += 1
        elif c == "(":
            if pattern.startswith("(?", i) and "m" in pattern[i + 2 : i + 2 + _flags_length(pattern, i + 2)]:
                return False
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def _flags_length(pattern: str, start: int) -> int:
    """Length of the flag letters of a group opened at `start` ("(?i:" gives 1)."""
    end = start
    while end < len(pattern) and pattern[end].isalpha():
        end += 1
    return end - start


class SpanRule(PackRule):
    """Remove from a start marker through an end marker (at most `max_blocks` apart)."""

    kind = "span"
    default_priority = PRIORITY_SPAN

    def __init__(self, spec: dict[str, Any], where: _Where) -> None:
        super().__init__(spec, where)
        self.start = _matcher(spec.get("start", {}), where, self.code, "start")
        self.end = _matcher(spec.get("end", {}), where, self.code, "end")
        self.max_blocks = int(spec.get("max_blocks", 12))
        self.include_end = bool(spec.get("include_end", True))

    def apply(self, doc: Document) -> None:
        kept = doc.kept
        starts = self.start.matches(kept)
        ends = self.end.matches(kept) if any(starts) else []
        i = 0
        while i < len(kept):
            if starts[i] and self._short_enough(kept[i]):
                for j in range(i + 1, min(len(kept), i + 1 + self.max_blocks)):
                    if ends[j]:
                        stop = j + 1 if self.include_end else j
                        for block in kept[i:stop]:
                            doc.remove(block, self.code)
                        i = j
                        break
            i += 1


class TailRule(PackRule):
    """Remove a marker line and everything after it, if the marker comes late enough.

    `min_position` is the share of the page's kept text that must come before the
    marker, so a "Related articles" link in a top menu does not cut the article.
    """

    kind = "tail"
    default_priority = PRIORITY_TAIL

    def __init__(self, spec: dict[str, Any], where: _Where) -> None:
        super().__init__(spec, where)
        self.matcher = _matcher(spec, where, self.code)
        self.min_position = float(spec.get("min_position", 0.5))

    def apply(self, doc: Document) -> None:
        kept = doc.kept
        hits = self.matcher.matches(kept)
        total = sum(len(b.text) for b in kept)
        before = 0
        for i, block in enumerate(kept):
            if hits[i] and before >= self.min_position * total and self._short_enough(block):
                for rest in kept[i:]:
                    doc.remove(rest, self.code)
                return
            before += len(block.text)


class TrimRule(PackRule):
    """Cut matching residue out of a line (icon text glued to a date, say)."""

    kind = "trim"
    default_priority = PRIORITY_TRIM

    def __init__(self, spec: dict[str, Any], where: _Where) -> None:
        super().__init__(spec, where)
        self.matcher = _matcher(spec, where, self.code)
        if self.matcher.literals:
            raise where.error(self.code, "a trim rule takes `regex` only")

    def apply(self, doc: Document) -> None:
        kept = doc.kept
        for block, hit in zip(kept, self.matcher.matches(kept), strict=True):
            if not hit:  # the common case; RE2's `sub` is costly to call
                continue
            text = _SPACE.sub(" ", self._cut(block.text)).strip()
            if not text:
                doc.remove(block, self.code)
            elif text != block.text:
                doc.trim(block, text, self.code)

    def _cut(self, text: str) -> str:
        """`text` with every match replaced by a space, except matches that would split a word.

        A trim only ever deletes whole words, so the body's words stay a sub-sequence of the page's.
        """
        out: list[str] = []
        at = 0
        for m in self.matcher.regex.finditer(text):
            start, end = m.span()
            if start == end or _splits_word(text, start) or _splits_word(text, end):
                continue
            out.append(text[at:start])
            out.append(" ")
            at = end
        out.append(text[at:])
        return "".join(out)


def _splits_word(text: str, at: int) -> bool:
    """Whether a cut at `at` falls inside a word (between two word characters)."""
    return 0 < at < len(text) and _WORD_CHAR.match(text, at - 1) is not None and _WORD_CHAR.match(text, at) is not None


KINDS: dict[str, type[PackRule]] = {cls.kind: cls for cls in (LineRule, SpanRule, TailRule, TrimRule)}
#: The type each scalar key must have (lists and tables are checked where they are read).
_TYPES: dict[str, tuple[type, ...]] = {
    "code": (str,),
    "name": (str,),
    "description": (str,),
    "type": (str,),
    "site": (str,),
    "priority": (int,),
    "max_words": (int,),
    "max_blocks": (int,),
    "include_end": (bool,),
    "min_position": (int, float),
}
_PACK_KEYS = {"family": str, "description": str, "site": str}
_RULE_FIELDS = {
    "line": {"literal", "regex", "max_words"},
    "span": {"start", "end", "max_blocks", "include_end", "max_words"},
    "tail": {"literal", "regex", "min_position", "max_words"},
    "trim": {"regex"},
}


@dataclass(slots=True)
class _Where:
    """Where a pack came from, to build error messages and rule origins."""

    path: Path
    text: str
    origin: str
    site: str | None = None

    index: int = 0  # the [[rules]] table being read, to place errors in rules without a code

    def line_of(self, code: str) -> int:
        """The line of the current rule's `code = ...`, else of its [[rules]] header, else 1."""
        tables = [m.start() for m in _RULES_TABLE.finditer(self.text)]
        start = tables[self.index] if self.index < len(tables) else 0
        end = tables[self.index + 1] if self.index + 1 < len(tables) else len(self.text)
        m = None
        if code:
            m = re.compile(r'^[ \t]*code[ \t]*=[ \t]*["\']' + re.escape(code) + r'["\']', re.M).search(
                self.text, start, end
            )
        at = m.start() if m else start
        return self.text.count("\n", 0, at) + 1

    def error(self, code: str, message: str) -> RulePackError:
        return RulePackError(f"{self.path}:{self.line_of(code)}: rule {code or '?'}: {message}")


def _compile(pattern: Any, where: _Where, code: str) -> Any:
    if not isinstance(pattern, str) or not pattern:
        raise where.error(code, f"a regex must be a non-empty string, not {pattern!r}")
    try:
        return re2.compile(pattern, _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode(errors="replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        if "perl operator" in reason or re.search(r"escape sequence: \\[1-9]", reason):
            reason += " (RE2 has no backreferences or lookarounds)"
        elif "too large" in reason or "repetition" in reason:
            reason += (
                f" (RE2 limits: repetition counts up to 1000, {_RE2_OPTIONS.max_mem >> 20} MB of compiled pattern)"
            )
        raise where.error(code, f"bad regex {pattern!r}: {reason}") from None


def _strings(value: Any, where: _Where, code: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(code, f"`{key}` must be a string or a list of strings")
    return value


def _matcher(spec: dict[str, Any], where: _Where, code: str, label: str = "") -> Matcher:
    if not isinstance(spec, dict):
        raise where.error(code, f"`{label}` must be a table with `literal` and/or `regex`")
    literals = frozenset(fold(s) for s in _strings(spec.get("literal"), where, code, "literal"))
    patterns = _strings(spec.get("regex"), where, code, "regex")
    for p in patterns:
        _compile(p, where, code)  # each on its own first, so an error names the bad one
    regex = _compile("|".join(f"(?:{p})" for p in patterns), where, code) if patterns else None
    scan = LineScan(patterns) if patterns and LineScan.usable(patterns) else None
    matcher = Matcher(literals, regex, scan, tuple(patterns))
    if not matcher:
        what = f"`{label}`" if label else "the rule"
        raise where.error(code, f"{what} needs at least one `literal` or `regex`")
    return matcher


def _examples(spec: dict[str, Any], where: _Where) -> list[Example]:
    code = spec["code"]
    out: list[Example] = []
    for line in _strings(spec.get("remove"), where, code, "remove"):
        out.append(Example(line, removed=[line]))
    for line in _strings(spec.get("keep"), where, code, "keep"):
        out.append(Example(line, kept=[line]))
    for ex in spec.get("examples", []):
        if not isinstance(ex, dict) or not isinstance(ex.get("page"), str):
            raise where.error(code, "each [[rules.examples]] needs a `page` string")
        removed = _strings(ex.get("removed"), where, code, "removed")
        kept = _strings(ex.get("kept"), where, code, "kept")
        out.append(Example(ex["page"], removed, kept))
    if not any(e.removed for e in out) or not any(e.kept for e in out):
        raise where.error(code, "needs at least one positive (`remove`) and one negative (`keep`) example")
    return out


def load_pack(path: Path, origin: str | None = None) -> list[PackRule]:
    """Read one TOML pack file into rules; raise `RulePackError` on any defect."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"{path}: not valid TOML: {exc}") from None
    where = _Where(path, text, origin or str(path))
    header = data.get("pack", {})
    if not isinstance(header, dict):
        raise RulePackError(f"{path}:1: `pack` must be a table")
    unknown = set(data) - {"pack", "rules"}
    if unknown:
        raise RulePackError(
            f"{path}:1: unknown top-level key(s): {', '.join(sorted(unknown))} (a pack has [pack] and [[rules]])"
        )
    for key, value in header.items():
        if key not in _PACK_KEYS:
            raise RulePackError(f"{path}:1: unknown [pack] key {key!r} (known: {', '.join(_PACK_KEYS)})")
        if not isinstance(value, _PACK_KEYS[key]):
            raise RulePackError(f"{path}:1: [pack] `{key}` must be a string")
    where.site = header.get("site")
    family = header.get("family", "")
    specs = data.get("rules")
    if not isinstance(specs, list) or not specs:
        raise RulePackError(f"{path}:1: a pack needs at least one [[rules]] table")
    rules: list[PackRule] = []
    for index, spec in enumerate(specs):
        where.index = index
        if not isinstance(spec, dict):
            raise RulePackError(f"{path}: each [[rules]] entry must be a table")
        code = spec.get("code", "")
        if not isinstance(code, str) or not CODE.match(code):
            raise where.error(str(code), "`code` must be an upper-case family prefix and 3-4 digits, e.g. AD001")
        if family and not code.startswith(family):
            raise where.error(code, f"code does not start with the pack's family {family!r}")
        if not isinstance(spec.get("description"), str) or not spec["description"].strip():
            raise where.error(code, "`description` is required")
        kind = spec.get("type", "line")
        if kind not in KINDS:
            raise where.error(code, f"unknown type {kind!r} (one of {', '.join(KINDS)})")
        unknown = set(spec) - PackRule._FIELDS - _RULE_FIELDS[kind]
        if unknown:
            raise where.error(code, f"unknown key(s) for a {kind} rule: {', '.join(sorted(unknown))}")
        for key, types in _TYPES.items():
            value = spec.get(key)
            if value is not None and (not isinstance(value, types) or (bool not in types and isinstance(value, bool))):
                raise where.error(code, f"`{key}` must be {' or '.join(t.__name__ for t in types)}, not {value!r}")
        if any(r.code == code for r in rules):
            raise where.error(code, "duplicate code in this pack")
        rule = KINDS[kind](spec, where)
        rule.origin = f"{where.origin}:{where.line_of(code)}"
        rules.append(rule)
    return rules
