"""One registry for every rule: built-in packs, built-in Python rules, user packs, plugins.

Selection follows ruff: `select` and `ignore` are code prefixes ("AD", "CMT001");
the most specific matching prefix decides, and on a tie `ignore` wins.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import RulePackError
from ..model import Document
from .base import Rule
from .packs import LineGroup, LineRule, load_pack

ENTRY_POINT_GROUP = "extractor.rules"


def builtin_pack_files() -> list[Path]:
    """The TOML packs shipped with the package (the repository's `rules/` folder).

    An installed wheel has them in `extractor/packs/`; a source checkout (or an
    editable install) reads the repository's `rules/` directly.
    """
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "packs", package.parent / "rules"):
        files = sorted(folder.glob("*.toml"))
        if files:
            return files
    return []


def pack_files(path: Path) -> list[Path]:
    """A pack file, or every `*.toml` below a directory, in name order."""
    path = Path(path)
    if path.is_dir():
        return sorted(path.rglob("*.toml"))
    if not path.exists():
        raise RulePackError(f"{path}: no such rule pack file or directory")
    return [path]


def builtin_python_rules() -> list[Rule]:
    from .python import BUILTIN_RULES

    rules = [cls() for cls in BUILTIN_RULES]
    for rule in rules:
        rule.origin = f"builtin:python/{type(rule).__module__.rsplit('.', 1)[-1]}.py"
    return rules


def plugin_rules() -> list[Rule]:
    """Rules from installed packages' `extractor.rules` entry points.

    An entry point may name a Rule instance or class, a pack path, or a callable
    returning an iterable of those.
    """
    rules: list[Rule] = []
    for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        origin = f"plugin:{ep.dist.name if ep.dist else '?'}:{ep.name}"
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must say so, not vanish
            raise RulePackError(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        for rule in _expand(obj, origin):
            rules.append(rule)
    return rules


def _expand(obj: object, origin: str) -> Iterable[Rule]:
    if isinstance(obj, Rule):
        obj.origin = origin
        yield obj
    elif isinstance(obj, type) and issubclass(obj, Rule):
        rule = obj()
        rule.origin = origin
        yield rule
    elif isinstance(obj, (str, Path)):
        for f in pack_files(Path(obj)):
            yield from load_pack(f, origin=f"{origin}:{f.name}")
    elif callable(obj):
        for item in obj():
            yield from _expand(item, origin)
    elif isinstance(obj, Iterable):
        for item in obj:
            yield from _expand(item, origin)
    else:
        raise RulePackError(f"{origin}: entry point gave {type(obj).__name__}, not rules")


def is_selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Ruff-style selection: the longest matching prefix wins; `ALL` is the empty prefix."""

    def best(prefixes: Sequence[str]) -> int:
        lengths = [len(p) for p in ("" if p == "ALL" else p for p in prefixes) if code.startswith(p)]
        return max(lengths, default=-1)

    chosen, dropped = best(select), best(ignore)
    return chosen >= 0 and chosen > dropped


def _plan(rules: list[Rule]) -> list[Rule | LineGroup]:
    """The rules in order, each run of consecutive site-wide line rules of one priority merged into one pass."""
    plan: list[Rule | LineGroup] = []
    run: list[LineRule] = []

    def flush() -> None:
        if run:
            plan.append(LineGroup(list(run)) if len(run) > 1 else run[0])
            run.clear()

    for rule in rules:
        groupable = isinstance(rule, LineRule) and not rule.site
        if not groupable or (run and run[0].priority != rule.priority):
            flush()
        if groupable:
            run.append(rule)
        else:
            plan.append(rule)
    flush()
    return plan


class RuleSet:
    """The rules of one configuration, in the order they run."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        ordered = sorted(rules, key=lambda r: (r.priority, r.code))
        seen: dict[str, Rule] = {}
        for rule in ordered:
            if rule.code in seen:
                raise RulePackError(
                    f"rule code {rule.code} is defined twice: {seen[rule.code].origin} and {rule.origin}"
                )
            seen[rule.code] = rule
        self.rules = ordered
        self._by_code = seen
        self._plan = _plan(ordered)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code)

    def apply(self, doc: Document, start: int | None = None, stop: int | None = None) -> None:
        """Run the rules whose priority is in [start, stop) on `doc`, in order."""
        for step in self._plan:
            in_range = (start is None or step.priority >= start) and (stop is None or step.priority < stop)
            if in_range and (isinstance(step, LineGroup) or step.applies_to(doc)):
                step.apply(doc)

    @classmethod
    def load(
        cls,
        *,
        select: Sequence[str] = ("ALL",),
        ignore: Sequence[str] = (),
        extra_packs: Sequence[Path] = (),
        plugins: bool = True,
        site_rules: bool = True,
    ) -> RuleSet:
        """Every available rule, filtered by selection (and site scope if asked)."""
        rules: list[Rule] = []
        for f in builtin_pack_files():
            rules.extend(load_pack(f, origin=f"builtin:{f.name}"))
        rules.extend(builtin_python_rules())
        for path in extra_packs:
            for f in pack_files(Path(path)):
                rules.extend(load_pack(f, origin=str(f)))
        if plugins:
            rules.extend(plugin_rules())
        cls(rules)  # every code must be unique, whether or not this run selects it
        chosen = [r for r in rules if is_selected(r.code, select, ignore) and (site_rules or not r.site)]
        return cls(chosen)
