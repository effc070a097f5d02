"""Dates as the sheets write them, parsed to ISO at the precision given.

``7/1/2015`` (month/day in English sheets, day/month in Spanish ones unless a date proves
otherwise), ``1998``, ``January 2016``, ``enero de 2016``, ``25 de marzo de 2017``; the
placeholders ``Commencement``/``Completion`` mean no date; ``Ongoing``, ``Continuous Program``,
``Continuo`` mean open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_graph import lexicon
from build_graph.slugs import fold

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(?:de\s+|of\s+)?(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+(?:de\s+)?([a-z]+)\.?,?\s+(?:de\s+|of\s+)?(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_RANGE_SPLIT = re.compile(r"\s+(?:to|a|al|hasta|until)\s+|\s+[-–—]\s+")


@dataclass(frozen=True)
class ParsedDate:
    iso: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    open_ended: bool = False
    placeholder: bool = False


def _strip_connector(text: str) -> str:
    words = text.strip().rstrip(".").split()
    while words and fold(words[-1]) in lexicon.RANGE_WORDS:
        words.pop()
    while words and fold(words[0]) in ("from", "desde", "del", "de"):
        words.pop(0)
    return " ".join(words)


def parse_date(text: str, day_first: bool = False) -> ParsedDate | None:
    """Parse one date expression; None when the text is not a date.

    >>> parse_date("7/1/2015")
    ParsedDate(iso='2015-07-01', open_ended=False, placeholder=False)
    >>> parse_date("25/03/2017", day_first=True).iso
    '2017-03-25'
    >>> parse_date("January 2016").iso
    '2016-01'
    >>> parse_date("Continuous Program to").open_ended
    True
    """
    core = _strip_connector(text)
    k = fold(core)
    if not k:
        return None
    if k in lexicon.OPEN_ENDED:
        return ParsedDate(None, open_ended=True)
    if k in lexicon.START_PLACEHOLDERS or k in lexicon.END_PLACEHOLDERS:
        return ParsedDate(None, placeholder=True)
    if m := _ISO.match(k):
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.match(k):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12:
            day_first = True
        elif b > 12:
            day_first = False
        day, month = (a, b) if day_first else (b, a)
        parsed = _checked(year, month, day)
        return parsed
    if m := _YEAR.match(k):
        return ParsedDate(m.group(1))
    if (m := _MONTH_YEAR.match(k)) and m.group(1) in lexicon.MONTHS:
        return ParsedDate(f"{m.group(2)}-{lexicon.MONTHS[m.group(1)]:02d}")
    if (m := _DAY_MONTH_YEAR.match(k)) and m.group(2) in lexicon.MONTHS:
        return _checked(int(m.group(3)), lexicon.MONTHS[m.group(2)], int(m.group(1)))
    if (m := _MONTH_DAY_YEAR.match(k)) and m.group(1) in lexicon.MONTHS:
        return _checked(int(m.group(3)), lexicon.MONTHS[m.group(1)], int(m.group(2)))
    return None


def _checked(year: int, month: int, day: int) -> ParsedDate | None:
    import datetime

    try:
        return ParsedDate(datetime.date(year, month, day).isoformat())
    except ValueError:
        return None


def split_range(text: str) -> tuple[str, str] | None:
    """"January 2016 to December 2018" -> ("January 2016", "December 2018")."""
    parts = _RANGE_SPLIT.split(text.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        if parse_date(parts[0]) and parse_date(parts[1]):
            return parts[0], parts[1]
    return None


def is_date_line(text: str) -> bool:
    """A whole line that is a date, a date placeholder, a range, or a lone range word."""
    k = lexicon.key(text)
    if k in lexicon.RANGE_WORDS and k not in ("-",):
        return True
    return parse_date(text) is not None or split_range(text) is not None
