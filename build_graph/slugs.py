"""Deterministic, readable, lower-case slugs for IRIs (never counters or run order)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)  # the extractor folds the same lines and words many times over
def fold(text: str) -> str:
    """Lower-case, strip accents and collapse white space: the key used to compare names.

    >>> fold("  Banco de Desarrollo de  América Latina ")
    'banco de desarrollo de america latina'
    """
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_text.casefold().split())


def slugify(text: str, max_length: int = 80) -> str:
    """A slug made of ``a-z0-9`` and single hyphens.

    >>> slugify("Training and certification program (PROCCER)")
    'training-and-certification-program-proccer'
    >>> slugify("SAVIA – Programa Salud y Vida en las Américas")
    'savia-programa-salud-y-vida-en-las-americas'
    """
    slug = _NON_WORD.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "unnamed"


class _SameLengthFold(dict):
    """Character -> its lower-case base letter (one character), filled on first use."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        low = (base or ch).lower()
        self[code] = low[0] if low else ch
        return self[code]


_FOLD_TABLE = _SameLengthFold()


def fold_same_length(text: str) -> str:
    """Lower-case and strip accents, one output character per input character (keeps offsets)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)
