"""Metadata of an HTML page: title, authors, date, site name, URL, description, language, image, tags.

Every field comes from what the page states (meta tags, JSON-LD, headings, bylines,
time elements); a field without evidence stays None. Where sources disagree, the
value several of them support wins.
"""

from __future__ import annotations

from lxml import html as lxml_html

from ..model import Metadata
from .html_authors import find_authors
from .html_dates import find_date
from .html_page import Page
from .html_title import find_site_name, find_title

__all__ = ["html_metadata"]


def html_metadata(tree: lxml_html.HtmlElement, url: str | None = None, site_authors: bool = True) -> Metadata:
    """Metadata of the parsed page `tree`; `url` is where it came from, when known.

    `site_authors` keeps the site's own name when the page itself credits it as the
    author (JSON-LD, meta author, byline): that is what the page states, so it is
    reported; pass False to keep only names of people.
    """
    page = Page(tree, url)
    md = Metadata()
    md.site_name = find_site_name(page)
    md.url = page.canonical_url() or url
    md.title = find_title(page, md.site_name)
    md.authors = find_authors(page, md.site_name, keep_site=site_authors)
    md.author = md.authors[0] if md.authors else None
    md.date = find_date(page)
    md.description = page.description()
    md.language = page.language()
    md.image = page.image()
    md.tags = page.tags()
    return md
