"""Hostile input on the raw-text path: a clean result or a clear per-document error, never a crash."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from extractor import Extractor
from extractor.batch import Source, process, read_source
from extractor.errors import InputError
from extractor.pipeline import MAX_BLOCKS, MAX_INPUT_BYTES
from extractor.readers import MAX_TEXT_CHARS

from .conftest import run_bounded

ARTICLE = (
    "City Opens New Bridge After Two Years Of Repairs\n\n"
    "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
    "Engineers said the new deck would last at least fifty years with regular care.\n"
)


@pytest.fixture(scope="module")
def extractor():
    return Extractor(plugins=False)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("page.txt", ARTICLE)
    return buf.getvalue()


BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)),
    "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
    "zip": _zip(),
    "random": bytes((i * 7919) % 256 for i in range(4096)),
}


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \t\r\n\u00a0\u200b\n"])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_empty_and_blank_input_is_an_empty_result(extractor, text, as_bytes):
    result = extractor.extract(text.encode() if as_bytes else text, input_type="text")
    assert result.status == "empty" and result.text == ""


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_files_are_refused_with_a_clear_error(extractor, name):
    with pytest.raises(InputError, match="binary input"):
        extractor.extract(BINARIES[name], input_type="text")
    result = extractor.extract_safely(BINARIES[name], input_type="text", id=name)
    assert (result.status, result.id, result.text) == ("error", name, "")
    assert result.to_dict()["text"] is None and "binary input" in result.to_dict()["error"]


@pytest.mark.parametrize("data", [ARTICLE.replace(" ", "\x00 ", 3), ARTICLE.replace(" ", "\x00 ", 3).encode()])
def test_nul_bytes_in_text_are_dropped(extractor, data):
    result = extractor.extract(data, input_type="text")
    assert "\x00" not in result.text
    assert "The bridge reopened on Monday" in result.text


def test_invalid_utf8_is_decoded_without_error(extractor):
    data = ARTICLE.encode() + b"Caf\xe9 prices rose \xff\xfe sharply in the spring, the owners said.\n"
    result = extractor.extract(data, input_type="text")
    assert result.status == "ok" and "The bridge reopened on Monday" in result.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_utf16_and_bom_encodings_are_decoded(extractor, encoding):
    page = ARTICLE + "\nThe caf\u00e9 on the corner, \u00e0 c\u00f4t\u00e9 du pont, reopened too.\n"
    result = extractor.extract(page.encode(encoding), input_type="text")
    assert "The caf\u00e9 on the corner, \u00e0 c\u00f4t\u00e9 du pont, reopened too." in result.text


def test_mixed_encodings_keep_the_readable_text(extractor):
    data = ARTICLE.encode() + "Cr\u00e8me br\u00fbl\u00e9e was served at the opening.\n".encode("latin-1")
    result = extractor.extract(data, input_type="text")
    assert "The bridge reopened on Monday" in result.text and "\x00" not in result.text


def test_input_over_the_byte_limit_is_refused(extractor):
    with pytest.raises(InputError, match="over the 64 MB limit"):
        extractor.extract(b"a" * (MAX_INPUT_BYTES + 1), input_type="text")


def test_huge_pages_finish_or_are_refused_promptly():
    """A 50 MB page, a page of one 10 MB line, and a page of too many blocks: bounded time."""
    out = run_bounded(
        """
        from extractor import Extractor
        from extractor.errors import InputError
        ex = Extractor(plugins=False)
        para = "The quick brown fox jumps over the lazy dog near the river bank today.\\n\\n"
        cases = {
            "50mb": para * (50 * 2**20 // len(para)),
            "10mb-line": "word " * (2 * 10**6),
            "many-blocks": "Short line of text here\\n" * 60_000,
        }
        for name, text in cases.items():
            print(name, flush=True)
            try:
                result = ex.extract(text, input_type="text")
                print(name, "ok", result.status, len(result.text))
            except InputError as exc:
                print(name, "refused", exc)
        """,
        cpu_seconds=90,
    )
    assert f"50mb refused page text is 50.0 M characters, over the {MAX_TEXT_CHARS >> 20} M limit" in out
    assert "10mb-line ok ok" in out
    assert f"many-blocks refused page has 60000 blocks, over the {MAX_BLOCKS} limit" in out


def test_gzip_bomb_is_capped(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        chunk = b"\x00" * 2**20
        for _ in range((MAX_INPUT_BYTES >> 20) + 8):
            f.write(chunk)
    assert bomb.stat().st_size < 2**20  # a small file that expands past the limit
    with pytest.raises(InputError, match="gzip data expands to over 64 MB"):
        read_source(Source("bomb", bomb))
    result = process(Extractor(plugins=False), Source("bomb", bomb))
    assert result.status == "error" and "expands to over" in result.error


def test_corrupt_gzip_is_an_error(tmp_path):
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode())[:30])
    result = process(Extractor(plugins=False), Source("bad", path))
    assert result.status == "error" and "corrupt gzip data" in result.error


def test_missing_file_is_an_error(tmp_path):
    result = process(Extractor(plugins=False), Source("gone", tmp_path / "gone.txt"))
    assert result.status == "error" and result.error.startswith("cannot read file")
