"""Content selection on small pages, with a fixed reference text standing in for trafilatura's vote."""

from __future__ import annotations

from extractor.model import Document
from extractor.readers.html_blocks import segment
from extractor.readers.html_parse import parse_html
from extractor.selection.select import select_content, subtree
from extractor.selection.vote import Ballot

LEAD = "The council approved the new harbour plan on Tuesday after a debate that lasted most of the evening."
P1 = "The plan moves the ferry terminal to the north pier and adds a cycle path along the old sea wall."
P2 = "Work on the pier starts in March, and the old terminal will stay open until the new one is ready."
P3 = "Local fishermen asked for their moorings to stay where they are, and the council agreed to consider it."
MISSED = "Several residents spoke in favour of the plan, saying the harbour had been neglected for far too long."
#: Long paragraphs, together long enough to make the page an article.
LONG = [
    " ".join((*order, MISSED))
    for order in ((P1, P2, P3), (P2, P3, P1), (P3, P1, P2), (P1, P3, P2), (P2, P1, P3), (P3, P2, P1))
]


def roles(body: str, reference: list[str]) -> dict[str, str]:
    """Each block's text and the role selection gave it, voting with `reference` as the other extractor's text."""
    root = parse_html(f"<!DOCTYPE html><html><head><title>Harbour plan</title></head><body>{body}</body></html>")
    blocks, elements = segment(root)
    doc = Document(blocks=blocks, source_type="html")
    select_content(root, doc, elements, None, reference_text="\n".join(reference))
    return {b.text: b.role for b in doc.blocks}


def test_a_paragraph_the_vote_missed_between_voted_ones_is_recovered():
    got = roles(
        f"<nav><a href='/'>Home</a></nav><article><p>{LEAD}</p><p>{MISSED}</p><p>{P1}</p><p>{P2}</p></article>"
        f"<article><p>{P3}</p></article>",
        [LEAD, P1, P2],
    )
    assert got[LEAD] == got[P1] == "main"
    assert got[MISSED] == "recovered"
    assert got[P3] == "outside"  # outside the container


def test_only_prose_between_the_first_and_last_voted_blocks_is_recovered():
    short = "Read more about the harbour."
    links = "<a href='/a'>Ferry timetable for the winter season and the summer season too</a>"
    got = roles(
        f"<article><p>{MISSED}</p><p>{LEAD}</p><p>{short}</p><p>{links}</p><p>{P1}</p><p>{P3}</p></article>",
        [LEAD, P1],
    )
    assert got[LEAD] == "main"
    assert got[MISSED] == "outside"  # before the first voted block
    assert got[short] == "outside"  # too few words
    assert got["Ferry timetable for the winter season and the summer season too"] == "outside"  # a link
    assert got[P3] == "outside"  # after the last voted block


def test_captions_and_repeated_text_are_not_recovered():
    caption = "The north pier at low tide, where the new ferry terminal will be built next year."
    credit = "Photo by a local photographer who has taken pictures of the harbour for many years."
    slide = "Take a virtual tour of the harbour and see how the new terminal will look from the water."
    got = roles(
        f"<article><p>{LEAD}</p><figure><img src='p.jpg'><figcaption>{caption}</figcaption></figure>"
        f"<div class='image-credit'><p>{credit}</p></div><p>{slide}</p><p>{slide}</p>"
        f"<p>{MISSED}</p><p>{P1}</p></article>",
        [LEAD, P1],
    )
    assert got[caption] == "outside"
    assert got[credit] == "outside"
    assert got[slide] == "outside"
    assert got[MISSED] == "recovered"


def test_media_regions_are_prose_on_a_listing_but_not_beside_an_article():
    teaser = "Harbour festival: three days of music, food and boat races on the old quay this summer."
    listing = roles(
        f"<main><h1>What's on</h1><p>{LEAD}</p><div class='teaser'><p>{teaser}</p></div><p>{P1}</p></main>",
        [LEAD, P1],
    )
    assert listing[teaser] == "recovered"
    body = "".join(f"<p>{p}</p>" for p in LONG)
    article = roles(
        f"<main><h1>Harbour plan</h1><p>{LEAD}</p><div class='teaser'><p>{teaser}</p></div>{body}</main>",
        [LEAD, *LONG],
    )
    assert article[teaser] == "outside"


def test_a_heading_over_kept_prose_is_kept_but_not_one_over_links_or_another_heading():
    got = roles(
        f"<article><p>{LEAD}</p><h2>The timetable</h2><h3>Work starts in March</h3><p>{P2}</p>"
        "<h2>More on this</h2><h3>Ferries</h3>"
        f"<h2>Downloads</h2><p><a href='/plan.pdf'>The harbour plan in full, as approved by the council</a></p>"
        f"<p>{P3}</p></article>",
        [LEAD, P2, "Ferries", "The harbour plan in full, as approved by the council", P3],
    )
    assert got["Work starts in March"] == "recovered"
    assert got["The timetable"] == "recovered"  # over a kept subheading
    assert got["More on this"] == "outside"  # followed by a heading
    assert got["Downloads"] == "outside"  # followed by a link
    assert got[P3] == "main"


def _shop(head: str = "") -> tuple[str, list[str], list[str]]:
    """A shop's collection page: a menu, an h1 over a grid of linked products, a footer; and its items."""
    colours = ["sand", "teal", "rust", "ash", "moss", "plum", "slate", "honey", "coral", "ivory", "ink", "fern"]
    items = [f"Hand-thrown stoneware mug in {c} glaze, 350 ml, dishwasher safe" for c in colours]
    grid = "".join(
        f"<li class='product'><h2><a href='/p/{n}'>{t}</a></h2><a href='/p/{n}'>$24.00</a></li>"
        for n, t in enumerate(items)
    )
    body = (
        "<header><ul class='menu'><li><a href='/'>Home</a></li><li><a href='/shop'>Shop</a></li></ul></header>"
        f"<div class='page'><h1>Mugs</h1><p>Showing all 12 results</p><ul class='products'>{grid}</ul>"
        f"<p>{LEAD}</p><p>{P1} {P2} {P3} {MISSED}</p></div>"
        "<footer><p>Copyright 2024 Harbour Pottery. All rights reserved.</p></footer>"
    )
    return head + body, items, ["Showing all 12 results", LEAD]


def test_on_a_page_with_little_voted_text_the_region_its_h1_heads_is_kept():
    body, items, voted = _shop()
    got = roles(body, voted)
    assert all(got[t] == "region" for t in items)
    assert got["Copyright 2024 Harbour Pottery. All rights reserved."] == "outside"
    assert got["Home"] != "region"  # before the h1, outside its region


def test_a_page_that_declares_itself_an_article_is_not_read_as_a_listing():
    body, items, voted = _shop("<meta property='og:type' content='article'>")
    got = roles(body, voted)
    assert all(got[t] == "outside" for t in items)


def test_an_embedded_post_quoted_in_the_article_is_kept_but_not_its_social_box():
    tweet = "The new ferry timetable is out today and the first boat leaves the north pier at six."
    promo = "Follow our harbour reporters for live updates from the council chamber every week."
    got = roles(
        f"<article><p>{LEAD}</p><p>{P1}</p>"
        f"<div class='social-media-embed'><blockquote class='twitter-tweet'><p>{tweet}</p></blockquote></div>"
        f"<div class='social-box'><p>{promo}</p></div><p>{P2}</p><p>{P3}</p></article>",
        [LEAD, P1, P2, P3],
    )
    assert got[tweet] == "recovered"
    assert got[promo].startswith("boilerplate:")


def test_subtree_holds_the_element_and_everything_below_it():
    root = parse_html("<html><body><div id='a'><p id='b'>x <b id='c'>y</b></p></div><p id='d'>z</p></body></html>")
    found = {el.get("id") for el in subtree(root.get_element_by_id("a"))}
    assert found == {"a", "b", "c"}
    assert root.get_element_by_id("d") not in subtree(root.get_element_by_id("a"))


def test_ballot_uses_up_matched_text_in_the_order_given():
    root = parse_html(f"<html><body><p>{P1}</p><p>{P1}</p><p>Home</p><p>Home</p><p>{P2}</p></body></html>")
    blocks, _ = segment(root)
    ballot = Ballot(blocks, f"{P1}\nHome")
    assert ballot.votes() == [1.0, 0.0, 1.0, 0.0, 0.0]
    # another order gives the repeated text to the later blocks; the ballot is not used up between votes
    assert ballot.votes([1, 3, 0, 2, 4]) == [0.0, 1.0, 0.0, 1.0, 0.0]
    assert Ballot(blocks, None).votes() == [0.0] * 5
