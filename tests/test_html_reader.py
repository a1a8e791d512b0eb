"""The HTML reader: decoding, safe parsing, segmentation, and main-content selection."""

from __future__ import annotations

import codecs

import pytest

from extractor import Extractor
from extractor.errors import InputError
from extractor.readers.html import read_html
from extractor.readers.html_blocks import attr_tokens, class_tokens, segment
from extractor.readers.html_decode import declared_charset, decode_html
from extractor.readers.html_parse import parse_html

P1 = "The bridge reopened on Monday after two years of repairs to its steel frame and concrete deck."
P2 = "Engineers said the new deck would last at least fifty years with regular care and fresh paint."
P3 = "The city will hold a small ceremony next week, and traffic should be back to normal by spring."
P4 = "Residents who spoke at the council meeting mostly welcomed the work, though some asked for bike lanes."


@pytest.fixture(scope="module")
def ex():
    return Extractor(plugins=False, site_rules=False)


def page(body: str, head: str = "<title>Bridge reopens</title>") -> str:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def lxml_element(markup: str):
    return parse_html(page(markup)).find("body")[0]


def article(extra: str = "") -> str:
    return f"<article><h1>Bridge reopens</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p>{extra}</article>"


# decoding


def test_declared_windows_1252_is_decoded_without_mojibake():
    data = page("<p>Caf\xe9 cr\xe8me \u2013 \u201cquoted\u201d</p>", "<meta charset='windows-1252'>").encode("cp1252")
    assert "Café crème – “quoted”" in decode_html(data)


def test_declared_iso_8859_1_is_read_as_windows_1252_like_browsers():
    head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    data = page("<p>na\xefve \x93smart\x94 quotes</p>", head).encode("latin-1")
    assert declared_charset(data) == "ISO-8859-1"
    assert "naïve “smart” quotes" in decode_html(data)


def test_undeclared_utf8_and_bom_pages():
    text = page("<p>Zürich – 東京 – Ελλάδα</p>", "")
    assert "Zürich – 東京 – Ελλάδα" in decode_html(text.encode("utf-8"))
    assert "Zürich" in decode_html(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert "Ελλάδα" in decode_html(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))


def test_binary_input_is_refused():
    with pytest.raises(InputError):
        read_html(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_binary_input_is_an_error_result_not_a_crash(ex):
    result = ex.extract_safely(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", input_type="html")
    assert result.status == "error" and "PNG" in result.error


# parsing and segmentation


def test_scripts_styles_and_hidden_elements_are_dropped():
    doc = read_html(
        page(
            "<script>var secret = 1;</script><style>p{color:red}</style><noscript>Enable JavaScript</noscript>"
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p hidden>Hidden by attribute</p><div aria-hidden='true'>Hidden for readers</div>"
            "<p style='display: none'>Hidden by style</p><template><p>Template text</p></template>"
        )
    )
    texts = [b.text for b in doc.blocks]
    assert texts == [P1, P2, P3]


def test_entities_in_an_internal_subset_are_not_expanded():
    doc = read_html('<!DOCTYPE html [<!ENTITY boom "EXPANDED">]><html><body><p>&boom; stays</p></body></html>')
    assert not any("EXPANDED" in b.text for b in doc.blocks)


def test_nested_layout_gives_blocks_in_page_order_with_structure():
    doc = read_html(
        page(
            "<div class='story-body'>Lead text directly in the div."
            f"<h2 class='sub-title'>Repairs</h2><p>{P1}</p>Tail text after the paragraph."
            "<ul><li>First point</li><li>Second point<ol><li>Nested point</li></ol></li></ul>"
            "<blockquote><p>A quoted sentence.</p></blockquote><pre>code  line</pre></div>"
        )
    )
    got = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert got == [
        ("text", 0, "Lead text directly in the div."),
        ("heading", 2, "Repairs"),
        ("text", 0, P1),
        ("text", 0, "Tail text after the paragraph."),
        ("list_item", 1, "First point"),
        ("list_item", 1, "Second point"),
        ("list_item", 2, "Nested point"),
        ("quote", 0, "A quoted sentence."),
        ("code", 0, "code  line"),
    ]
    heading = doc.blocks[1]
    assert {"story", "body", "sub", "title"} <= heading.tokens
    assert heading.path.endswith("div/h2")


def test_table_rows_become_table_blocks_with_cells():
    doc = read_html(page("<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Steel</td><td>4 million</td></tr></table>"))
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("table", 1, "Item | Cost"),
        ("table", 0, "Steel | 4 million"),
    ]


def test_line_breaks_stay_inside_a_block_and_double_breaks_split_it():
    doc = read_html(page("<div>First line<br>second line<br><br>New paragraph</div>"))
    assert [b.text for b in doc.blocks] == ["First line\nsecond line", "New paragraph"]


def test_parsed_elements_have_the_classes_lxml_html_gives():
    import lxml.html

    markup = page(
        "<form action='/s'><label>Query <input name='q'></label><select><option>a</option></select>"
        "<textarea>t</textarea></form><p>Text <b>bold</b></p>"
    )
    ours = [type(el) for el in parse_html(markup).iter()]
    theirs = [type(el) for el in lxml.html.document_fromstring(markup).iter()]
    assert ours == theirs
    assert lxml.html.FormElement in ours and lxml.html.InputElement in ours
    assert parse_html(markup).find(".//p").text_content() == "Text bold"


def test_class_and_id_tokens():
    el = lxml_element("<div class='articleBody main-content' id='post_42'></div>")
    assert class_tokens(el) == {
        "articlebody",
        "article",
        "body",
        "main-content",
        "main",
        "content",
        "post_42",
        "post",
        "42",
    }
    assert attr_tokens("x" * 301) == frozenset() and attr_tokens(None) == frozenset()


def test_spaces_are_collapsed_and_invisible_characters_dropped():
    doc = read_html(page("<p>One\n\t two\u00a0 three\u200b <a href='/x'>link \r\n text</a>\u2028end</p>"))
    assert [b.text for b in doc.blocks] == ["One two three link text end"]
    assert doc.blocks[0].link_density == pytest.approx(len("link text") / len("One two three link text end"))


def test_spaces_between_inline_elements_do_not_pile_up():
    doc = read_html(
        page(
            "<div class='stats'><span>6.3K views</span>\n  <span><b>23</b> replies</span>\n"
            "  <img src='i.png'>  <span>14 participants</span></div>"
            "<pre>keep   these\n  spaces</pre>"
        )
    )
    assert [b.text for b in doc.blocks] == ["6.3K views 23 replies 14 participants", "keep   these\n  spaces"]


def test_tokens_come_from_every_ancestor_and_text_after_skipped_elements_is_read():
    blocks, _ = segment(
        parse_html(
            page(
                "<div class='outer-box'><section id='mainStory'><p class='lead'>Lead text</p>"
                "<script>var x = 1;</script>Tail after a script<br>and after a break</section>"
                "<p hidden>Hidden</p>Tail after hidden</div>"
            )
        )
    )
    assert [b.text for b in blocks] == ["Lead text", "Tail after a script\nand after a break", "Tail after hidden"]
    assert blocks[0].tokens == {"outer-box", "outer", "box", "mainstory", "main", "story", "lead"}
    assert blocks[1].tokens == {"outer-box", "outer", "box", "mainstory", "main", "story"}
    assert blocks[2].tokens == {"outer-box", "outer", "box"}


def test_link_density():
    doc = read_html(
        page("<p><a href='/a'>Home</a> <a href='/b'>News</a></p><p>Some words and <a href='/c'>a link</a></p>")
    )
    assert doc.blocks[0].link_density == pytest.approx(1.0, abs=0.15)
    assert 0.1 < doc.blocks[1].link_density < 0.5


def test_deep_nesting_and_many_siblings_do_not_crash(ex):
    deep = page("<div>" * 100_000 + "deep text" + "</div>" * 100_000)
    result = ex.extract_safely(deep, input_type="html")
    # the parser stops at depth 256: a clear error, not the silently cut page
    assert result.status == "error" and "nested over 255 deep" in result.error
    wide = ex.extract_safely(page("<p>x</p>" * 200_000), input_type="html")
    assert wide.status == "error" and "over the 50000 limit" in wide.error  # refused clearly, no crash


def test_markup_in_a_str_with_xml_prolog_is_read():
    doc = read_html('<?xml version="1.0" encoding="iso-8859-1"?>' + page(f"<p>{P1}</p>"))
    assert [b.text for b in doc.blocks] == [P1]


# main content


def test_main_content_keeps_the_article_and_drops_navigation_sidebar_footer(ex):
    html = page(
        "<header><nav class='main-menu'><a href='/'>Home</a> <a href='/w'>World</a> <a href='/s'>Sport</a></nav></header>"
        f"<div class='layout'><main>{article()}</main>"
        "<aside class='sidebar'><h3>Most read</h3><ul><li><a href='/1'>Storm closes schools across the county</a></li>"
        "<li><a href='/2'>Local team wins the regional final</a></li></ul></aside></div>"
        "<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>"
    )
    result = ex.extract(html, input_type="html")
    for p in (P1, P2, P3, P4):
        assert p in result.text
    for junk in ("Home", "Most read", "Storm closes schools", "Copyright 2024"):
        assert junk not in result.text
    codes = {r.code for r in result.removed}
    assert "CNT001" in codes


def test_related_and_share_regions_inside_the_article_are_removed(ex):
    extra = (
        "<div class='share-buttons'><a href='/fb'>Facebook</a> <a href='/tw'>Twitter</a></div>"
        "<div class='related-articles'><h3>Related stories</h3><p>Council votes to extend the tram line into the "
        "northern suburbs next year</p></div>"
    )
    result = ex.extract(page(article(extra)), input_type="html")
    assert P4 in result.text
    assert "Council votes to extend the tram line" not in result.text
    assert "Facebook" not in result.text


def test_comment_section_is_kept_out_of_the_body_and_in_metadata(ex):
    comments = (
        "<section id='comments' class='comments-area'><h2>3 thoughts on this</h2><ol class='comment-list'>"
        "<li class='comment'><p>Finally! I have waited two years to drive across that bridge again.</p></li>"
        "<li class='comment'><p>The paint already looks better than the old one did, well done.</p></li>"
        "</ol></section>"
    )
    result = ex.extract(page(article() + comments), input_type="html")
    assert P3 in result.text
    assert "waited two years" not in result.text
    assert any("waited two years" in c.text for c in result.metadata.comments)


def test_instagram_embed_is_not_body_text(ex):
    embed = (
        "<blockquote class='instagram-media' data-instgrm-permalink='https://www.instagram.com/p/abc/'>"
        "<div><a href='https://www.instagram.com/p/abc/'>View this post on Instagram</a></div>"
        "<p><a href='https://www.instagram.com/p/abc/'>A post shared by City Council (@citycouncil)</a></p>"
        "</blockquote>"
    )
    result = ex.extract(page(article(embed)), input_type="html")
    assert P2 in result.text
    assert "View this post on Instagram" not in result.text


def test_title_metadata_and_language_from_html(ex):
    result = ex.extract(page(article()), input_type="html", url="https://news.example.com/bridge")
    assert result.metadata.title == "Bridge reopens"
    assert result.metadata.url == "https://news.example.com/bridge"
    assert result.metadata.language == "en"


def test_noscript_notice_is_dropped_but_noscript_content_is_read():
    notice = read_html(page(f"<noscript>Please enable JavaScript to view this site.</noscript><p>{P1}</p>"))
    assert [b.text for b in notice.blocks] == [P1]
    content = read_html(
        page(f"<noscript><div><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p><p>{P4} {P3}</p></div></noscript>")
    )
    assert [b.text for b in content.blocks][:2] == [P1, P2]


def test_markup_in_a_template_script_is_read():
    doc = read_html(page(f"<div class='post'><script type='text/template'><p>{P1}</p><p>{P2}</p></script></div>"))
    assert [b.text for b in doc.blocks] == [P1, P2]


def test_soft_hyphens_and_ruby_readings_are_not_text():
    doc = read_html(page("<p>Bar\u00adba\u00adresco and <ruby>新<rt>あたら</rt></ruby>しい law</p>"))
    assert [b.text for b in doc.blocks] == ["Barbaresco and 新しい law"]


def test_page_rendered_from_a_hidden_container_is_read():
    doc = read_html(page(f"<div hidden id='S:0'><p>{P1}</p><p>{P2}</p></div><script>reveal()</script>"))
    assert [b.text for b in doc.blocks] == [P1, P2]


def test_an_unclosed_button_does_not_swallow_the_page():
    doc = read_html(page(f"<button>Menu</button><div><button>Open<div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>"))
    texts = [b.text for b in doc.blocks]
    assert P1 in texts and P3 in texts and "Menu" not in texts


def test_without_trafilatura_the_structural_search_finds_the_article(monkeypatch):
    import extractor.readers.html as reader

    monkeypatch.setattr(reader, "MAX_REFERENCE_CHARS", 0)  # as for a page too large for the vote
    html = page(
        "<nav class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>"
        f"<div class='content'>{article()}</div>"
        "<div class='sidebar'><p><a href='/1'>Storm closes schools across the county on Friday</a></p></div>"
    )
    ex = Extractor(plugins=False, site_rules=False, select=("CNT",))
    result = ex.extract(html, input_type="html")
    assert P1 in result.text and P4 in result.text
    assert "Storm closes schools" not in result.text and "World" not in result.text


def test_content_hidden_until_a_script_reveals_it_is_read(ex):
    visible = (
        "<nav><p>Products</p><p>Learn</p><p>Company</p></nav><p>" + "Subscribe to our newsletter today. " * 6 + "</p>"
    )
    hidden = f"<div style='display:none' class='post-body'>{article(f'<p>{P2} {P1}</p><p>{P4} {P3}</p>')}</div>"
    result = ex.extract(page(visible + hidden), input_type="html")
    assert P1 in result.text and P4 in result.text
