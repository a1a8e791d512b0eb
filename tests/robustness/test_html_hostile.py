"""Hostile HTML: a clean result or a clear per-document error, in bounded time, never a crash.

Heavy pages (deep nesting, a million elements, 50 MB) run in a child process whose CPU
time is limited (`run_bounded`), so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor import Extractor
from extractor.errors import ExtractorError
from extractor.readers import MAX_BLOCKS
from extractor.readers.html_parse import MAX_ELEMENTS

from .conftest import run_bounded

P1 = "The bridge reopened on Monday after two years of repairs to its steel frame, officials said."
P2 = "Engineers said the new deck would last at least fifty years with regular care and inspection."
P3 = "Traffic was light in the morning, but commuters crowded the footpath by the early evening."
BODY = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"


def page(body: str, head: str = "<title>Bridge reopens</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def ex():
    return Extractor(plugins=False)


def extract(ex, data):
    return ex.extract_safely(data, input_type="html")


# heavy pages, in a bounded child process


def test_deep_and_wide_pages_are_refused_promptly_with_a_clear_error():
    """100,000-deep nesting (closed, unclosed, tables) and 1,000,000 siblings: an error, never a crash."""
    out = run_bounded(
        f"""
        from extractor import Extractor
        ex = Extractor(plugins=False)
        body = {BODY!r}
        n = 100_000
        cases = {{
            "deep-div": "<html><body>" + "<div>" * n + body + "</div>" * n + "</body></html>",
            "deep-inline": "<html><body>" + body + "<b><i>" * n + "x" + "</i></b>" * n + "</body></html>",
            "deep-unclosed": "<html><body>" + body + "<span>x" * n,
            "deep-table": "<html><body>" + body + "<table><tr><td>" * (n // 3),
            "wide-p": "<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>",
            "wide-br": "<html><body>" + body + "<br>" * 1_000_000 + "</body></html>",
            "many-blocks": "<html><body>" + "<p>a</p>" * ({MAX_BLOCKS} + 10_000) + "</body></html>",
        }}
        for name, html in cases.items():
            print(name, flush=True)
            result = ex.extract_safely(html, input_type="html")
            print(name, result.status, result.error)
        """
    )
    for name in ("deep-div", "deep-inline", "deep-unclosed", "deep-table"):
        assert f"{name} error HTML has elements nested over 255 deep: the parser stops there" in out
    for name in ("wide-p", "wide-br"):
        assert f"over the {MAX_ELEMENTS} limit (not a single web page?)" in out.split(f"{name} error ")[1]
    assert f"many-blocks error page has {MAX_BLOCKS + 10_000} blocks, over the {MAX_BLOCKS} limit" in out
    assert "RecursionError" not in out and "internal error" not in out


def test_nesting_within_the_parser_limit_goes_through_every_step():
    """254 levels, plus a template expanded at that depth (over 500 in all): metadata, vote, dates, no recursion error."""
    out = run_bounded(
        f"""
        from extractor import Extractor
        ex = Extractor(plugins=False)
        body = {BODY!r}
        deep = "<div class='post'>" * 250
        inner = "<div>" * 250 + body + "</div>" * 250
        html = (
            "<html><head><title>Bridge reopens</title></head><body>" + deep + body
            + "<h1>Bridge reopens</h1><time datetime='2024-03-05'>5 March 2024</time>"
            + "<span class='byline'>By Jane Smith</span>"
            + "<script type='text/template'>" + inner + "</script>" + "</div>" * 250 + "</body></html>"
        )
        result = ex.extract_safely(html, input_type="html")
        print(result.status, result.error, result.metadata.date, result.text.count("bridge reopened"))
        """
    )
    assert out.startswith("ok None 2024-03-05"), out


def test_huge_pages_finish_or_are_refused_promptly():
    """A 50 MB page, a 12 MB text run, a 12 MB data: URI, entity and markup floods."""
    out = run_bounded(
        f"""
        from extractor import Extractor
        ex = Extractor(plugins=False)
        body = {BODY!r}
        p = "<p>{P1}</p>"
        cases = {{
            "50mb": "<html><body>" + p * (50 * 2**20 // len(p)) + "</body></html>",
            "long-run": "<html><body>" + body + "<p>" + "word " * (12 * 2**20 // 5) + "</p></body></html>",
            "data-uri": "<html><body>" + body + '<img src="data:image/png;base64,' + "A" * 12 * 2**20 + '"></body></html>',
            "big-attrs": "<html><body><div class='" + "a " * 500_000 + "' data-x='" + "y" * 2_000_000 + "'>" + body
            + "<img src='data:image/png;base64," + "A" * 2_000_000 + "'></div></body></html>",
            "amp-flood": "<html><body>" + body + "<p>" + "&amp;" * 10**6 + "</p></body></html>",
            "bad-entities": "<html><body>" + body + "&" * 10**6 + "&#" * 10**5 + "&#99999999999;" * 10**4 + "</body></html>",
            "lt-flood": "<html><body>" + body + "<" * 10**6 + "<p" * 10**5 + '<p class="' + "x" * 10**6,
        }}
        for name, html in cases.items():
            print(name, flush=True)
            result = ex.extract_safely(html, input_type="html")
            print(name, result.status, result.error, "{P1}" in result.text)
        """,
        cpu_seconds=60,
    )
    assert "50mb error page has" in out and "over the 250000 limit" in out.split("50mb error")[1]
    assert "long-run error HTML hits the parser's 10 MB limit on a text run or markup" in out
    assert "data-uri error HTML hits the parser's 10 MB limit on a text run or markup" in out
    for name in ("big-attrs", "amp-flood", "bad-entities", "lt-flood"):
        assert f"{name} ok None True" in out


# entities, network, files


def billion_laughs(levels: int = 9) -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, levels + 1)
    )
    return f"<!DOCTYPE html [{entities}]>"


@pytest.mark.parametrize("prolog", ["", '<?xml version="1.0"?>'])
def test_entity_expansion_is_never_performed(ex, prolog):
    html = prolog + billion_laughs() + f"<html><body>{BODY}<p>&lol9; &lol1;</p></body></html>"
    result = extract(ex, html)
    assert result.status == "ok" and P1 in result.text
    assert "lollol" not in result.text and len(result.text) < 2000


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("prolog", ["", '<?xml version="1.0"?>'])
def test_external_entities_are_never_resolved_or_fetched(ex, tmp_path, no_network, prolog):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE42")
    doctype = (
        f'<!DOCTYPE html [<!ENTITY file SYSTEM "file://{secret}"><!ENTITY web SYSTEM "http://127.0.0.1:9/x">'
        f'<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
    )
    html = prolog + doctype + f"<html><body>{BODY}<p>&file; and &web;</p>"
    html += f'<iframe src="file://{secret}"></iframe><img src="http://127.0.0.1:9/p.png"></body></html>'
    for data in (html, html.encode()):
        result = extract(ex, data)
        assert result.status == "ok" and P1 in result.text
        assert "TOPSECRETVALUE42" not in str(result.to_dict())


# markup that must not leak into the body


def test_script_and_style_text_never_reaches_the_body(ex):
    html = page(
        f"<p>{P1}</p><script>var leaked = 'SCRIPTLEAK';</script><style>p:after{{content:'STYLELEAK'}}</style>"
        f"<p>{P2}<script>document.write('<p>INLINELEAK</p>')</script></p>"
        "<script>if (a < b && c > d) { x = '</div><p>TAGLEAK' }</script>"
        f"<svg><style>.a{{}}</style><script>SVGLEAK</script></svg><p>{P3}</p>",
        head="<title>Bridge</title><style>body{}</style><script>HEADLEAK</script>",
    )
    text = extract(ex, page_text := html).text
    assert P1 in text and P3 in text, page_text
    for leak in ("SCRIPTLEAK", "STYLELEAK", "INLINELEAK", "SVGLEAK", "HEADLEAK", "leaked"):
        assert leak not in text


def test_comments_and_cdata_containing_the_closing_sequence(ex):
    html = page(
        f"<p>{P1}</p><!-- hidden --> shown after the comment --><!-- <p>COMMENTLEAK</p> -->"
        f"<!--- tricky -- comment ---><p>{P2}</p><![CDATA[ <p>x --> y ]]><p>{P3}</p>"
    )
    result = extract(ex, html)
    assert result.status == "ok"
    assert P1 in result.text and P2 in result.text and P3 in result.text
    assert "COMMENTLEAK" not in result.text and "hidden" not in result.text


# bytes and encodings


def test_nul_bytes_in_tags_and_text_are_dropped(ex):
    spotted = P2.replace(" ", " \x00", 3)
    html = page(f"<p\x00 class='a'>{P1}</p\x00><di\x00v>{spotted}</div><p>{P3}\x00</p>")
    for data in (html, html.encode()):
        result = extract(ex, data)
        assert result.status == "ok" and "\x00" not in result.text and "\ufffd" not in result.text
        assert P1 in result.text and P3 in result.text


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("utf-16", "utf-8"), ("iso-8859-1", "utf-8"), ("utf-8", "cp1252"), ("x-no-such-charset", "utf-8"), ("", "utf-8")],
)
def test_a_lying_meta_charset_does_not_garble_or_crash(ex, declared, encoding):
    html = page(f"<p>{P1}</p><p>The caf\u00e9 by the bridge reopened too, serving cr\u00e8me br\u00fbl\u00e9e.</p>")
    html = html.replace("<head>", f'<head><meta charset="{declared}">')
    result = extract(ex, html.encode(encoding))
    assert result.status == "ok" and P1 in result.text
    # UTF-8 declared on windows-1252 bytes reads as a browser reads it: replacement characters
    assert ("caf\ufffd" if declared == "utf-8" else "caf\u00e9") + " by the bridge" in result.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_html_with_and_without_bom(ex, encoding):
    html = page(f"<p>{P1}</p><p>The caf\u00e9 by the bridge reopened too, \u00e0 c\u00f4t\u00e9 du pont.</p>")
    html = html.replace("<head>", '<head><meta charset="utf-16">')
    result = extract(ex, html.encode(encoding))
    assert result.status == "ok" and P1 in result.text
    assert "caf\u00e9 by the bridge reopened too, \u00e0 c\u00f4t\u00e9 du pont." in result.text


# odd structure


@pytest.mark.parametrize("span", ["2147483647", "99999999999999999999", "-1", "0", "1e9", "NaN"])
def test_huge_table_spans_allocate_no_grid(ex, span):
    table = f"<table><tr><td colspan='{span}' rowspan='{span}'>Steel</td><td>4 million</td></tr><tr><td>Paint</td></tr></table>"
    result = extract(ex, page(BODY + table))
    assert result.status == "ok" and P1 in result.text


@pytest.mark.parametrize(
    "body",
    [
        f"<p>{P1}<div><table><tr><td><p>a<b>b<i>c</b>d</i><li>f<td>g</table></p></form></span><p>{P2}",
        f"<p>{P1}<p>{P2}<p>{P3}",
        f"<p>{P1}</p><a href='x>{P2}</a><p class=\"unclosed>{P3}</p>",
        f"<p>{P1}</p></body></html><p>{P2}</p><html><body><p>{P3}</p>",
        f"<p>{P1}</p><table><p>{P2}</p><tr>{P3}</table><frameset><frame src='x'></frameset>",
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><" + "div " * 1000,
    ],
)
def test_malformed_markup_keeps_what_is_readable(ex, body):
    result = extract(ex, f"<html><body>{body}")
    assert result.status == "ok" and P1 in result.text


# any HTML-ish bytes


TAGS = ["p", "div", "span", "a", "b", "table", "tr", "td", "li", "ul", "h1", "script", "style", "br", "img", "meta"]
ATTRS = ["class", "id", "href", "style", "hidden", "colspan", "charset", "content", "name", "property", "type"]
TEXTS = [P1, P2, "By Jane Smith", "March 3, 2024", "Share", "Home", "caf\u00e9", "\u6771\u4eac", "x", " ", "\n"]
ENTITIES = ["&amp;", "&lt;", "&nbsp;", "&#0;", "&#x110000;", "&#xD800;", "&bogus;", "&", "&#", "&lol;"]
ATTR_VALUE = st.sampled_from(["", "a", "display:none", "ld+json", "2147483647", "utf-16", "og:title", "x y"])
FRAGMENT = st.one_of(
    st.builds(lambda t: f"<{t}>", st.sampled_from(TAGS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.builds(lambda t, a, v: f'<{t} {a}="{v}">', st.sampled_from(TAGS), st.sampled_from(ATTRS), ATTR_VALUE),
    st.sampled_from(TEXTS),
    st.sampled_from(ENTITIES),
    st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html [", "]>", "<?xml ?>", "<", ">", '"', "'"]),
    st.text(max_size=8),
)
HTMLISH = st.builds(
    lambda parts, tail, enc: "".join(parts).encode(enc, errors="replace") + tail,
    st.lists(FRAGMENT, max_size=40),
    st.binary(max_size=12),
    st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
EXTRACTOR = Extractor(plugins=False)


@given(HTMLISH)
def test_any_htmlish_bytes_give_a_result_or_a_documented_error_deterministically(data):
    def run(extractor):
        try:
            return extractor.extract(data, input_type="html").to_dict()
        except ExtractorError as exc:
            return {"error": str(exc)}

    first = run(EXTRACTOR)
    assert run(EXTRACTOR) == first
    assert run(Extractor(plugins=False)) == first
