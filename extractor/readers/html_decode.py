"""HTML bytes to text: byte-order mark, declared charset (meta / XML prolog), then detection."""

from __future__ import annotations

import re

from ..errors import InputError
from .decode import _BOMS, _browser_alias, check_text, decode_bytes, sniff_binary

#: Browsers look for the charset declaration in the first 1024 bytes; pages often put it later.
_PRESCAN_BYTES = 8192
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*\bencoding\s*=\s*[\"']([a-z0-9_.:-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>`, `<meta http-equiv=Content-Type>` or an XML prolog."""
    head = data[:_PRESCAN_BYTES]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(data: str | bytes, http_charset: str | None = None) -> str:
    """Decode page bytes the way a browser would; `str` input passes through.

    Order: BOM, valid UTF-8, the HTTP or in-page declaration (ISO-8859-1 read as
    windows-1252), statistical detection. Raises `InputError` for binary input.
    """
    text = data if isinstance(data, str) else _decode(data, http_charset or declared_charset(data))
    check_text(text)
    return text


def _decode(data: bytes, declared: str | None) -> str:
    if declared and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            encoding = _browser_alias(declared)
        except LookupError:
            encoding = None
        if encoding:
            kind = sniff_binary(data)
            if kind:
                raise InputError(f"binary input ({kind}), not a web page")
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                # a declared page is read in its charset, stray bytes replaced, as browsers do
                return data.decode(encoding, errors="replace")
    return decode_bytes(data, declared=None)[0]
