"""Parse HTML text into an lxml tree safely: no network, no entities, bounded size."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import InputError

_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

#: libxml2 stops reading at this depth (without its "huge" option); the rest of the page is lost.
PARSER_MAX_DEPTH = 256
#: Pages with more elements than this are refused right after parsing: every later step
#: walks the tree, and real pages have a few thousand (the largest of our samples 16,000).
MAX_ELEMENTS = 250_000


def _parser() -> lxml.html.HTMLParser:
    # huge_tree=False keeps libxml2's limits on depth and text node size; the HTML
    # parser never loads DTDs or expands external entities, and no_network forbids fetching.
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        default_doctype=False,
    )
    parser.set_element_class_lookup(html_class_lookup())
    return parser


def html_class_lookup() -> etree.ElementNamespaceClassLookup:
    """The element classes of lxml.html (`HtmlElement`, `FormElement`, ...), chosen by lxml in C.

    lxml.html's own lookup is Python code run each time an element is touched from
    Python; this one gives every node the same class without that cost.
    """
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    tags = lookup.get_namespace(None)
    for tag, cls in lxml.html.HtmlElementClassLookup._default_element_classes.items():
        tags[tag] = cls
    return lookup


_PARSER = _parser()


def parse_html(text: str) -> lxml.html.HtmlElement:
    """The root `<html>` element of `text`; raises `InputError` when nothing parses."""
    # browsers ignore NUL characters in markup and text
    text = _XML_PROLOG.sub("", text, count=1).replace("\x00", "")
    data = text.encode("utf-8", errors="replace")
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}") from exc
    _check_complete(_PARSER.error_log)
    if root is None:
        raise InputError("HTML could not be parsed: empty document")
    _expand_templates(root)
    # each element needs a "<": most pages are cleared without walking the tree
    if text.count("<") > MAX_ELEMENTS:
        elements = sum(1 for _ in root.iter())
        if elements > MAX_ELEMENTS:
            raise InputError(
                f"page has {elements} HTML elements, over the {MAX_ELEMENTS} limit (not a single web page?)"
            )
    return root


def _check_complete(log: etree._ListErrorLog) -> None:
    """Refuse a page libxml2 stopped reading part-way (its limits), rather than return part of it silently."""
    for entry in log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            if "depth" in entry.message:
                reason = f"has elements nested over {PARSER_MAX_DEPTH - 1} deep"
            else:
                reason = "hits the parser's 10 MB limit on a text run or markup"
            raise InputError(f"HTML {reason}: the parser stops there and would lose the rest of the page")


#: Script types whose content is markup the page renders (blog engines ship posts this way).
MARKUP_SCRIPT_TYPES = frozenset({"text/template", "text/html", "text/x-template"})
#: At most this many such scripts are expanded, each of at most this many characters.
MAX_TEMPLATES = 20
MAX_TEMPLATE_CHARS = 2_000_000


def _expand_templates(root: lxml.html.HtmlElement) -> None:
    """Replace `<script type="text/template">` holding markup by a div of its parsed content."""
    scripts = [
        s
        for s in root.iter("script")
        if (s.get("type") or "").strip().lower() in MARKUP_SCRIPT_TYPES and s.text and "<" in s.text
    ]
    for script in scripts[:MAX_TEMPLATES]:
        if len(script.text) > MAX_TEMPLATE_CHARS:
            continue
        try:
            parts = lxml.html.fragments_fromstring(script.text.encode("utf-8"), parser=_PARSER)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            continue
        div = lxml.html.Element("div")
        for part in parts:
            if isinstance(part, str):
                div.text = (div.text or "") + part
            else:
                div.append(part)
        div.tail = script.tail
        parent = script.getparent()
        if parent is not None:
            parent.replace(script, div)
