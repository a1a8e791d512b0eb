"""One pass over a parsed page collecting what metadata finders read: meta tags, JSON-LD, links, title."""

from __future__ import annotations

import re
from functools import cached_property
from html import unescape
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from .jsonld import ARTICLE_TYPES, LinkedData, text_value

_SPACE = re.compile(r"\s+")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.I)

_LD_TYPE = "application/ld+json"
_XP_HTML_LANG = etree.XPath("/html/@lang | /html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})

#: Keywords lists longer than this are SEO stuffing, not tags.
MAX_TAGS = 30


def clean(text: str | None) -> str:
    """Entities decoded (also double-encoded ones), spaces collapsed."""
    if not text:
        return ""
    if "&" in text:
        text = unescape(text)
    return _SPACE.sub(" ", text).strip()


_BLOCK_TAGS = frozenset(
    ("br", "div", "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header", "footer", "tr", "td")
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "button"))
#: Soft hyphens and zero-width characters: hyphenation hints and joiners, not text.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
#: Permalink marks headings end with in generated docs ("Title¶", "Title #").
_ANCHOR_MARK = re.compile(r"\s*[\u00b6#\u00a7\U0001f517]+$")


def element_text(el: lxml_html.HtmlElement) -> str:
    """Visible text of `el`, with a space where a block element or <br> separates words."""
    parts: list[str] = []
    _collect_text(el, parts)
    return clean(_ANCHOR_MARK.sub("", clean(_INVISIBLE.sub("", "".join(parts)))))


def _collect_text(el: lxml_html.HtmlElement, parts: list[str]) -> None:
    # iterative: a recursive walk would overflow Python's stack on deeply nested markup
    todo: list[tuple[lxml_html.HtmlElement, bool]] = [(el, False)]
    while todo:
        node, closing = todo.pop()
        block = node.tag in _BLOCK_TAGS
        if closing:
            if block:
                parts.append(" ")
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if not isinstance(node.tag, str) or node.tag in _SKIP_TAGS:
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if block:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        todo.append((node, True))
        todo.extend((child, False) for child in reversed(node))


def is_url(text: str) -> bool:
    return bool(_URLISH.match(text))


class Page:
    """The parts of a page's markup that carry metadata, read once."""

    def __init__(self, tree: lxml_html.HtmlElement, url: str | None = None) -> None:
        self.tree = tree
        self.url = url
        #: The heading holding the title, once the title finder has chosen it (bylines and dates sit near it).
        self.title_element: lxml_html.HtmlElement | None = None
        #: meta tags by lower-cased name/property/itemprop/http-equiv, values in page order.
        self.meta: dict[str, list[str]] = {}
        for el in tree.iter("meta"):
            content = clean(el.get("content"))
            if not content:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = el.get(attr)
                if key:
                    for part in key.split():  # property="og:title twitter:title" is legal RDFa
                        self.meta.setdefault(part.strip().lower(), []).append(content)
        self.links: dict[str, list[str]] = {}
        for el in tree.iter("link"):
            href = (el.get("href") or "").strip()
            if not href:
                continue
            for rel in el.get("rel", "").lower().split():
                self.links.setdefault(rel, []).append(href)

    @cached_property
    def ld(self) -> LinkedData:
        return LinkedData(
            el.text or "" for el in self.tree.iter("script") if (el.get("type") or "").strip().lower() == _LD_TYPE
        )

    def first(self, *keys: str) -> str | None:
        """The first meta value under any of `keys` (in the order of `keys`)."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    @cached_property
    def title_tag(self) -> str | None:
        titles = [el for el in self.tree.iter("title") if el.getparent() is not None]
        titles.sort(key=lambda el: el.getparent().tag not in ("head", "html"))  # <svg><title> are icon names
        for el in titles:
            if el.getparent().tag not in ("svg", "symbol", "g", "a", "button", "span", "i"):
                return clean(el.text_content()) or None
        return None

    @cached_property
    def h1s(self) -> list[lxml_html.HtmlElement]:
        return list(self.tree.iter("h1"))

    @cached_property
    def host(self) -> str:
        url = self.canonical_url() or self.url or ""
        try:
            return (urlsplit(url).hostname or "").lower()
        except ValueError:
            return ""

    def canonical_url(self) -> str | None:
        for candidate in (*self.links.get("canonical", [])[:1], self.first("og:url")):
            if candidate and candidate.startswith(("http://", "https://", "/")):
                return urljoin(self.url, candidate) if self.url else candidate
        return None

    def description(self) -> str | None:
        return self.first("og:description", "description", "twitter:description", "dc.description")

    def image(self) -> str | None:
        found = self.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
        if found and self.url and not found.startswith(("http://", "https://", "data:")):
            return urljoin(self.url, found)
        return found

    def language(self) -> str | None:
        declared = [*(str(x) for x in _XP_HTML_LANG(self.tree)), *self.meta.get("content-language", [])]
        declared += self.meta.get("og:locale", []) + self.meta.get("dc.language", [])
        for value in declared:
            m = _LANG.match(value.split(",")[0].strip())
            if m and m.group(1).lower() not in ("und", "xx", "zz"):
                code = m.group(1).lower()
                return code[:2] if len(code) == 2 else code
        return None

    def tags(self) -> list[str]:
        found: list[str] = []
        found += self.meta.get("article:tag", [])
        for article in self.ld.of_types(ARTICLE_TYPES):
            value = article.get("keywords")
            if isinstance(value, list):
                found += [text_value(v) or "" for v in value]
            elif isinstance(value, str):
                found += value.split(",")
        if not found:
            for value in self.meta.get("keywords", []) + self.meta.get("news_keywords", []):
                found += value.split(",")
        seen: dict[str, str] = {}
        for tag in found:
            tag = clean(tag)
            if tag and not is_url(tag) and tag.casefold() not in seen:
                seen[tag.casefold()] = tag
        return list(seen.values())[:MAX_TAGS]
