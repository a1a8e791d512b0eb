"""What every rule is: a stable code, a description, examples, and `apply`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from ..model import Document

#: Rule codes: an upper-case family prefix and three or four digits (AD001, SITE1001).
CODE = re.compile(r"^[A-Z]{1,8}[0-9]{3,4}$")

#: Default priorities: rules run in ascending (priority, code) order.
PRIORITY_TRIM = 10  # cut residue glued into a line before anything else looks at it
PRIORITY_EXTRACT = 20  # move structured parts (comments) into metadata
PRIORITY_SPAN = 40
PRIORITY_LINE = 50
PRIORITY_METADATA = 52  # raw-text metadata is read here, from what the earlier rules left
PRIORITY_TAIL = 60
PRIORITY_STRUCTURE = 70  # repeated blocks, menu runs: look at what the patterns left
PRIORITY_SCORE = 90  # the content scorer decides last


@dataclass(slots=True)
class Example:
    """A small page and what the rule must remove from it and keep in it."""

    page: str
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    html: bool = False  # `page` is an HTML page (read with the HTML reader)


class Rule:
    """Base class of all rules, declarative or Python.

    Subclasses set the class attributes (or pass them to `__init__`) and implement
    `apply`, which marks blocks removed with `doc.remove(block, self.code)`.
    """

    code: ClassVar[str] | str = ""
    name: ClassVar[str] | str = ""
    description: ClassVar[str] | str = ""
    priority: ClassVar[int] | int = PRIORITY_LINE
    site: ClassVar[str | None] | str | None = None  # a host (and its subdomains) the rule is limited to
    examples: ClassVar[list[Example]] | list[Example] = []
    origin: str = "builtin"

    @property
    def family(self) -> str:
        return re.match(r"[A-Z]*", self.code).group()

    def applies_to(self, doc: Document) -> bool:
        """Whether the rule should run on `doc` (site-scoped rules check the url)."""
        if not self.site:
            return True
        host = _host(doc.metadata.url)
        return bool(host) and (host == self.site or host.endswith("." + self.site))

    def apply(self, doc: Document) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


def _host(url: str | None) -> str:
    if not url:
        return ""
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:@]+@)?([^/?#:]+)", url.strip(), re.I)
    host = (m.group(2) if m else "").lower()
    return host[4:] if host.startswith("www.") else host
