"""Parse HTML text into an lxml tree safely: no network, no entities, bounded size."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import InputError

_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _parser() -> lxml.html.HTMLParser:
    # huge_tree=False keeps libxml2's limits on depth and text node size; the HTML
    # parser never loads DTDs or expands external entities, and no_network forbids fetching.
    return lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        default_doctype=False,
    )


_PARSER = _parser()


def parse_html(text: str) -> lxml.html.HtmlElement:
    """The root `<html>` element of `text`; raises `InputError` when nothing parses."""
    text = _XML_PROLOG.sub("", text, count=1)
    data = text.encode("utf-8", errors="replace")
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}") from exc
    if root is None:
        raise InputError("HTML could not be parsed: empty document")
    return root
