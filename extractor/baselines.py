"""Reference systems the evaluation scores beside the extractor.

- keep-all: the input kept whole (raw text as given; for HTML, all text outside
  script, style, template, noscript, svg and head, one line per block element).
- c4: the line filter of the C4 corpus (Raffel et al. 2020, the `clean_page`
  heuristics of TensorFlow Datasets' c4_utils), applied to the raw text as given:
    * lines are split on line breaks and stripped;
    * a line with a word over 1000 characters is dropped;
    * citation marks (`[1]`, `[edit]`, `[citation needed]`) are cut out;
    * a line not ending in `.`, `?`, `!` or `"`, or ending in `...`, is dropped;
    * a line of fewer than 3 words is dropped;
    * a line containing "javascript" is dropped;
    * a line containing "terms of use", "privacy policy", "cookie policy",
      "uses cookies", "use of cookies" or "use cookies" is dropped;
    * the whole page is dropped (empty output) when a kept line contains
      "lorem ipsum" or a curly bracket `{`, or when the kept lines hold fewer
      than 5 sentences (C4 counts them with NLTK's punkt tokenizer; here a
      sentence is a run ending in `.`, `?` or `!` followed by space or the end).
  Not applied, as they are corpus filters rather than extraction: the bad-words
  list, language identification and cross-page deduplication.
- c4-lines: the same line filter without the three page-level rejections
  (lorem ipsum and curly-bracket lines are dropped as lines instead).
- trafilatura: `trafilatura.extract(html, url=url, include_comments=False)` on the
  page bytes (trafilatura decodes them itself) and `trafilatura.extract_metadata`.
  For raw-text inputs trafilatura gets the text wrapped as HTML: each non-blank
  line becomes one `<p>` (HTML-escaped) inside `<html><body>`; no metadata.
- trafilatura-comments: the same with trafilatura's default `include_comments=True`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# --- C4 -----------------------------------------------------------------------

#: Line endings C4 accepts as the end of a sentence.
C4_END_MARKS = (".", "?", "!", '"')
C4_ELLIPSIS = "..."
C4_MIN_WORDS_PER_LINE = 3
C4_MIN_SENTENCES = 5
C4_MAX_WORD_LENGTH = 1000
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
_C4_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")


def c4_filter(text: str, page_filters: bool = True) -> str:
    """Keep the lines the C4 heuristics keep (see the module docstring)."""
    kept: list[str] = []
    sentences = 0
    for raw in text.splitlines():
        line = raw.strip()
        if any(len(word) > C4_MAX_WORD_LENGTH for word in line.split()):
            continue
        line = _C4_CITATION.sub("", line)
        if not line.endswith(C4_END_MARKS) or line.endswith(C4_ELLIPSIS):
            continue
        if len(line.split()) < C4_MIN_WORDS_PER_LINE:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower:
            if page_filters:
                return ""
            continue
        if "javascript" in lower:
            continue
        if "{" in line:
            if page_filters:
                return ""
            continue
        if any(p in lower for p in C4_POLICY):
            continue
        sentences += max(1, len(_SENTENCE_END.findall(line)))
        kept.append(line)
    if page_filters and sentences < C4_MIN_SENTENCES:
        return ""
    return "\n".join(kept).strip()


# --- keep-all ---------------------------------------------------------------------

_INVISIBLE = ("script", "style", "template", "noscript", "svg", "head", "iframe", "object")
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


def html_visible_text(page: str) -> str:
    """All text of an HTML page a reader could see, one line per block element."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", page, count=1) or "<html></html>")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]  # (element, its children are done)
    while stack:
        element, done = stack.pop()
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if done:
            if block:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(element.tail)
            continue
        if block:
            parts.append("\n")
        if isinstance(element.tag, str) and element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    lines = (_BLANKS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# --- trafilatura --------------------------------------------------------------------


def text_as_html(text: str) -> str:
    """Raw page text as a minimal HTML page: one escaped `<p>` a non-blank line."""
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paragraphs}</body></html>"


@dataclass(frozen=True)
class Prediction:
    """What a system gave for one page: text (None on failure), metadata, error."""

    text: str | None
    metadata: dict[str, Any] | None = None
    error: str | None = None


def trafilatura_extract(page: bytes | str, url: str | None, comments: bool, with_metadata: bool) -> Prediction:
    """trafilatura's body (and metadata) for one page."""
    import trafilatura

    text = trafilatura.extract(page, url=url, include_comments=comments)
    metadata = None
    if with_metadata:
        found = trafilatura.extract_metadata(page, default_url=url)
        metadata = {"title": found.title, "author": found.author, "date": found.date} if found is not None else {}
    return Prediction(text or "", metadata)


#: A baseline: (page bytes or decoded text, url) -> Prediction.
Baseline = Callable[[Any, str | None], Prediction]
