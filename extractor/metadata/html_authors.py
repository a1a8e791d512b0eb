"""Authors of an HTML page: clean personal names, in the order the page gives them.

Sources, most explicit first: JSON-LD ``author`` of the article, author meta tags
(also the "Written by" label pair SEO plugins emit), byline markup near the title
(``itemprop=author``, ``rel=author``, class names like ``byline``), and a
"By ..." line near the title. Names are cleaned of "By", roles, credentials, e-mail
addresses and URLs; the site's own name posing as an author is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from .html_page import Page, clean, element_text, is_url
from .html_title import declared_site_names, squash
from .jsonld import ARTICLE_TYPES, ORG_TYPES, PAGE_TYPES, text_value, types_of

#: A name has at most this many words; longer strings are sentences or bios.
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60
#: Byline elements with more text than this are containers, not bylines.
MAX_BYLINE_CHARS = 150
#: How many levels above the title heading a byline is looked for.
BYLINE_LEVELS = 5
#: How many text pieces after the title are searched for a "By ..." line.
BY_LINE_WINDOW = 40

_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reviewed|edited|reported|compiled|story|words|text|article|recipe|photos?)"
    r"\s+)?(?:by|von|par|por|door|av|af)(?:\s*[:\-]\s*|\s+)|^(?-i:By)(?=[A-Z][a-z])"
    r"|^(?:authors?|writers?|contributors?|autor(?:in)?|auteur|written|posted|published)\s*:\s*",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\s\u00b7\s|\s/\s|\s[-\u2013\u2014]\s)\s*", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_ROLE = re.compile(
    r"\b(?:editor|writer|reporter|journalist|correspondent|contributor|contributors|columnist|producer|"
    r"director|manager|founder|ceo|cto|coo|president|chief|head of|specialist|expert|analyst|reviewer|"
    r"intern|senior|associate|professor|updated|published|posted|read|min|comments?|"
    r"share|follow|view|profile|about|all posts|more from|contact|reviewed|fact.checked|edited|"
    r"written|author|authors|staff writer|guest|team lead|medically|sponsored|advertis\w*|"
    r"min read|hours? ago|days? ago|minutes? ago|subscribe|newsletter|login|sign in|consultant|officer|"
    r"engineer|developer|designer|strategist|scientist|researcher|coordinator|lead|partner|attorney|"
    r"lawyer|dietitian|nutritionist|therapist|coach|instructor|teacher|student|marketing|development|"
    r"strategy|department|university|institute|inc|llc|ltd|gmbh|company|agency|group|media|news)\b",
    re.I,
)
#: Post-nominal credentials ("MD", "Ph.D.", "RD", "CFP"): dropped after a comma.
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,5}\.?$|^[A-Z]{2,6}(?:[-\s]?\w{1,4})?\u00ae?$")
#: A date glued to a name by markup without spaces ("Jane Doe3/4/2025").
_GLUED_DATE = re.compile(r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")
#: "By" words left alone when the name sits in another element.
_BY_WORDS = frozenset(("by", "von", "par", "por", "door", "av", "af", "written by", "posted by", "author", "authors"))
#: Collective bylines a page may declare as its author ("News Desk", "The Upwork Team", "Community Editor").
_COLLECTIVE = re.compile(r"\b(?:team|desk|editors?|staff|contributors?)$", re.I)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_BY_LINE = re.compile(
    r"^(?:(?:written|posted|published|reviewed|story|words|article)\s+)?by\b\s*:?\s*(?P<rest>.*)$"
    r"|^(?:authors?|writers?|contributors?)\s*:\s*(?P<rest2>.*)$",
    re.I,
)
_NAME_CASE = re.compile(r"^[A-Z\u00c0-\u024f]")
#: Lower-case words allowed inside a name written in title case.
_PARTICLES = frozenset(("van", "von", "de", "da", "del", "der", "di", "la", "le", "du", "dos", "bin", "al", "ibn", "y"))

_XP_BYLINE_ALL = etree.XPath(
    "//@class[contains(., 'author') or contains(., 'byline') or contains(., 'writer')]/.."
    " | //@id[contains(., 'author') or contains(., 'byline')]/.."
    " | //*[@itemprop='author' or @rel='author' or @property='author']"
)
_XP_ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")
_XP_AFTER_TEXT = etree.XPath("following::text()[normalize-space()][position() <= $n]")
_CLASS_TOKEN = re.compile(r"[a-z0-9]+")
#: Class tokens of byline containers (whole tokens, after splitting on - and _).
_BYLINE_WORDS = frozenset(("author", "authors", "byline", "writer", "autor", "auteur", "authorname"))
#: Tokens that mark something other than the byline: comments, avatars, bios, widgets.
_NOT_BYLINE_WORDS = frozenset(
    (
        "comment",
        "comments",
        "reply",
        "replies",
        "avatar",
        "img",
        "image",
        "photo",
        "bio",
        "description",
        "desc",
        "social",
        "widget",
        "related",
        "recent",
        "latest",
        "popular",
        "sidebar",
        "follow",
        "title",
        "job",
        "role",
        "position",
    )
)
_SKIP_TAGS = frozenset(("meta", "link", "script", "style", "body", "html", "img", "svg", "button", "form", "input"))

_META_AUTHOR = (
    "author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "byl",
)


def clean_names(raw: str, strict: bool = False) -> list[str]:
    """Personal names in a byline string: no "By", roles, credentials, e-mails or URLs.

    `strict` (for names read from page text rather than declared) also asks for
    names written like names: capitalised words, or a single user-name token.
    """
    text = clean(raw)
    text = _EMAIL.sub(" ", _URL.sub(" ", text))
    text = _PREFIX.sub("", text).strip(" :-\u2013\u2014|,")
    names: list[str] = []
    for part in _SPLIT.split(text):
        part = _HANDLE.sub(" ", part)
        part = _PREFIX.sub("", part.strip()).strip(" .:-\u2013\u2014|,[]\"'")
        part = _GLUED_DATE.sub("", part)
        if part.count("(") != part.count(")"):
            part = part.strip("()").strip()
        part = _drop_credentials(part)
        if part.endswith(".") and not re.search(r"\b\w\.$", part):
            part = part.rstrip(".")
        collective = not strict and not names and _COLLECTIVE.search(part) and len(part.split()) <= MAX_NAME_WORDS
        if _looks_like_name(part, strict) or collective:
            if part not in names:
                names.append(part)
        elif strict and names and _ROLE.search(part):
            break  # "Jane Doe, Head of Marketing and Community Development": the rest describes her
    return names


def _drop_credentials(part: str) -> str:
    """ "Jane Doe RN" without the credential (a name keeps at least two words)."""
    words = part.split()
    while len(words) > 2 and _CREDENTIAL.match(words[-1]) and words[-1].upper() == words[-1]:
        words.pop()
    return " ".join(words) if len(words) != len(part.split()) else part


def _looks_like_name(part: str, strict: bool) -> bool:
    if part.casefold() in _BY_WORDS:
        return False
    if not part or len(part) > MAX_NAME_CHARS or len(part.split()) > MAX_NAME_WORDS:
        return False
    if not _HAS_LETTER.search(part) or is_url(part):
        return False
    if _CREDENTIAL.match(part) and len(part.split()) == 1 and part.upper() == part:
        return False
    if _ROLE.search(part):
        return False
    if strict:
        words = part.split()
        if _DIGIT.search(part) and len(words) > 1:
            return False
        if len(words) > 1 and not all(_NAME_CASE.match(w) or w.lower() in _PARTICLES for w in words):
            return False
    return True


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
        if isinstance(item, dict) and types_of(item) & ORG_TYPES and "person" not in types_of(item):
            continue  # an organisation credited as author is the publisher, not a writer
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
    keys = [*_META_AUTHOR, "article:author", *_labelled_author_keys(page)]
    for key in keys:
        names: list[str] = []
        for value in page.meta.get(key, []):
            if is_url(value):
                continue
            names += [n for n in clean_names(value) if squash(n) not in unwanted and n not in names]
        if names:
            return names
    return []


def _labelled_author_keys(page: Page) -> list[str]:
    """twitter:dataN keys whose twitter:labelN says "Written by" / "Author" (SEO plugins emit these)."""
    keys = []
    for n in range(1, 5):
        label = (page.first(f"twitter:label{n}") or "").casefold()
        if label.startswith(("written by", "author", "by")):
            keys.append(f"twitter:data{n}")
    return keys


def _is_byline(el: HtmlElement) -> bool:
    if el.get("itemprop") == "author" or el.get("rel") == "author" or el.get("property") == "author":
        return True
    tokens: set[str] = set()
    for attr in ("class", "id"):
        tokens.update(_CLASS_TOKEN.findall((el.get(attr) or "").lower()))
    return bool(tokens & _BYLINE_WORDS) and not tokens & _NOT_BYLINE_WORDS


def _names_in(elements: list[HtmlElement], unwanted: list[str]) -> list[str]:
    for el in elements:
        if el.tag in _SKIP_TAGS:
            continue
        named = _XP_ITEMPROP_NAME(el)
        if named:
            text = clean(named[0].get("content") or element_text(named[0]))
        else:
            text = element_text(el) or clean(el.get("content") or el.get("title") or el.get("alt") or "")
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = [n for n in clean_names(text, strict=True) if squash(n) not in unwanted]
        if names:
            return names
    return []


def _byline_authors(page: Page, unwanted: list[str]) -> list[str]:
    """Byline markup in the title's neighbourhood (the closest container holding one), else anywhere."""
    candidates = [el for el in _XP_BYLINE_ALL(page.tree) if isinstance(el.tag, str) and _is_byline(el)]
    if not candidates:
        return []
    heading = page.title_element
    if heading is not None:
        for level, node in enumerate(heading.iterancestors()):
            if level >= BYLINE_LEVELS:
                break
            found = _names_in([el for el in candidates if _inside(el, node)], unwanted)
            if found:
                return found
    return _names_in(candidates, unwanted)


def _inside(el: HtmlElement, node: HtmlElement) -> bool:
    return any(ancestor is node for ancestor in el.iterancestors())


def _by_line_authors(page: Page, unwanted: list[str]) -> list[str]:
    """A "By Jane Doe" line after the title (the name may be in the next text piece, a link)."""
    heading = page.title_element
    if heading is None:
        return []
    texts = [clean(t) for t in _XP_AFTER_TEXT(heading, n=BY_LINE_WINDOW)]
    for i, text in enumerate(texts):
        if len(text) > MAX_BYLINE_CHARS:
            continue
        m = _BY_LINE.match(text)
        if not m:
            continue
        rest = (m.group("rest") or m.group("rest2") or "").strip()
        candidates = [rest] if rest else []
        candidates += texts[i + 1 : i + 2] if not rest or len(rest) < 3 else []
        for candidate in candidates:
            names = [n for n in clean_names(candidate, strict=True) if squash(n) not in unwanted]
            if names:
                return names
    return []


#: Class tokens (with - and _ removed) of the poster's name in forum software.
_POSTER_WORDS = frozenset(
    ("username", "bigusername", "postuser", "postusername", "poster", "postauthor", "ipsusername")
)
#: A page with fewer posters' names than this is not a thread.
MIN_POSTS = 2
_CLASS_WORD = re.compile(r"[a-z0-9]+")


_XP_POSTERS = etree.XPath(
    "//*[@data-author or contains(@class, 'sername') or contains(@class, 'oster')"
    " or contains(@class, 'ostUser') or contains(@class, 'ostAuthor') or contains(@class, 'ost-author')]"
)


def _poster_elements(page: Page) -> list[HtmlElement]:
    found = []
    for el in _XP_POSTERS(page.tree):
        if el.tag in _SKIP_TAGS:
            continue
        if el.get("data-author"):
            found.append(el)
            continue
        classes = el.get("class") or ""
        if set(_CLASS_WORD.findall(classes.lower().replace("-", "").replace("_", ""))) & _POSTER_WORDS:
            found.append(el)
    return found


def _forum_authors(page: Page, unwanted: list[str]) -> list[str]:
    """The thread starter: the first poster's name on a page listing several posts (forum software marks them)."""
    posters = _poster_elements(page)
    if len(posters) < MIN_POSTS:
        return []
    for el in posters:
        text = clean(el.get("data-author")) or element_text(el)
        if not text or len(text) > MAX_NAME_CHARS:
            continue
        names = [n for n in clean_names(text) if squash(n) not in unwanted]
        if names:
            return names[:1]
    return []


#: Author sources in the order they are trusted (measured on the dev benchmark).
_SOURCES = (_ld_authors, _meta_authors, _forum_authors, _byline_authors, _by_line_authors)


def find_authors(page: Page, site_name: str | None, keep_site: bool = False) -> list[str]:
    """Author names (see module docstring); [] when the page names none.

    The site's own name given as the author is dropped unless `keep_site`.
    """
    unwanted = [] if keep_site else declared_site_names(page, site_name)
    for source in _SOURCES:
        found = source(page, unwanted)
        if found:
            return found
    return []
