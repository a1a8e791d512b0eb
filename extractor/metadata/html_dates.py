"""The publication date of an HTML page, as ISO 8601.

Sources, most explicit first: meta tags (``article:published_time`` and its many
cousins), JSON-LD ``datePublished``, elements marked as the publication date
(``itemprop``, ``<time pubdate>``), a date in the URL path, the first ``<time>``,
a date written near the title, a date after a cue ("Published", "Last updated")
anywhere, htmldate's reading of the markup. Modification dates come last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime

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
    "og:article:published_time",
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
    "datecreated",
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
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-]?(?P<m>[01]\d)[/-]?(?P<d>[0-3]\d)(?!\d)")

_XP_PUBLISHED_ELEMENTS = etree.XPath(
    "//*[@itemprop='datePublished' or @property='datePublished' or @itemprop='dateCreated'"
    " or (self::time and (@pubdate or contains(@class, 'publish') or contains(@class, 'entry-date')"
    " or contains(@class, 'post-date')))]"
)
_XP_TIME = etree.XPath("//time[@datetime]")
_XP_MODIFIED_TIME = etree.XPath("ancestor-or-self::*[contains(@class, 'updated') or contains(@class, 'modified')]")


#: How many text pieces after / before the title heading are searched for a written date.
NEAR_TITLE_AFTER = 30
NEAR_TITLE_BEFORE = 10
#: A text piece longer than this is prose; its dates are about something else.
MAX_DATE_LINE_CHARS = 120
_DIGIT_RUN = re.compile(r"\d{4}")
_XP_AFTER = etree.XPath("following::text()[normalize-space()][position() <= $n]")
_XP_BEFORE = etree.XPath("preceding::text()[normalize-space()][position() <= $n]")


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
        return _checked(*datetime.fromtimestamp(seconds, UTC).strftime("%Y %m %d").split())
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


def _visible_date(page: Page) -> str | None:
    """A date written near the title: in its heading, just after it, or just before it."""
    heading = page.title_element
    if heading is None:
        return None
    after = _XP_AFTER(heading, n=NEAR_TITLE_AFTER)
    before = _XP_BEFORE(heading, n=NEAR_TITLE_BEFORE)
    for text in (*heading.itertext(), *after, *reversed(before)):
        if len(text) > MAX_DATE_LINE_CHARS or not _DIGIT_RUN.search(text):
            continue
        parent = getattr(text, "getparent", lambda: None)()
        if parent is not None and not text.is_tail and parent.tag in ("script", "style", "noscript", "template"):
            continue
        found = parse_date(text)
        if found and _plausible(int(found[:4])):
            return found
    return None


_CUE = re.compile(r"\b(?:published|posted|updated|last (?:updated|modified|reviewed)|date)\b", re.I)
_XP_CUED = etree.XPath(
    "//body//text()[string-length(normalize-space()) > 3 and string-length(.) < $max]"
    "[not(ancestor::script or ancestor::style)]"
)


def _cued_date(page: Page) -> str | None:
    """A date anywhere in the page after a cue ("Published", "Posted on", "Last updated")."""
    texts = _XP_CUED(page.tree, max=MAX_DATE_LINE_CHARS)
    for i, text in enumerate(texts):
        if _CUE.search(text):
            for piece in (text, *texts[i + 1 : i + 3]):
                found = parse_date(piece)
                if found and _plausible(int(found[:4])):
                    return found
    return None


def url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    return _checked(m.group("y"), m.group("m"), m.group("d")) if m else None


def _meta_date(page: Page) -> str | None:
    for key in PUBLISHED_META:
        for value in page.meta.get(key, []):
            found = normalise(value)
            if found:
                return found
    for key, values in page.meta.items():  # other spellings: "published", "og:article:published_date", ...
        if "publish" in key and "publisher" not in key:
            found = normalise(values[0])
            if found:
                return found
    return None


def _htmldate(page: Page) -> str | None:
    """htmldate's reading of the markup (its free-text search off: that one guesses).

    The last resort before modification dates: it costs tens of milliseconds a call.
    """
    from htmldate import find_date as htmldate_find_date

    try:
        found = htmldate_find_date(page.tree, original_date=True, url=page.url, extensive_search=False)
    except (ValueError, TypeError, AttributeError):  # it parses arbitrary markup; never let it fail a page
        return None
    return normalise(found)


def _modified_date(page: Page) -> str | None:
    found = _ld_date(page, "dateModified")
    if found:
        return found
    for key in MODIFIED_META:
        for value in page.meta.get(key, []):
            found = normalise(value)
            if found:
                return found
    return None


#: Date sources after the meta tags and JSON-LD, in the order they are trusted (measured on the dev benchmark).
_LATER_SOURCES: tuple[Callable[[Page], str | None], ...] = (
    _marked_dates,
    lambda page: url_date(page.url),
    _first_time,
    lambda page: _ld_date(page, "dateCreated"),
    _visible_date,
    _cued_date,
    _htmldate,
    _modified_date,
)


def find_date(page: Page) -> str | None:
    """The publication date (see module docstring), or None.

    A meta tag wins; a JSON-LD date that the date shown under the title contradicts
    loses to the shown one (themes fill JSON-LD with the post's creation date while
    the page shows, and the reader sees, a later one); then the other sources in turn.
    """
    found = _meta_date(page)
    if found:
        return _filed_day(found, page)
    found = _ld_date(page, "datePublished")
    if found:
        shown = _visible_date(page)
        if shown and shown != found[:10] and not _swapped(shown, found):
            return shown
        return _filed_day(found, page)
    for source in _LATER_SOURCES:
        found = source(page)
        if found:
            return found
    return None


def _swapped(shown: str, declared: str) -> bool:
    """`shown` is `declared` with day and month read the other way round ("09.10.2024")."""
    return shown[:4] == declared[:4] and shown[5:7] == declared[8:10] and shown[8:10] == declared[5:7]


def _filed_day(found: str, page: Page) -> str:
    """The URL's date instead of `found` when they are a day apart: a timestamp in UTC past midnight."""
    filed = url_date(page.url)
    if not filed or filed == found[:10]:
        return found
    try:
        apart = abs((date.fromisoformat(filed) - date.fromisoformat(found[:10])).days)
    except ValueError:
        return found
    return filed if apart == 1 else found
