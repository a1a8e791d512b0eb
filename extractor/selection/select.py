"""Score each HTML block as main content or not.

An ensemble: trafilatura's extraction votes on which of our blocks are body text;
the deepest element holding most of the voted text is the main container; inside
it, prose paragraphs trafilatura dropped (not captions, not repeated, not in
boilerplate regions) and the headings over kept text are recovered, and regions
whose class/id say share/related/comments are marked. A page with little voted
text and no declared type but "website" may be a listing: the region its h1
heads is kept (`region.py`). Without a vote, a text-density search for the
container decides alone. Nothing is removed here: the CNT rules act on
`Block.score` and `Block.role`.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from ..model import Block, Document
from ..readers.html_blocks import class_tokens
from .region import ancestors, h1_region, may_be_listing
from .tokens import WEAK, boilerplate_token, is_comment_tokens, not_prose_token
from .vote import Ballot, trafilatura_text

#: A block whose trigrams are at least this much in trafilatura's text is voted in.
VOTE_MIN = 0.5
#: The container is the deepest element holding this share of the voted characters.
CONTAINER_SHARE = 0.8
#: Recovered paragraphs: at most this link density and at least this many words.
RECOVER_MAX_LINKS = 0.3
RECOVER_MIN_WORDS = 8
RECOVER_KINDS = ("text", "quote", "list_item")
#: Voted characters in paragraphs of `DENSE_MIN_WORDS` words that make the page an article.
ARTICLE_CHARS = 2000
#: A page whose vote holds fewer characters than this, of which fewer than `REGION_MAX_PROSE` in paragraphs
#: of `DENSE_MIN_WORDS` words, may be a listing: the region its h1 heads is kept when it adds this many blocks.
REGION_MAX_VOTED = 2500
REGION_MAX_PROSE = 500
REGION_MIN_BLOCKS = 4
#: Scores written to blocks (CNT001 removes those below `KEEP_SCORE`).
MAIN, RECOVERED, OUTSIDE = 1.0, 0.7, 0.0
KEEP_SCORE = 0.5
#: A class/id token over more than this share of the main text names its wrapper, not a boilerplate region.
WRAPPER_SHARE = 0.5
#: When our blocks hold less than this share of the reference text, hidden elements are read too.
MIN_REFERENCE_COVERAGE = 0.2
MIN_REFERENCE_CHARS = 500
#: When comment regions hold more than this share of the main text, they are the content (forums).
COMMENTS_CONTENT_SHARE = 0.5
#: How many levels (the container, its parent, ...) are checked for same-class siblings continuing it.
CONTINUATION_LEVELS = 3
#: Fallback search: a paragraph counts when it has this many words and few links.
DENSE_MIN_WORDS = 20
DENSE_MAX_LINKS = 0.3


def _container(elements: list[etree._Element], weights: list[float]) -> etree._Element | None:
    """The deepest element whose subtree holds `CONTAINER_SHARE` of the weight."""
    total = sum(weights)
    if total <= 0:
        return None
    held: dict[etree._Element, float] = defaultdict(float)
    depth: dict[etree._Element, int] = {}
    for el, w in zip(elements, weights, strict=True):
        if w <= 0:
            continue
        chain = list(ancestors(el))
        for d, anc in enumerate(reversed(chain)):
            held[anc] += w
            depth[anc] = d
    best = None
    for el, w in held.items():
        if w >= CONTAINER_SHARE * total and (best is None or depth[el] > depth[best]):
            best = el
    return best


def subtree(el: etree._Element) -> set[etree._Element]:
    """`el` and every node below it, to test many elements for being inside it."""
    return set(el.iter())


def _continuations(container: etree._Element) -> set[etree._Element]:
    """Siblings repeating the tag and class of the container or a near ancestor of it.

    Sites cut a long article into several same-class chunks with an advertisement or a
    newsletter box between them; the vote often lands in one chunk only. Readability
    calls these "siblings with the same class name" and adds them to the article.
    """
    found: set[etree._Element] = set()
    el = container
    for _ in range(CONTINUATION_LEVELS):
        parent = el.getparent()
        if parent is None or el.tag in ("body", "html"):
            break
        cls = (el.get("class") or "").strip()
        if cls:
            found.update(s for s in parent if s is not el and s.tag == el.tag and (s.get("class") or "").strip() == cls)
        el = parent
    return found


def _container_tokens(container: etree._Element) -> frozenset[str]:
    out: set[str] = set()
    for anc in ancestors(container):
        if isinstance(anc.tag, str) and anc.tag not in ("html", "body"):
            out |= class_tokens(anc)
    return frozenset(out)


def _in_figure(el: etree._Element, container: etree._Element) -> bool:
    """Inside a figure or figcaption below the container (a caption, a credit line)."""
    for anc in ancestors(el):
        if anc is container:
            return False
        if anc.tag in ("figure", "figcaption"):
            return True
    return False


def _recoverable(
    block: Block,
    el: etree._Element,
    container: etree._Element,
    own: frozenset[str],
    repeated: set[str],
    article: bool,
) -> bool:
    """A paragraph of prose inside the container that the vote missed (a lead, a pull quote)."""
    return (
        block.kind in RECOVER_KINDS
        and block.link_density <= RECOVER_MAX_LINKS
        and _words(block) >= RECOVER_MIN_WORDS
        and not not_prose_token(own, article)
        and block.key not in repeated
        and not _in_figure(el, container)
    )


def _repeated(blocks: list[Block]) -> set[str]:
    """Texts that occur more than once on the page (slides, teasers, captions shown twice)."""
    seen: set[str] = set()
    out: set[str] = set()
    for b in blocks:
        (out if b.key in seen else seen).add(b.key)
    return out


def _recover_headings(
    blocks: list[Block], elements: list[etree._Element], in_container: set[etree._Element], outer: frozenset[str]
) -> None:
    """A heading inside the container directly followed by kept prose (not a heading, few links) heads it: keep it."""
    for i in range(len(blocks) - 2, -1, -1):  # backwards, so a heading over a kept subheading is kept too
        b = blocks[i]
        if b.kind != "heading" or b.score != OUTSIDE or b.role != "outside":
            continue
        nxt = blocks[i + 1]
        if (
            nxt.score is not None
            and nxt.score >= KEEP_SCORE
            and (nxt.kind != "heading" or nxt.role == "recovered")
            and nxt.link_density <= RECOVER_MAX_LINKS
            and elements[i] in in_container
            and not not_prose_token(b.tokens - outer)
        ):
            b.score, b.role = RECOVERED, "recovered"


def _recover_region(blocks: list[Block], elements: list[etree._Element]) -> None:
    """Little voted text: the page may be a listing, whose items are in the region its h1 heads."""
    found = h1_region(blocks, elements)
    if found is None:
        return
    region, h1 = found
    outer = _container_tokens(region)
    in_region = subtree(region)
    items = [
        b
        for b, el in zip(blocks[h1:], elements[h1:], strict=True)
        if b.role == "outside" and el in in_region and not boilerplate_token(b.tokens - outer)
    ]
    if len(items) >= REGION_MIN_BLOCKS:  # a listing's items, not a short article's byline and tags
        for b in items:
            b.score, b.role = RECOVERED, "region"


def _words(block: Block) -> int:
    return len(block.text.split())


def _dense_weights(blocks: list[Block], min_words: int) -> list[float]:
    """Characters of the paragraph-like blocks (enough words, few links); [] when there are none."""
    weights = [
        float(len(b.text)) if _words(b) >= min_words and b.link_density <= DENSE_MAX_LINKS else 0.0 for b in blocks
    ]
    return weights if any(weights) else []


def _wrapper_tokens(blocks: list[Block], weights: list[float], outer: frozenset[str]) -> frozenset[str]:
    """Tokens shared by most of the main text: they name the content's wrapper, whatever they say."""
    total = sum(weights)
    held: dict[str, float] = defaultdict(float)
    for b, w in zip(blocks, weights, strict=True):
        if w > 0:
            for token in b.tokens - outer:
                held[token] += w
    return frozenset(t for t, w in held.items() if w > WRAPPER_SHARE * total)


def select_content(
    root: etree._Element,
    doc: Document,
    elements: list[etree._Element],
    url: str | None,
    reference: bool = True,
    reference_text: str | None = None,
) -> str | None:
    """Set `score` and `role` on every block of `doc`; `reference=False` skips trafilatura's vote.

    Returns trafilatura's text when our blocks miss most of it (the page hides its
    content), so the caller can read hidden elements and call again with it.
    """
    blocks = doc.blocks
    if reference and reference_text is None:
        reference_text = trafilatura_text(root, url, blocks)
    if not blocks:
        return reference_text if reference_text and len(reference_text) >= MIN_REFERENCE_CHARS else None
    ballot = Ballot(blocks, reference_text)
    vote = ballot.votes()
    voted = [v >= VOTE_MIN for v in vote]
    if reference_text and len(reference_text) >= MIN_REFERENCE_CHARS:
        covered = sum(v * len(b.text) for v, b in zip(vote, blocks, strict=True))
        missed = reference_text if covered < MIN_REFERENCE_COVERAGE * len(reference_text) else None
    else:
        missed = None
    if any(voted):
        # vote again, letting blocks inside the first container claim repeated text first
        first_pick = _container(elements, [len(b.text) if ok else 0.0 for b, ok in zip(blocks, voted, strict=True)])
        if first_pick is not None:
            below = subtree(first_pick)
            inner = [i for i, el in enumerate(elements) if el in below]
            inner_set = set(inner)
            vote = ballot.votes(inner + [i for i in range(len(blocks)) if i not in inner_set])
            voted = [v >= VOTE_MIN for v in vote]
    if any(voted):
        weights = [len(b.text) if ok else 0.0 for b, ok in zip(blocks, voted, strict=True)]
    else:
        weights = _dense_weights(blocks, DENSE_MIN_WORDS) or _dense_weights(blocks, RECOVER_MIN_WORDS)
    container = _container(elements, weights)
    if container is None:
        for b in blocks:
            b.score, b.role = MAIN, "main"
        return missed
    outer = _container_tokens(container)
    # on forums and Q&A pages the posts are the content: comment regions holding most voted text stay
    in_comments = sum(w for b, w in zip(blocks, weights, strict=True) if is_comment_tokens(b.tokens - outer))
    comments_are_content = in_comments > COMMENTS_CONTENT_SHARE * sum(weights)
    picked = [i for i, w in enumerate(weights) if w > 0]
    first, last = picked[0], picked[-1]
    wrapper = _wrapper_tokens(blocks, weights, outer)
    in_continuations = set().union(*(subtree(c) for c in _continuations(container)))
    repeated = _repeated(blocks)
    # an article's main text is long prose: its media and teaser regions are not body text
    prose = sum(w for b, w in zip(blocks, weights, strict=True) if _words(b) >= DENSE_MIN_WORDS)
    article = prose >= ARTICLE_CHARS
    in_container = subtree(container)
    for i, (b, el) in enumerate(zip(blocks, elements, strict=True)):
        own = b.tokens - outer
        inside = el in in_container
        continued = not inside and el in in_continuations
        if voted[i]:
            own = own - wrapper
        if b.kind == "quote":
            # a post the author embedded (a tweet) is quoted content, even in a "social" or "widget" box
            own = own - WEAK
        if not comments_are_content and is_comment_tokens(own):
            b.score, b.role = OUTSIDE, "comments"
            continue
        marker = boilerplate_token(own, strong_only=voted[i]) if inside or continued else None
        if marker:
            b.score, b.role = OUTSIDE, "boilerplate:" + marker
        elif voted[i] or (not any(voted) and inside and b.link_density <= DENSE_MAX_LINKS * 2):
            b.score, b.role = MAIN, "main"
        elif inside and first <= i <= last and _recoverable(b, el, container, own, repeated, article):
            b.score, b.role = RECOVERED, "recovered"
        elif continued and _recoverable(b, el, container, own, repeated, article):
            b.score, b.role = RECOVERED, "continued"
        else:
            b.score, b.role = OUTSIDE, "outside"
    _recover_headings(blocks, elements, in_container, outer)
    if any(voted) and sum(weights) < REGION_MAX_VOTED and prose < REGION_MAX_PROSE and may_be_listing(root):
        _recover_region(blocks, elements)
    return missed
