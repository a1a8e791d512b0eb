"""The publication date of an HTML page, as ISO 8601.

Sources, most explicit first: JSON-LD ``datePublished`` of the article, meta tags
(``article:published_time`` and its many cousins), ``<time>`` and ``itemprop``
elements marked as the publication date, a date in the URL path. Modification
dates are used only when the page gives nothing else.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml import etree

from .dates import parse_date
from .html_page import Page, clean
from .jsonld import ARTICLE_TYPES, PAGE_TYPES, text_value

#: Dates before this year are errors or placeholders (the web is younger).
MIN_YEAR = 1995
#: Dates this many years past the current one are errors.
MAX_YEARS_AHEAD = 1

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "publicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "created",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "bt:pubdate",
    "pub_date",
    "release_date",
    "displaydate",
    "dateCreated".lower(),
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)

_ISO = re.compile(
    r"(?P<y>(?:19|20)\d{2})-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?P<time>[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?"
)
_SLASHED = re.compile(r"^(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b")
_EPOCH = re.compile(r"^1[0-9]{9}(?:[0-9]{3})?$")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-]?(?P<m>[01]\d)[/-]?(?P<d>[0-3]\d)(?:/|[-_]|$)")

_XP_PUBLISHED_ELEMENTS = etree.XPath(
    "//*[@itemprop='datePublished' or @property='datePublished' or @itemprop='dateCreated'"
    " or (self::time and (@pubdate or contains(@class, 'publish') or contains(@class, 'entry-date')"
    " or contains(@class, 'post-date')))]"
)
_XP_TIME = etree.XPath("//time[@datetime]")
_XP_MODIFIED_TIME = etree.XPath("ancestor-or-self::*[contains(@class, 'updated') or contains(@class, 'modified')]")


def normalise(value: str | None) -> str | None:
    """`value` as an ISO date (YYYY-MM-DD, or the full timestamp when given), or None."""
    if not value:
        return None
    value = clean(value)
    m = _ISO.search(value)
    if m:
        iso = _checked(m.group("y"), m.group("m"), m.group("d"))
        if iso and m.group("time") and m.start() == 0 and "-" in m.group(0)[:8]:
            return m.group(0).replace(" ", "T", 1)
        if iso:
            return iso
    m = _SLASHED.match(value)
    if m:
        return _checked(m.group("y"), m.group("m"), m.group("d"))
    if _EPOCH.match(value):
        seconds = int(value[:10])
        return _checked(*datetime.utcfromtimestamp(seconds).strftime("%Y %m %d").split())
    found = parse_date(value)
    return found if found and _plausible(int(found[:4])) else None


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= date.today().year + MAX_YEARS_AHEAD


def _checked(y: str, m: str, d: str) -> str | None:
    try:
        found = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return found.isoformat() if _plausible(found.year) else None


def _ld_date(page: Page, key: str) -> str | None:
    for types in (ARTICLE_TYPES, PAGE_TYPES):
        for obj in page.ld.of_types(types):
            found = normalise(text_value(obj.get(key)))
            if found:
                return found
    return None


def _element_date(el: etree._Element) -> str | None:
    for attr in ("datetime", "content", "title"):
        found = normalise(el.get(attr))
        if found:
            return found
    return normalise(el.text_content()[:100])


def _marked_dates(page: Page) -> str | None:
    for el in _XP_PUBLISHED_ELEMENTS(page.tree):
        found = _element_date(el)
        if found:
            return found
    return None


def _first_time(page: Page) -> str | None:
    """The first <time datetime> not marked as an update."""
    for el in _XP_TIME(page.tree):
        if _XP_MODIFIED_TIME(el):
            continue
        found = normalise(el.get("datetime"))
        if found:
            return found
    return None


def url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    return _checked(m.group("y"), m.group("m"), m.group("d")) if m else None


def find_date(page: Page) -> str | None:
    """The publication date (see module docstring), or None."""
    found = _ld_date(page, "datePublished")
    if found:
        return found
    for key in PUBLISHED_META:
        for value in page.meta.get(key, []):
            found = normalise(value)
            if found:
                return found
    found = _marked_dates(page) or url_date(page.url) or _first_time(page) or _ld_date(page, "dateCreated")
    if found:
        return found
    found = _ld_date(page, "dateModified")
    if found:
        return found
    for key in MODIFIED_META:
        for value in page.meta.get(key, []):
            found = normalise(value)
            if found:
                return found
    return None
