"""Authors of an HTML page: clean personal names, in the order the page gives them.

Sources, most explicit first: JSON-LD ``author`` of the article, author meta tags,
byline markup (``itemprop=author``, ``rel=author``, class names like ``byline``),
and a "By ..." line near the headline. Names are cleaned of "By", roles, e-mail
addresses and URLs; the site's own name posing as an author is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .html_page import Page, clean, is_url
from .html_title import declared_site_names, squash
from .jsonld import ARTICLE_TYPES, PAGE_TYPES, text_value

#: A name has at most this many words; longer strings are sentences or bios.
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60
#: Byline elements with more text than this are containers, not bylines.
MAX_BYLINE_CHARS = 120

_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reviewed|edited|reported|story|words|text|article|photos?)\s+)?"
    r"(?:by|von|par|por|di|door|av|af)\s*[:\-]?\s+|^(?:authors?|writers?|autor(?:in)?|auteur)\s*[:\-]\s*",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\s\u00b7\s|\s/\s)\s*", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_ROLE = re.compile(
    r"\b(?:editor|writer|reporter|journalist|correspondent|contributor|columnist|staff|producer|"
    r"director|manager|founder|ceo|cto|coo|president|chief|head of|specialist|expert|analyst|"
    r"intern|team lead|senior|associate|professor|updated|published|posted|read|min|comments?|"
    r"share|follow|view|profile|about|all posts|more from|contact)\b",
    re.I,
)
#: Post-nominal credentials ("MD", "Ph.D.", "RD", "CFP"): dropped after a comma.
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,5}\.?$|^[A-Z]{2,6}(?:[-\s]?\w{1,4})?[\u00ae]?$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")

_XP_BYLINE = etree.XPath(
    "//*[@itemprop='author' or @rel='author' or @property='author'"
    " or contains(@class, 'author') or contains(@class, 'byline') or contains(@id, 'author')"
    " or contains(@id, 'byline') or contains(@class, 'writer')]"
)
_XP_ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")
_CLASS_TOKEN = re.compile(r"[\w-]+")
#: Class tokens of byline containers (compared as whole tokens, after splitting on - and _).
_BYLINE_WORDS = frozenset(("author", "authors", "byline", "writer", "autor", "auteur"))
#: Tokens that mark an author *box* or a comment author, not the byline.
_NOT_BYLINE_WORDS = frozenset(("comment", "comments", "reply", "avatar", "img", "image", "photo", "bio", "description"))

_META_AUTHOR = (
    "author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "byl",
)


def clean_names(raw: str) -> list[str]:
    """Personal names in a byline string: no "By", roles, credentials, e-mails or URLs."""
    text = clean(raw)
    text = _EMAIL.sub(" ", _URL.sub(" ", text))
    text = _PREFIX.sub("", text).strip(" :-\u2013\u2014|,")
    names = []
    for part in _SPLIT.split(text):
        part = _HANDLE.sub(" ", part)
        part = _PREFIX.sub("", part.strip()).strip(" .:-\u2013\u2014|,()[]\"'")
        if part.endswith(".") and not re.search(r"\b\w\.$", part):
            part = part.rstrip(".")
        if _looks_like_name(part) and part not in names:
            names.append(part)
    return names


def _looks_like_name(part: str) -> bool:
    if not part or len(part) > MAX_NAME_CHARS or len(part.split()) > MAX_NAME_WORDS:
        return False
    if not _HAS_LETTER.search(part) or _DIGIT.search(part) or is_url(part):
        return False
    if _CREDENTIAL.match(part) and len(part.split()) == 1 and part.upper() == part:
        return False
    return not _ROLE.search(part)


def _ld_authors(page: Page, unwanted: list[str]) -> list[str]:
    for types in (ARTICLE_TYPES, PAGE_TYPES):
        for obj in page.ld.of_types(types):
            found = _person_names(page, obj.get("author"), unwanted) or _person_names(
                page, obj.get("creator"), unwanted
            )
            if found:
                return found
    return []


def _person_names(page: Page, value: Any, unwanted: list[str]) -> list[str]:
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        item = page.ld.resolve(item)
        if isinstance(item, dict):
            raw = text_value(item.get("name"))
            if not raw and (item.get("givenName") or item.get("familyName")):
                raw = f"{text_value(item.get('givenName')) or ''} {text_value(item.get('familyName')) or ''}"
        else:
            raw = text_value(item)
        if raw and not is_url(raw.strip()):
            names += [n for n in clean_names(raw) if squash(n) not in unwanted and n not in names]
    return names


def _meta_authors(page: Page, unwanted: list[str]) -> list[str]:
    for key in (*_META_AUTHOR, "article:author", "twitter:creator"):
        names: list[str] = []
        for value in page.meta.get(key, []):
            if is_url(value) or (key == "twitter:creator" and value.startswith("@")):
                continue
            names += [n for n in clean_names(value) if squash(n) not in unwanted and n not in names]
        if names:
            return names
    return []


def _is_byline(el: etree._Element) -> bool:
    if el.get("itemprop") == "author" or el.get("rel") == "author" or el.get("property") == "author":
        return True
    tokens = set()
    for attr in ("class", "id"):
        for token in _CLASS_TOKEN.findall((el.get(attr) or "").lower()):
            tokens.update(re.split(r"[-_]", token))
    return bool(tokens & _BYLINE_WORDS) and not tokens & _NOT_BYLINE_WORDS


def _byline_authors(page: Page, unwanted: list[str]) -> list[str]:
    for el in _XP_BYLINE(page.tree):
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style", "body", "html", "article"):
            continue
        if not _is_byline(el):
            continue
        named = _XP_ITEMPROP_NAME(el)
        text = clean(named[0].get("content") or named[0].text_content()) if named else clean(el.text_content())
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = [n for n in clean_names(text) if squash(n) not in unwanted]
        if names:
            return names
    return []


def find_authors(page: Page, site_name: str | None) -> list[str]:
    """Author names (see module docstring); [] when the page names none."""
    unwanted = declared_site_names(page, site_name)
    return _ld_authors(page, unwanted) or _meta_authors(page, unwanted) or _byline_authors(page, unwanted)
