"""HTML bytes to text: byte-order mark, declared charset (meta / XML prolog), then detection."""

from __future__ import annotations

import re

from .decode import check_text, decode_bytes

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
    if isinstance(data, str):
        text = data
    else:
        text, _ = decode_bytes(data, declared=http_charset or declared_charset(data))
    check_text(text)
    return text
