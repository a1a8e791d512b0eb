"""Bytes to text: refuse binary files, find the encoding, never guess silently wrong."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

#: Leading bytes of common binary formats that are sometimes handed over as pages.
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x1f\x8b", "gzip data (give the file a .gz name to have it decompressed)"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media file"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF = 4096


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of `data`, or None when it may be text."""
    head = data[:_SNIFF]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and b"This program" not in data[:1024]:
                continue
            return name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its pattern of zero bytes in ASCII text."""
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return (text, encoding used).

    Order: byte-order mark, BOM-less UTF-16, strict UTF-8, the declared charset,
    statistical detection, then UTF-8 with replacement characters. Raises
    `InputError` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data[:_SNIFF])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"binary input ({kind}), not a web page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        encoding = _browser_alias(declared)
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    detected = _detect(data)
    if detected:
        return data.decode(detected, errors="replace"), detected
    return data.decode("utf-8", errors="replace"), "utf-8"


def _browser_alias(name: str) -> str:
    """Browsers read ISO-8859-1 and ASCII labels as windows-1252."""
    name = name.strip().strip("\"'").lower()
    if name in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"
    return codecs.lookup(name).name


def _detect(data: bytes) -> str | None:
    """Statistical detection; on a tie windows-1252 wins, as it does in browsers."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is None:
        return None
    for match in results:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return "cp1252"
    return best.encoding


#: Control characters that no text holds (every one below a space except tab, line ends, \f and \v).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def check_text(text: str) -> None:
    """Reject decoded text that is really binary (many control characters)."""
    sample = text[:_SNIFF]
    if not sample:
        return
    control = len(_CONTROL.findall(sample))
    if control > 0.1 * len(sample):
        raise InputError("binary input (control characters), not a web page")
