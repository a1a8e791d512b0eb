"""Python rules use Python `re` on page text: no pattern or loop may go super-linear on hostile lines.

Each case once hung (exponential or cubic backtracking) or took quadratic time before it was fixed.
"""

from __future__ import annotations

from .conftest import run_bounded

#: Long enough that a quadratic pattern takes minutes, a linear one milliseconds.
N = 100_000


def test_python_rule_patterns_are_linear_on_long_adversarial_lines():
    run_bounded(
        f"""
        from extractor.metadata.text import ROLE_LINE, _BYLINE, _SITE_PATTERNS, is_prose
        from extractor.metadata.dates import parse_date, find_date
        from extractor.model import Block
        from extractor.readers import detect_input_type
        from extractor.rules.python.bio import _is_bio
        from extractor.rules.python.comments import DATE_LINE, SECTION_MARKERS, _SAYS, ROLE_BADGE
        from extractor.textutil import fold

        n = {N}
        cases = {{
            "fold: punctuation run inside a line": lambda: fold("a" + "!" * n + "a"),
            "DATE_LINE: date then spaces and tabs": lambda: DATE_LINE.match("March 3, 2024" + " \\t" * n + "x"),
            "DATE_LINE: relative date then spaces": lambda: DATE_LINE.match("2 days ago" + " \\t" * n + "x"),
            "bio: a long line of 'me'": lambda: _is_bio(Block(0, "me " * n), ["Dana Kim"]),
            "BYLINE: names glued to 'and'": lambda: _BYLINE.match("by Aa " + "aandAa " * (n // 7) + "!x"),
            "BYLINE: many names": lambda: _BYLINE.match("by " + "Aa Bb, " * (n // 7) + "x."),
            "BYLINE: long word run": lambda: _BYLINE.match("by " + "Aa " * (n // 3) + "\\u2022"),
            "ROLE_LINE: long word": lambda: ROLE_LINE.match("a" * n + " writer"),
            "ROLE_BADGE": lambda: ROLE_BADGE.match("a " * n),
            "SECTION_MARKERS": lambda: SECTION_MARKERS.match("12 thoughts on " + " " * n + "x!?"),
            "SAYS": lambda: _SAYS.match("a" * 40 + " " * n + "says"),
            "site names": lambda: [p.match("\\u00a9 " + "2024 - " * (n // 7)) for p in _SITE_PATTERNS],
            "dates": lambda: parse_date("Jan " * (n // 4) + "1 2024x" + " \\t" * n),
            "find_date": lambda: find_date(["Jan" + " " * n + "x"]),
            "prose end": lambda: is_prose(Block(0, "word " * 20 + "." + "'" * n + "x")),
            "html sniffing: many comments": lambda: detect_input_type(b"<!-- -->" * 2500 + b"x"),
            "html sniffing: unclosed tags": lambda: detect_input_type(b"<p " * 7000),
        }}
        for name, case in cases.items():
            print(name, flush=True)
            case()
        """
    )


def test_whole_pipeline_is_linear_on_hostile_pages():
    """Pages shaped to make the structural rules loop: comment threads without prose, menus, copies."""
    out = run_bounded(
        """
        from extractor import Extractor
        ex = Extractor(plugins=False)
        n = 4000
        pages = {
            "comment headers, no prose": "".join(f"Maria Lopez{i}\\n2 days ago\\n\\nShort reply {i} here.\\n\\n" for i in range(n)),
            "badge headers": "".join(f"Tom H{i}\\nCommunity Member\\nMarch 3, 2024\\n\\nOk {i}.\\n\\n" for i in range(n)),
            "menu lines": "".join(f"Item {i}\\n" for i in range(4 * n)),
            "repeated blocks": "Repeated line\\nAnother line\\n\\n" * (4 * n),
            "span starts": "Comments\\n" * (4 * n),
            "author box": "By Dana Kim\\n\\nThe museum will reopen its east wing in May after a restoration.\\n\\nDana Kim\\n" + "me " * 100_000,
        }
        for name, page in pages.items():
            print(name, flush=True)
            result = ex.extract(page, input_type="text")
            print(name, result.status)
        """
    )
    assert out.count("\n") == 12


def test_comment_thread_parsed_once_still_finds_the_thread():
    """The parse cache must not change what CMT001 finds."""
    from extractor import Extractor

    page = (
        "The council approved the new budget on Tuesday after a long debate about the library.\n\n"
        "Residents will see the changes take effect from the start of next year, officials said.\n\n"
        "Maria Lopez\n2 days ago\n\nFinally some money for the library. About time.\n\n"
        "tom_h\nCommunity Member\nMarch 3, 2024 at 5:32 pm\n\nI would rather they fixed the roads first.\n\n"
        "Ann Lee\n3 days ago\n\nThe roads are fine where I live, thanks.\n"
    )
    result = Extractor(plugins=False).extract(page, input_type="text")
    assert [(c.author, c.text) for c in result.metadata.comments] == [
        ("Maria Lopez", "Finally some money for the library. About time."),
        ("tom_h", "I would rather they fixed the roads first."),
        ("Ann Lee", "The roads are fine where I live, thanks."),
    ]
    assert "Maria Lopez" not in result.text and "officials said" in result.text
