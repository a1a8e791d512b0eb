"""Absolute dates written in page text, to ISO 8601. Relative dates are never resolved."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january", "janvier", "januar", "enero", "gennaio"),
            ("feb", "february", "février", "fevrier", "februar", "febrero", "febbraio"),
            ("mar", "march", "mars", "märz", "marz", "marzo"),
            ("apr", "april", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maggio"),
            ("jun", "june", "juin", "juni", "junio", "giugno"),
            ("jul", "july", "juillet", "juli", "julio", "luglio"),
            ("aug", "august", "août", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre", "settembre"),
            ("oct", "october", "octobre", "oktober", "octubre", "ottobre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "décembre", "decembre", "dezember", "diciembre", "dicembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-zéûä]{3,10})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_YEAR}/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\.?\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.{_YEAR}\b"),
    # Slashed day and month: the US order (month first) unless the first number cannot be a month.
    re.compile(rf"(?<![\d/])(?P<mnum>[0-3]?\d)/(?P<day>[0-3]?\d)/{_YEAR}\b"),
]
_CUE = re.compile(r"\b(?:published|posted|updated|date|on)\b", re.I)
#: Lines longer than this are prose, where a date is usually about something else.
DATE_LINE_MAX_WORDS = 20


def parse_date(text: str) -> str | None:
    """The first absolute calendar date in `text` as YYYY-MM-DD, or None."""
    if "19" not in text and "20" not in text:  # every pattern needs a year, 19xx or 20xx: most lines have none
        return None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS.get((parts.get("month") or "").lower())
            if not month:
                continue
            day = int(parts["day"])
            if parts.get("mnum") and month > 12 >= day:  # "25.09.2024" read day-first, "09.25.2024" month-first
                month, day = day, month
            try:
                return date(int(parts["year"]), month, day).isoformat()
            except ValueError:
                continue
    return None


def find_date(lines: list[str]) -> str | None:
    """The publication date from the head of a page: a cued line first ("Published ..."), then any short line."""
    short = [line for line in lines if len(line.split()) <= DATE_LINE_MAX_WORDS]
    for line in (*[x for x in short if _CUE.search(x)], *short):
        found = parse_date(line)
        if found:
            return found
    return None
