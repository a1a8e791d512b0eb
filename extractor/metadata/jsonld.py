"""JSON-LD blocks of a page, parsed leniently and flattened into typed objects.

Pages ship JSON-LD with trailing commas, comments, raw newlines in strings, several
scripts, top-level arrays and ``@graph`` containers, and refer to objects by ``@id``.
`LinkedData` hides all of that: it holds every typed object and resolves references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_LINE_COMMENT = re.compile(r"^\s*//[^\n]*$", re.M)
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CDATA = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Nested objects deeper than this are not visited (guards against pathological input).
MAX_DEPTH = 12

#: Schema.org types whose headline, author and date are the page's own.
ARTICLE_TYPES = frozenset(
    t.casefold()
    for t in (
        "Article",
        "NewsArticle",
        "BlogPosting",
        "Blog",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "OpinionNewsArticle",
        "AnalysisNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "Review",
        "Recipe",
        "HowTo",
        "MedicalWebPage",
        "Question",
        "PodcastEpisode",
        "Guide",
    )
)
#: Types naming a whole page (their name often carries the site suffix).
PAGE_TYPES = frozenset(
    t.casefold()
    for t in ("WebPage", "ItemPage", "AboutPage", "FAQPage", "QAPage", "CollectionPage", "ProfilePage", "ContactPage")
)
PERSON_TYPES = frozenset(("person",))
ORG_TYPES = frozenset(
    t.casefold()
    for t in ("Organization", "NewsMediaOrganization", "Corporation", "LocalBusiness", "EducationalOrganization")
)


def loads_lenient(text: str) -> Any:
    """Parse one JSON-LD script, repairing the common breakages; None when hopeless."""
    text = _CDATA.sub("", text.strip()).strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    fixed = _CONTROL.sub(" ", _BLOCK_COMMENT.sub("", _LINE_COMMENT.sub("", text)))
    fixed = _TRAILING_COMMA.sub(r"\1", fixed).strip().rstrip(";")
    try:
        return json.loads(fixed, strict=False)
    except ValueError:
        pass
    # Several objects one after the other ({...}{...}) or trailing junk: decode what parses.
    decoder = json.JSONDecoder(strict=False)
    found: list[Any] = []
    pos = 0
    while pos < len(fixed):
        start = min((i for i in (fixed.find("{", pos), fixed.find("[", pos)) if i >= 0), default=-1)
        if start < 0:
            break
        try:
            value, pos = decoder.raw_decode(fixed, start)
        except ValueError:
            break
        found.append(value)
    return found or None


def types_of(obj: dict[str, Any]) -> set[str]:
    """The object's @type values, case-folded, without a schema.org prefix."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].casefold() for v in values if isinstance(v, str)}


class LinkedData:
    """Every typed object found in a page's JSON-LD scripts, with @id references resolved."""

    def __init__(self, scripts: Iterable[str]) -> None:
        self.objects: list[dict[str, Any]] = []
        self.top: list[dict[str, Any]] = []  # objects at the top level or in a top-level @graph
        self._by_id: dict[str, dict[str, Any]] = {}
        for script in scripts:
            data = loads_lenient(script)
            if data is not None:
                for obj in _top_objects(data):
                    self.top.append(obj)
                    self._walk(obj, 0)

    def _walk(self, value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(value, list):
            for item in value:
                self._walk(item, depth + 1)
        elif isinstance(value, dict):
            if "@type" in value:
                self.objects.append(value)
                ident = value.get("@id")
                if isinstance(ident, str) and "name" in value:
                    self._by_id.setdefault(ident, value)
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    self._walk(item, depth + 1)
                elif key == "@graph":
                    continue

    def resolve(self, value: Any) -> Any:
        """A reference ({"@id": ...} without a name) replaced by the object it points to."""
        if isinstance(value, dict) and "@id" in value and "name" not in value:
            found = self._by_id.get(str(value["@id"]))
            if found is not None and found is not value:
                return found
        return value

    def of_types(self, wanted: frozenset[str]) -> Iterator[dict[str, Any]]:
        for obj in self.objects:
            if types_of(obj) & wanted:
                yield obj

    @property
    def empty(self) -> bool:
        return not self.objects


def _top_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _top_objects(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            yield from _top_objects(graph)
        if "@type" in data:
            yield data


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a list, a dict with @value/name, or a number."""
    if isinstance(value, list):
        for item in value:
            found = text_value(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return text_value(value.get("@value") or value.get("name"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None
