"""Content negotiation: one small pure function over the ``Accept`` header.

>>> negotiate("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", RESOURCE_TYPES)
'text/html'
>>> negotiate("text/turtle", RESOURCE_TYPES)
'text/turtle'
>>> negotiate("image/png", RESOURCE_TYPES) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

# The formats a resource is served in: extension -> media type. The first is the default
# (what ``*/*`` or a missing Accept gets): a person following a link sees HTML.
EXTENSIONS: dict[str, str] = {
    "html": "text/html",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
RESOURCE_TYPES: tuple[str, ...] = tuple(EXTENSIONS.values())
# Other names clients use for the same formats.
ALIASES: dict[str, str] = {
    "application/xhtml+xml": "text/html",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/json": "application/ld+json",
    "text/plain": "application/n-triples",
}
EXTENSION_OF: dict[str, str] = {media: ext for ext, media in EXTENSIONS.items()}


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media: str) -> bool:
        kind, _, sub = media.partition("/")
        return (self.type in ("*", kind)) and (self.subtype in ("*", sub))

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def _parse(accept: str) -> list[_Range]:
    ranges = []
    for order, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        media_type = ALIASES.get(media, media)
        if media_type != media:
            kind, _, sub = media_type.partition("/")
        ranges.append(_Range(kind, sub, q, order))
    return ranges


def negotiate(accept: str | None, offers: tuple[str, ...] | list[str]) -> str | None:
    """The offer the ``Accept`` header prefers, or ``None`` when it accepts none of them (406).

    Each offer gets the q of the most specific range that matches it; the highest q wins, ties
    go to the earlier offer. A missing or empty header accepts anything (the first offer).
    """
    if not offers:
        return None
    if accept is None or not accept.strip():
        return offers[0]
    ranges = _parse(accept)
    best: tuple[float, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, r.q))
        if top.q <= 0:
            continue
        key = (top.q, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def split_extension(path: str) -> tuple[str, str | None]:
    """``"id/org/oas.ttl"`` → ``("id/org/oas", "text/turtle")``; no known extension → None.

    >>> split_extension("id/org/oas.jsonld")
    ('id/org/oas', 'application/ld+json')
    >>> split_extension("id/org/oas")
    ('id/org/oas', None)
    """
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in EXTENSIONS:
        return stem, EXTENSIONS[ext]
    return path, None
