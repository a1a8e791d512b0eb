"""The page's own title and the site's name.

The ``<title>`` and ``og:title`` usually carry the site's name ("Headline | Site");
the ``<h1>`` usually does not, but a page may have several, or none, or a logo in
one. The title chosen is the one the sources agree on, with site names cut off.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from .html_page import Page, clean, element_text
from .jsonld import ARTICLE_TYPES, ORG_TYPES, PAGE_TYPES, text_value, types_of
from .url_slug import slug_share, slug_words

#: Separators between a title and the site's name: spaced dashes, bars, bullets, colons.
_SEPARATOR = re.compile(r"\s+(?:[-\u2013\u2014~:/\\]|::)\s+|\s*[|\u2022\u00b7\u00bb\u2039\u203a\u2756\u25b8]\s*")
_SQUASH = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
#: A heading sharing this share of the title's words is the title's heading (bylines and dates sit near it).
HEADING_MIN_SHARE = 0.5
#: How many <h1> elements are considered (templates put extra ones in sidebars).
MAX_H1 = 5
#: A heading longer than this is a paragraph styled as a heading.
MAX_TITLE_CHARS = 300
#: A title segment naming the site has at most this many words.
MAX_SITE_WORDS = 6
_HOST_NOISE = frozenset(("www", "com", "org", "net", "co", "uk", "io", "blog", "en", "m", "de", "fr", "edu", "gov"))


def squash(text: str) -> str:
    """Letters and digits only, case-folded: the form titles are compared in."""
    return _SQUASH.sub("", text.casefold())


def find_site_name(page: Page) -> str | None:
    """The site's name: og:site_name, JSON-LD WebSite or publisher name, application-name."""
    found = page.first("og:site_name")
    if found:
        return found
    for obj in page.ld.of_types(frozenset(("website",))):
        name = text_value(obj.get("name"))
        if name:
            return clean(name)
    for obj in page.ld.of_types(ARTICLE_TYPES | PAGE_TYPES):
        publisher = page.ld.resolve(obj.get("publisher"))
        if isinstance(publisher, dict):
            name = text_value(publisher.get("name"))
            if name:
                return clean(name)
    return page.first("application-name", "apple-mobile-web-app-title")


def declared_site_names(page: Page, site_name: str | None) -> list[str]:
    """The names the page declares for its site (og:site_name, application-name, JSON-LD), squashed."""
    names = [site_name or "", *page.meta.get("og:site_name", []), *page.meta.get("application-name", [])]
    names += page.meta.get("apple-mobile-web-app-title", [])
    for obj in page.ld.of_types(ORG_TYPES | frozenset(("website",))):
        if "person" not in types_of(obj):
            names.append(text_value(obj.get("name")) or "")
    return [s for s in {squash(n) for n in names} if len(s) >= 2]


def site_names(page: Page, site_name: str | None) -> list[str]:
    """Every name the site goes by on this page, squashed, for spotting it inside titles."""
    names = list(declared_site_names(page, site_name))
    labels = [x for x in page.host.split(".") if x and x not in _HOST_NOISE]
    names += labels
    if len(labels) >= 2:
        names.append("".join(labels[-2:]))
    names += _domain_names(page.host)
    return [s for s in {squash(n) for n in names} if len(s) >= 2]


#: Second-level labels under which a country's domains are registered ("example.co.uk").
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "ac", "gov", "edu"))


def _domain_names(host: str) -> list[str]:
    """The site's domain as pages write it for its name ("example.org", "forum.example.org")."""
    parts = [x for x in host.removeprefix("www.").split(".") if x]
    if len(parts) < 2:
        return []
    keep = 3 if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL else 2
    return [".".join(parts), ".".join(parts[-keep:])]


def _not_titles(names: list[str], declared: list[str]) -> list[str]:
    """`names` without those that repeat a whole declared title made of several segments.

    A page that gives its own headline as the site's name (a JSON-LD WebSite named
    "Topic 2026 / 2027") would otherwise have parts of its title cut as the site's name.
    """
    titles = {squash(t) for t in declared if len(_SEPARATOR.split(t)) > 1}
    return [n for n in names if n not in titles]


def _is_site(segment: str, names: list[str]) -> bool:
    s = squash(segment)
    if not s:
        return True
    short = len(segment.split()) <= MAX_SITE_WORDS
    return any(s == name or (short and len(name) >= 4 and (name in s or s in name)) for name in names)


#: A host name written as a word ("example.org").
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def strip_site(title: str, names: list[str]) -> str:
    """`title` without the segments that name the site ("Headline | Site", "Site | Headline")."""
    domain, _, rest = title.partition(" ")
    if rest[:1].isalnum() and _DOMAIN.fullmatch(domain) and squash(domain) in names:
        title = rest.strip()  # "example.org Headline": the site's address before the title, with no separator
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    seps = _SEPARATOR.findall(title)
    lo, hi = 0, len(parts)
    while hi - lo > 1 and _is_site(parts[hi - 1], names):
        hi -= 1
    if hi < len(parts) and hi - lo > 1 and all(sep.strip() == "/" for sep in seps):
        hi = lo + 1  # a forum's trail "Topic / Board / Forum": the topic alone
    # "Site | Headline", "Site • Headline"; "Site | example.org - Headline": after the site's name, its address
    # (alone, "example.org - Slogan" is a home page's title, the address its name)
    while (
        hi - lo > 1
        and squash(parts[lo]) in names
        and (seps[lo].strip() in _LEAD_SEPARATORS or _after_site(lo, parts[lo]))
    ):
        lo += 1
    if hi - lo > 1 and lo and squash(parts[lo]) in _FORUM_LABELS:  # "Forum • View topic - Topic"
        lo += 1
    if (lo, hi) == (0, len(parts)):
        return title
    out = parts[lo]
    for i in range(lo + 1, hi):
        out += seps[i - 1] + parts[i]
    return out.strip()


#: Separators after which a leading site name is cut ("Site | Headline", "Site • Headline").
_LEAD_SEPARATORS = frozenset(("|", "\u2022", "\u00b7"))


#: What forum software writes between the forum's name and a topic's title.
_FORUM_LABELS = frozenset(("viewtopic", "viewthread", "topic", "thread"))


def _after_site(index: int, segment: str) -> bool:
    """`segment` is the site's address following another segment (the site's name, already cut)."""
    return index > 0 and _DOMAIN.fullmatch(segment) is not None


def title_runs(title: str) -> tuple[list[str], list[str]]:
    """Runs of consecutive segments of `title`: (those starting at the first segment, the others).

    Used to match a heading inside a title whose site part was not recognised.
    """
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    prefixes, others = [], []
    for lo in range(len(parts)):
        out = parts[lo]
        for hi in range(lo + 1, len(parts) + 1):
            if hi > lo + 1:
                out += seps[hi - 2] + parts[hi - 1]
            (prefixes if lo == 0 else others).append(out.strip())
    return prefixes, others


def _headings(page: Page, names: list[str]) -> dict[str, HtmlElement]:
    """Texts of the page's first <h1> elements (not naming the site), mapped to their element."""
    found: dict[str, HtmlElement] = {}
    for el in page.h1s[:MAX_H1]:
        text = element_text(el)
        if text and len(text) <= MAX_TITLE_CHARS and squash(text) not in names and not text.endswith(":"):
            found.setdefault(text, el)  # a heading ending in a colon introduces what follows
    numbered = [text for text in found if _SECTION_NUMBER.match(text)]
    if len(numbered) > 1:  # "1. Overview", "2. Syntax": the page's sections, each under an <h1>
        found = {text: el for text, el in found.items() if text not in numbered}
    return found


#: The end of a sentence inside a text ("... investment)? Get expert tips").
_SENTENCE_END = re.compile(r"\w\)?[.?!]\s+[A-Z]")
#: A heading holding this many sentence ends inside it is a paragraph styled as a heading.
MAX_HEADING_SENTENCES = 2

#: A section number before a heading ("2. Syntax", "3.1 Options").
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*\.\s|\d+(?:\.\d+)+\s")


#: Types that come as items of a list on a page (an FAQ's questions, a product's reviews).
_ITEM_TYPES = frozenset(("question", "review"))
#: Types holding such lists.
_LISTING_TYPES = frozenset(("faqpage", "product", "productgroup"))


def _page_articles(page: Page) -> list[dict]:
    """The page's JSON-LD articles, without the items of a list (FAQ questions, product reviews).

    A question is the page's own only on a question page: alone and outside an FAQ.
    """
    found = list(page.ld.of_types(ARTICLE_TYPES))
    items = [obj for obj in found if types_of(obj) <= _ITEM_TYPES]
    if not items:
        return found
    listed = len(items) > 1 or any(True for _ in page.ld.of_types(_LISTING_TYPES))
    return [obj for obj in found if not (listed and types_of(obj) <= _ITEM_TYPES)]


def _meta_titles(page: Page) -> list[str]:
    """Titles the page declares, best source first: JSON-LD headline, og, twitter, <title>."""
    found = []
    for obj in _page_articles(page):
        headline = text_value(obj.get("headline")) or text_value(obj.get("name"))
        if headline:
            found.append(clean(headline))
            break
    for value in (page.first("og:title"), page.first("twitter:title"), page.title_tag, page.first("dc.title")):
        if value:
            found.append(value)
    return [t for t in found if t and len(t) <= MAX_TITLE_CHARS]


def find_title(page: Page, site_name: str | None) -> str | None:
    """The article's own title (see module docstring), without a tagline after a bar."""
    title = _find_title(page, site_name)
    title = title and _page_quotes(page, _halfwidth(_unmangle(title)))
    if title and site_name and squash(title) in _HOME_LABELS:
        return site_name  # the home page's label names no page: the site's name is its title
    return _cut_tagline(_without_acronym(_STATUS_NOTE.sub("", _SUBSECTION.sub("", title)))) if title else title


#: UTF-8 read as Latin-1 or windows-1252: "â€™" or "â\x80\x99" for "’", "Ã©" for "é".
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _unmangle(text: str) -> str:
    """`text` with UTF-8 that was read as a single-byte charset decoded again (when it all decodes)."""
    if not _MOJIBAKE.search(text):
        return text
    for charset in ("cp1252", "latin-1"):
        try:
            return text.encode(charset).decode("utf-8")
        except UnicodeError:
            continue
    return text


#: Typographic quote marks, and the plain ones a text writes instead: an apostrophe inside a word, a double quote.
_CURLY_QUOTES = re.compile("[\u2018\u2019\u201c\u201d]")
_PLAIN_QUOTES = re.compile("(?<=\\w)'(?=\\w)|\"")
_OTHER_QUOTES = re.compile("[\u201a\u201e\u00ab\u00bb\u2039\u203a]")
_STRAIGHTEN = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
_XP_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")


def _page_quotes(page: Page, title: str) -> str:
    """`title` with plain quote marks when the page's own text writes most of its quotes plainly.

    Publishing tools curl the quotes of titles and headings ("Here\u2019s Why") on pages whose
    text keeps the plain ones ("Here's why"); the page's own majority style is its style.
    """
    if not _CURLY_QUOTES.search(title) or _OTHER_QUOTES.search(title) or not _english(page):
        return title  # other languages pair their quotes otherwise (German \u201eso\u201c)
    text = "".join(_XP_TEXT(page.tree))
    plain, curly = len(_PLAIN_QUOTES.findall(text)), len(_CURLY_QUOTES.findall(text))
    return title.translate(_STRAIGHTEN) if plain > curly else title


#: Full-width forms of ASCII ("？", "！", "：") and the scripts that write them.
_FULLWIDTH = re.compile("[\uff01-\uff5e]")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _halfwidth(text: str) -> str:
    """`text` with full-width ASCII forms written plainly, unless it is Chinese, Japanese or Korean.

    A Latin-script title ending in "？" was typed with an East Asian input method.
    """
    if not _FULLWIDTH.search(text) or _CJK.search(text):
        return text
    return _FULLWIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


#: A note after a listing's or product's name that is no part of it: a count of what the listing holds
#: ("Best Books Ever (77141 books)", not a year: "(2025 Reviews)"), the product's availability ("(Sold Out)").
_STATUS_NOTE = re.compile(
    r"\s+\((?:(?!(?:19|20)\d\d\s)[\d,.]+\s+(?:books|items|results|products|titles|listings|posts|articles|reviews|ratings)"
    r"|(?:discontinued|sold out|out of stock|no longer available)(?:\s+(?:item|product))?)\)$",
    re.IGNORECASE,
)

#: A chapter-and-section number before a documentation page's title ("3.1 Branches in a Nutshell").
_SUBSECTION = re.compile(r"^\d+(?:\.\d+)+\.?\s+(?=[A-Z])")

#: An acronym before a separator: "GNW - ".
_ACRONYM = re.compile(r"([A-Z]{2,6})\s+[-\u2013\u2014|:]\s+")


def _without_acronym(title: str) -> str:
    """`title` without a leading acronym of the name that follows it ("GNW - Gaming News Weekly")."""
    m = _ACRONYM.match(title)
    if not m:
        return title
    rest = title[m.end() :]
    initials = "".join(w[0] for w in rest.split() if w[0].isupper())
    return rest if initials == m.group(1) else title


_HOME_LABELS = frozenset(("home", "homepage", "start", "startpage", "welcome"))

#: A bar separates a title from a tagline or section ("Best Movers in 2025 | Top 19 Companies").
_BAR = re.compile(r"\s+\|\s+")
#: The part before the bar must have this many words to stand as the title.
MIN_TITLE_WORDS_BEFORE_BAR = 2


#: A spaced dash before a short last part: "Gym Workouts for Beginners - Strength Training".
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
#: A last part after a dash with at most this many words is a tagline; the head needs at least the other.
MAX_TAGLINE_WORDS = 3
MIN_HEAD_WORDS = 3


_MONTH_YEAR = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d", re.IGNORECASE
)


def _cut_tagline(title: str) -> str:
    head = _BAR.split(title, maxsplit=1)[0].strip()
    if head != title and len(head.split()) >= MIN_TITLE_WORDS_BEFORE_BAR:
        return head
    parts = _DASH.split(title)
    if len(parts) == 2 and len(parts[1].split()) <= MAX_TAGLINE_WORDS and len(parts[0].split()) >= MIN_HEAD_WORDS:
        # a lower-case phrase goes on with the title's sentence ("Moving to a plant-based diet – tips and tricks");
        # one lower-case word is a variant ("Leather jacket - black")
        sentence = parts[1][:1].islower() and len(parts[1].split()) > 1
        # a month and year dates the title ("Best Budget Earbuds - March 2026"): no tagline
        return title if sentence or _MONTH_YEAR.fullmatch(parts[1].strip()) else parts[0].strip()
    return title


def _find_title(page: Page, site_name: str | None) -> str | None:
    """The title before taglines are cut.

    A heading that a declared title agrees with wins: first one equal to a declared
    title without its site name, then one equal to the start of a declared title, then
    one equal to any run of its segments. The declared wording is returned (it is plain
    text, where a heading's text may have lost spaces between inline elements).
    Without agreement the first heading wins on articles; on other pages (products,
    services, listings, whose <h1> is often a slogan) declared titles that agree
    with each other win over it, and so do they on undated articles whose heading is
    a sentence-case selling line against their title-case name. Where heading and
    declared title disagree, the page's address decides first when its slug clearly
    repeats one of them.
    """
    declared = _meta_titles(page)
    names = _not_titles(site_names(page, site_name), declared)
    elements = _headings(page, names)
    # a paragraph set as a heading is no title (it still marks where the article starts)
    headings = [h for h in elements if len(_SENTENCE_END.findall(h)) < MAX_HEADING_SENTENCES]
    if headings:  # a declared title cut off with an ellipsis ("Wedding Planning Checklists…") is no title
        declared = [t for t in declared if not _TRUNCATED.search(t)]
    # A heading repeating the end of the title ("Chapter - Book Name" over an <h1> "Book Name") names the site.
    whole = {squash(t) for t in declared}
    site_headings = {
        squash(h) for h in headings if squash(h) not in whole and any(_is_tail(h, t, names) for t in declared)
    }
    if site_headings:
        names = names + list(site_headings)
        headings = [h for h in headings if squash(h) not in site_headings]
    stripped = [strip_site(t, names) for t in declared]
    prefixes: dict[str, str] = {}
    others: dict[str, str] = {}
    for title in declared:
        head, rest = title_runs(title)
        for run in head:
            prefixes.setdefault(squash(run), run)
        for run in rest:
            others.setdefault(squash(run), run)
    for heading in headings:
        inner = _inside_heading(heading, stripped)
        if inner:
            page.title_element = elements[heading]
            return inner
    for heading in headings:
        post = _after_blog_name(heading, declared)
        if post:
            closest = _closest_heading(post, elements)
            page.title_element = closest if closest is not None else elements[heading]
            return post
    leads = {squash(lead): lead for lead in (_lead(t) for t in reversed(stripped)) if lead}
    tails = {squash(tail): tail for tail in (_tail(t) for t in reversed(stripped)) if tail}
    for level in ({squash(t): t for t in reversed(stripped)}, prefixes, others, tails, leads):
        for heading in headings:
            if squash(heading) in level:
                page.title_element = elements[heading]
                return _wording(heading, level[squash(heading)])
    # the same title with another year ("Trends to Watch in 2024" in the head, "in 2025" in the heading)
    undated = {_undated(t): t for t in reversed(stripped) if _YEAR.search(t) and _undated(t)}
    for heading in headings:
        if _YEAR.search(heading) and _undated(heading) in undated:
            page.title_element = elements[heading]
            return _newer(heading, undated[_undated(heading)])
    # every declared title is the heading with the year after it ("Best Hiking Boots" and "... in 2025")
    if len({squash(t) for t in stripped}) == 1 and _YEAR_SUFFIX.search(stripped[0]):
        for heading in headings:
            if not _YEAR.search(heading) and squash(heading) == squash(_YEAR_SUFFIX.sub("", stripped[0])):
                page.title_element = elements[heading]
                return stripped[0]
    # the heading words the declared title in another order ("Online Graphic Design Course" in the heading,
    # "Graphic Design Course Online" declared for search): the heading's wording
    if headings and any(_reordered(headings[0], t) for t in stripped):
        page.title_element = elements[headings[0]]
        return headings[0]
    # "Site - slogan" on an inner page is the site's own title, no evidence against the page's heading
    own = [t for t, d in zip(stripped, declared, strict=True) if not (_inner_page(page) and _site_led(d, names))]
    # an inner page declaring only the site's name ("Shop") names no page: its heading does
    nameless = _inner_page(page) and all(squash(t) in names for t in stripped)
    vote = _slug_vote(_slug(page), headings[0], _most_supported(own or stripped)) if headings and stripped else 0
    if headings and (
        vote > 0
        or (
            vote == 0
            and (_article_like(page) or not _agreed(stripped) or nameless)
            and not _unrelated(headings[0], own)
            and not (_SENTENCE.search(headings[0]) and _agreed(own))
            and not (
                _agreed(own) and _english(page) and _slogan(headings[0], _most_supported(own)) and not _dated(page)
            )
        )
    ):
        page.title_element = elements[headings[0]]
        return _cased(headings[0], stripped)
    if not stripped:
        return None
    title = _slug_choice(page, stripped)
    closest = _closest_heading(title, elements)
    page.title_element = closest if closest is not None else next(iter(elements.values()), None)
    return title


#: Words title case leaves in lower case ("Tips for the Road").
_MINOR_WORDS = frozenset(("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with"))
_MINOR_WORDS |= frozenset(("from", "by", "as", "is", "are", "vs", "via"))
_CASED = re.compile(r"[^\W\d_][\w'\u2019-]*")
#: Title case capitalises at least this share of the words after the first; sentence case at most the other.
MIN_TITLE_CASE_SHARE = 0.8
MAX_SENTENCE_CASE_SHARE = 0.34
#: Case tells nothing about text with fewer words after the first (minor words not counted).
MIN_CASED_WORDS = 2


def _case_shares(text: str) -> tuple[int, float]:
    """How many words `text` has after its first (minor words left out), and the share of them capitalised."""
    words = _CASED.findall(text)
    rest = [w for w in words[1:] if w.casefold() not in _MINOR_WORDS]
    if not rest:
        return 0, 0.0
    return len(rest), sum(w[0].isupper() for w in rest) / len(rest)


def _sentence_case(text: str) -> bool:
    n, share = _case_shares(text)
    return n >= MIN_CASED_WORDS and share <= MAX_SENTENCE_CASE_SHARE


def _title_case(text: str) -> bool:
    n, share = _case_shares(text)
    return n >= MIN_CASED_WORDS and share >= MIN_TITLE_CASE_SHARE


def _slogan(heading: str, declared: str) -> bool:
    """A heading in sentence case, with words of its own, against a declared title in title case (English).

    Service and product pages name themselves in title case in the head ("Business Text
    Messaging") and put a selling line in the <h1> ("Business messaging that scales").
    A heading using only the declared title's words is the same title restyled.
    """
    if not (_sentence_case(heading) and _title_case(declared)):
        return False
    return bool(_content_words(heading) - _content_words(declared))


def _english(page: Page) -> bool:
    """The page is in English, or does not say (case and quote conventions differ between languages)."""
    return page.language() in (None, "en")


def _dated(page: Page) -> bool:
    """The page states when it was published (a news or blog article, whose <h1> is its headline)."""
    return bool(page.first("article:published_time"))


#: A heading ending in a full stop is a sentence, a slogan ("The #1 CRM powers your business."), not a headline.
_SENTENCE = re.compile(r"[a-z]\.$")
#: An ellipsis ending a declared title: the title was cut to a length.
_TRUNCATED = re.compile(r"(?:\u2026|\.\.\.)$")

#: A heading sharing less than this share of its content words with every declared title is about something else.
MIN_RELATED_SHARE = 0.25
#: A declared title shorter than this (in words) is a generic label ("Docs", "Home"), not a headline.
MIN_DECLARED_WORDS = 3
_SEPARATOR_WORDS = frozenset(("-", "\u2013", "\u2014", "|", "/", "\u2022", "\u00b7", "::"))
_CURLY = str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--", "\u2122\u00ae\u00a9")


#: A subtitle after a colon or "for" ("Hiking Boots: Shop Boots for Hiking", "Headlamps for Camping").
_SUBTITLE = re.compile(r":\s+|\s+for\s+", re.IGNORECASE)


def _lead(title: str) -> str | None:
    """`title`'s part before a subtitle, when it has one."""
    lead = _SUBTITLE.split(title, maxsplit=1)[0].strip()
    return lead if lead != title.strip() else None


#: A label before a heading's title ("Blog:", "News", "Tips/Techniques", "Get that tech stack") has at most
#: this many words.
MAX_LABEL_WORDS = 4
#: The declared title found inside a heading has at least this many words.
MIN_INNER_WORDS = 2
#: What follows a title inside its heading when it is a date or byline ("... Posted on July 1, 2024 by X").
_DATELINE = re.compile(r"\b(?:19|20)\d\d\b|^(?:by|posted)\b", re.IGNORECASE)


_ARTICLES = frozenset(("a", "an", "the"))


def _is_label(text: str) -> bool:
    """`text` can be a label before a title: it has letters and is no article ("The", "A")."""
    return any(c.isalpha() for c in text) and squash(text) not in _ARTICLES


def _inside_heading(heading: str, declared: list[str]) -> str | None:
    """A declared title the heading holds with a short label before it or a dateline after it."""
    for title in declared:
        if len(title.split()) < MIN_INNER_WORDS or len(title) >= len(heading):
            continue
        label = heading[: -len(title)] if heading.endswith(title) else ""
        if (label[-1:].isspace() or label.endswith(":")) and len(label.split()) <= MAX_LABEL_WORDS and _is_label(label):
            return title
        rest = heading[len(title) :] if heading.startswith(title) else ""
        if rest[:1].isspace() and _DATELINE.search(rest.strip()):
            return title
    return None


def _tail(title: str) -> str | None:
    """`title`'s part after a label and a colon ("Building Department: Home Repair Program")."""
    tail = title.partition(": ")[2].strip()
    return tail if len(tail.split()) >= MIN_INNER_WORDS else None


def _after_blog_name(heading: str, declared: list[str]) -> str | None:
    """The post's title when the heading is the blog's name before it in a declared title.

    Blog platforms title a post "Blog Name: Post Title", declare "Post Title" alone for
    sharing, and put the blog's name in the <h1>.
    """
    alone = {squash(t): t for t in declared}
    for title in declared:
        name, colon, post = title.partition(": ")
        if colon and squash(name) == squash(heading) and squash(post) in alone:
            return alone[squash(post)]
    return None


def _wording(heading: str, declared: str) -> str:
    """The heading's own wording of a title the declared one agrees with.

    The declared wording wins only where the two differ just in quote marks, dashes
    or trademark signs (the declared one is then the plain-text form the page gives
    for sharing), where the heading lost a separator between inline elements, or
    where it writes as two words a compound the declared title hyphenates.
    """
    if heading != declared and heading.translate(_CURLY) == declared.translate(_CURLY):  # quotes, dashes, marks
        return declared
    if len(declared) > len(heading) and [w for w in declared.split() if w not in _SEPARATOR_WORDS] == heading.split():
        return declared  # a separator the heading's inline elements lost ("Info Title" for "Info - Title")
    if declared.count("-") > heading.count("-") and declared.replace("-", " ").casefold() == heading.casefold():
        return declared  # "Full-Stack Jobs" for "Full Stack Jobs"
    return heading


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A year ending a title: "in 2025", "2025", "(2025)", "[2025]".
_YEAR_SUFFIX = re.compile(r"\s+(?:in\s+)?(?:(?:19|20)\d\d|\((?:19|20)\d\d\)|\[(?:19|20)\d\d\])$", re.IGNORECASE)


def _undated(title: str) -> str:
    """`title` squashed, its years left out."""
    return squash(_YEAR.sub("", title))


def _newer(heading: str, declared: str) -> str:
    """Of two wordings differing in their years, the one naming the later year (the one updated last)."""
    return declared if max(_YEAR.findall(declared)) > max(_YEAR.findall(heading)) else heading


def _site_led(title: str, names: list[str]) -> bool:
    """`title` starts with the site's name followed by a separator ("Site - The home of X")."""
    parts = _SEPARATOR.split(title, maxsplit=1)
    return len(parts) == 2 and squash(parts[0]) in names


def _inner_page(page: Page) -> bool:
    """The page's address is below the site's root (not its home page)."""
    url = page.canonical_url() or page.url or ""
    try:
        return urlsplit(url).path.strip("/") != ""
    except ValueError:
        return False


def _unrelated(heading: str, declared: list[str]) -> bool:
    """`heading` shares (almost) no words with any declared title: a slogan, a section name."""
    words = _content_words(heading)
    declared = [t for t in declared if len(t.split()) >= MIN_DECLARED_WORDS]
    if not declared or not words:
        return False
    best = max(len(words & _content_words(t)) for t in declared)
    return best / len(words) < MIN_RELATED_SHARE


#: Words any two English titles may share without being about the same thing.
_FUNCTION_WORDS = frozenset(("a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from"))
_FUNCTION_WORDS |= frozenset(("by", "as", "is", "are", "be", "your", "our", "you", "we", "it", "its", "this", "that"))


def _content_words(text: str) -> set[str]:
    """`text`'s words without function words ("to", "the", "your"), case-folded."""
    return set(_WORD.findall(text.casefold())) - _FUNCTION_WORDS


def _cased(heading: str, declared: list[str]) -> str:
    """A heading set in capitals in the wording of a declared title with its words, if one has them.

    The capitals are the heading's style ("BEST DRIP COFFEE MAKER IN 2026"); the declared
    title gives the words their case ("Best Drip Coffee Maker 2026").
    """
    letters = [c for c in heading if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return heading
    words = _word_order(heading)
    return next((t for t in declared if _word_order(t) == words), heading)


def _reordered(heading: str, declared: str) -> bool:
    """`heading` has the content words of `declared` (a plural -s aside) in another order."""
    ours = [w.removesuffix("s") for w in _word_order(heading)]
    theirs = [w.removesuffix("s") for w in _word_order(declared)]
    return ours != theirs and sorted(ours) == sorted(theirs)


def _word_order(text: str) -> list[str]:
    """`text`'s words without function words, case-folded, in order."""
    return [w for w in _WORD.findall(text.casefold()) if w not in _FUNCTION_WORDS]


def _closest_heading(title: str, elements: dict[str, HtmlElement]) -> HtmlElement | None:
    """The heading sharing most words with `title` (at least half of them), or None."""
    words = set(_WORD.findall(title.casefold()))
    best, best_share = None, HEADING_MIN_SHARE
    for text, el in elements.items():
        share = len(words & set(_WORD.findall(text.casefold()))) / max(1, len(words))
        if share >= best_share:
            best, best_share = el, share + 1e-9
    return best


def _is_tail(heading: str, title: str, names: list[str]) -> bool:
    """`heading` is the last segment(s) of `title`, after a start that does not name the site."""
    parts = _SEPARATOR.split(title)
    key = squash(heading)
    return any(
        squash(" ".join(parts[i:])) == key and not _is_site(" ".join(parts[:i]), names) for i in range(1, len(parts))
    )


_PRODUCT = frozenset(("product", "productgroup"))


def _article_like(page: Page) -> bool:
    """The page declares itself an article (its <h1> is then its headline)."""
    if (page.first("og:type") or "").lower() == "article" or page.first("article:published_time"):
        return True
    if any(True for _ in page.ld.of_types(ARTICLE_TYPES)):
        return True
    # a product for sale (og:type, or JSON-LD with offers): its <h1> is its name; the declared
    # title adds selling words ("Buy X Online | Shop")
    return (page.first("og:type") or "").lower() == "product" or any(
        "offers" in obj for obj in page.ld.of_types(_PRODUCT)
    )


def _agreed(titles: list[str]) -> bool:
    """At least two declared titles say the same."""
    keys = [squash(t) for t in titles]
    return len(set(keys)) < len(keys)


def _most_supported(titles: list[str]) -> str:
    """The title most sources give (earlier sources win ties)."""
    keys = [squash(t) for t in titles]
    best = max(range(len(titles)), key=lambda i: (keys.count(keys[i]), -i))
    return titles[best]


#: A slug needs this many words to tell titles apart; one word ("pricing") names a section, not a headline.
MIN_SLUG_WORDS = 2
#: The share of the slug's words one title must hold beyond the other's for the slug to choose between them.
SLUG_MARGIN = 0.34


def _slug(page: Page) -> set[str]:
    """The content words of the page address's slug, or none when it has too few to tell titles apart."""
    words = slug_words(page.url or page.canonical_url(), _FUNCTION_WORDS)
    return words if len(words) >= MIN_SLUG_WORDS else set()


def _slug_vote(words: set[str], heading: str, declared: str) -> int:
    """+1 when the slug's `words` repeat the heading clearly more than the declared title, -1 for the reverse, else 0.

    Sites make the slug from the headline when they publish a page, so where the <h1>
    and the declared title disagree, the one the slug repeats is the page's own title.
    """
    if not words:
        return 0
    diff = slug_share(words, heading) - slug_share(words, declared)
    return 1 if diff >= SLUG_MARGIN else -1 if diff <= -SLUG_MARGIN else 0


def _slug_choice(page: Page, titles: list[str]) -> str:
    """The title most sources give, unless the slug clearly repeats another one."""
    title = _most_supported(titles)
    words = _slug(page)
    if not words:
        return title
    best = max(titles, key=lambda t: slug_share(words, t))
    return best if _slug_vote(words, best, title) > 0 else title
