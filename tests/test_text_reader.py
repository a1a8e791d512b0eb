"""The raw-text reader: line ends, odd spaces, indentation, wrapping, encodings."""

from __future__ import annotations

from extractor.readers.decode import decode_bytes
from extractor.readers.text import detect_wrap_width, normalise, read_text

PARA = (
    "Scientists studying the cold seeps off the northern coast have found a colony of tube worms living more "
    "than two kilometres below the surface, the deepest such community recorded in these waters so far."
)


def test_crlf_nbsp_zero_width_and_nfc():
    text = "Cafe\u0301\u00a0au\u200b lait\r\nsecond line\rthird"
    assert normalise(text) == "Café au lait\nsecond line\nthird"


def test_blank_lines_mark_paragraph_breaks_and_indent_is_dropped():
    doc = read_text("Title line\n\n    First paragraph here.\n    Second line same paragraph.\n\n\n  Next.")
    assert [b.text for b in doc.blocks] == [
        "Title line",
        "First paragraph here.",
        "Second line same paragraph.",
        "Next.",
    ]
    assert [b.gap_before for b in doc.blocks] == [True, True, False, True]
    assert doc.blocks[1].indent == 4


def test_whitespace_only_lines_count_as_blank():
    doc = read_text("One.\n \u00a0 \nTwo.")
    assert doc.blocks[1].gap_before


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def test_hard_wrapped_paragraphs_are_rejoined():
    lines = [*_wrap(PARA, 119), "", *_wrap(PARA.replace("Scientists", "Biologists"), 119), "", "Short line."]
    assert detect_wrap_width(lines) is not None
    doc = read_text("\n".join(lines))
    assert [b.text for b in doc.blocks] == [PARA, PARA.replace("Scientists", "Biologists"), "Short line."]


def test_wrapping_found_under_a_long_menu_and_a_stray_wide_line():
    """Mostly short menu lines (few full lines) and one line a text browser let overflow."""
    menu = [f"  \u2022 Section {k}" for k in range(300)]
    paras = [
        _wrap(f"{PARA} {PARA}".replace("Scientists", name), 119) for name in ("Biologists", "Divers", "Geologists")
    ]
    stray = "RT @someone: " + "\u092a\u093e\u0928\u0940 " * 30  # combining marks a renderer counts otherwise
    lines = [*menu, "", *paras[0], "", *paras[1], "", stray.strip(), "", *paras[2]]
    assert detect_wrap_width(lines) == max(len(line) for p in paras for line in p)
    texts = [b.text for b in read_text("\n".join(lines)).blocks]
    assert f"{PARA} {PARA}".replace("Scientists", "Divers") in texts


def test_short_lines_are_not_joined_when_not_wrapped():
    text = "Home\nNews\nSport\n\n" + PARA + "\n\nA short closing line."
    assert detect_wrap_width(text.split("\n")) is None
    assert len(read_text(text).blocks) == 5


def test_wrapped_cjk_joins_without_spaces():
    sentence = "研究人员在北部海岸附近的冷泉中发现了一个管虫群落，它们生活在海面以下两千多米的地方。"
    para = sentence * 6
    lines, line = [], ""
    for ch in para:  # wrap at 80 columns, CJK characters being two columns wide
        if (len(line) + 1) * 2 > 80:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    doc = read_text("\n".join([*lines, "", "\n".join(lines)]))
    assert doc.blocks[0].text == para


def test_bullets_become_list_items():
    doc = read_text("  • News\n  • Science\n* Sport\nPlain")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "News"),
        ("list_item", "Science"),
        ("list_item", "Sport"),
        ("text", "Plain"),
    ]


def test_very_long_line_is_one_block():
    line = "word " * 200_000
    doc = read_text(line)
    assert len(doc.blocks) == 1 and len(doc.blocks[0].text) == len(line.strip())


def test_decoding_order():
    assert decode_bytes("é".encode("utf-8-sig"))[1] == "utf-8"
    assert decode_bytes("Grüße aus Köln".encode("utf-16"))[0] == "Grüße aus Köln"
    assert decode_bytes("Grüße aus Köln, schöne Stadt".encode("utf-16-le"))[0] == "Grüße aus Köln, schöne Stadt"
    assert decode_bytes("naïve".encode()) == ("naïve", "utf-8")
    text, encoding = decode_bytes("Déjà vu, à la carte, crème brûlée.".encode("cp1252"))
    assert text == "Déjà vu, à la carte, crème brûlée." and encoding == "cp1252"


def test_a_list_number_alone_on_its_line_joins_the_line_after_it():
    # how w3m prints <ol> items that start with an image or a heading
    text = (
        "Most read\n\n"
        " 1.  \n    Rescuers reach the stranded climbers on the north face\n    19 Nov 2019, 9:25pm\n\n"
        " 2.  \n\n    Council approves the new ferry terminal\n"
        "12.\n"
    )
    blocks = [(b.text, b.kind) for b in read_text(text).blocks]
    assert blocks == [
        ("Most read", "text"),
        ("1. Rescuers reach the stranded climbers on the north face", "list_item"),
        ("19 Nov 2019, 9:25pm", "text"),
        ("2. Council approves the new ferry terminal", "list_item"),
        ("12.", "text"),
    ]


def test_a_number_with_its_text_on_the_same_line_is_left_alone():
    blocks = [b.text for b in read_text("1. Preheat the oven.\n2. Mix the flour and the butter.").blocks]
    assert blocks == ["1. Preheat the oven.", "2. Mix the flour and the butter."]
