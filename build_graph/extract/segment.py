"""Cutting a sheet's units into program pages.

A page is anchored by its prose headings and/or its form header (the label block). A new page
starts when a heading or a form label comes again that the current page already has, or when a
new text box starts after a page whose header and summary are complete. Units that stand after a
page's header but before the next page's headings (the next page's beneficiaries and URL, as the
PDF extraction places them) go with the next page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_graph.extract.boxes import scores
from build_graph.extract.dates import ends_with_connector
from build_graph.extract.lines import Unit

_HEADER_FIELDS = ("pillar", "name", "date", "beneficiaries", "donors")


@dataclass
class Page:
    units: list[Unit] = field(default_factory=list)
    headings: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    header_done: bool = False  # the end date after "Donor Countries" has been seen
    prose_after_header: int = 0
    boxes_seen: set[str] = field(default_factory=set)  # by content, for pages with no headings

    @property
    def first(self) -> int:
        return min(u.first for u in self.units)

    @property
    def last(self) -> int:
        return max(u.last for u in self.units)

    def has_content(self) -> bool:
        return any(u.kind in ("prose", "label", "heading") for u in self.units)


def split_pages(units: list[Unit]) -> list[Page]:
    pages: list[Page] = []
    page = Page()
    pending: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind == "furniture":
            i += 1
            continue
        if unit.kind == "heading":
            cluster = [unit]
            while i + 1 < len(units) and units[i + 1].kind == "heading":
                i += 1
                cluster.append(units[i])
            types = {u.value for u in cluster}
            clash = types & page.headings or (not page.headings and types & page.boxes_seen)
            if clash and page.has_content():
                carried = [] if page.header_done else _trailing_values(page)
                pages.append(page)
                page = Page(units=carried)
            page.units += pending + cluster
            pending = []
            page.headings |= types
            i += 1
            continue
        if unit.kind == "label":
            fresh = unit.value in _HEADER_FIELDS and unit.value in page.labels
            if fresh and page.has_content():
                carried = _trailing_header_values(page)
                pages.append(page)
                page = Page(units=carried)
            page.units += pending
            pending = []
            page.units.append(unit)
            page.labels.add(unit.value)
            i += 1
            continue
        if unit.kind == "date" and "donors" in page.labels and not page.header_done:
            page.units += pending + [unit]
            pending = []
            if ends_with_connector(unit.text) or unit.text.strip().lower() in ("to", "a"):
                page.header_done = True
            elif i + 1 < len(units) and units[i + 1].kind != "date":
                page.header_done = True
            i += 1
            continue
        if unit.kind == "prose":
            if page.header_done and page.prose_after_header and unit.marked:
                pages.append(page)
                page = Page()
            if not page.headings:
                s = scores(unit.text)
                page.boxes_seen.add(max(s, key=lambda b: s[b]))
            if page.header_done:
                page.prose_after_header += 1
                url_dups = [u for u in pending if u.kind == "url" and _same_url(u, page)]
                pending = [u for u in pending if u not in url_dups]
                page.units += url_dups + pending
                pending = []
            page.units.append(unit)
            i += 1
            continue
        # fragments, URLs, placeholders, loose dates
        if page.header_done:
            if unit.kind == "url" and _same_url(unit, page):
                page.units.append(unit)
            else:
                pending.append(unit)
        else:
            page.units.append(unit)
        i += 1
    page.units += pending
    if page.units:
        pages.append(page)
    return [p for p in pages if p.has_content()] or pages


def _same_url(unit: Unit, page: Page) -> bool:
    return any(u.kind == "url" and unit.text.startswith(u.text) for u in page.units)


def _trailing_values(page: Page) -> list[Unit]:
    """Short values after a page's last prose, right before the next page's headings (its
    beneficiaries, URL, name), belong to that next page, as the PDF extraction places them."""
    carried: list[Unit] = []
    while len(page.units) > 1 and page.units[-1].kind in ("fragment", "url", "placeholder"):
        carried.insert(0, page.units.pop())
    return carried


def _trailing_header_values(page: Page) -> list[Unit]:
    """A page ended by a new label block: the name and start date just before those labels
    belong to the new page, not the old one."""
    carried: list[Unit] = []
    while page.units and page.units[-1].kind in ("fragment", "date"):
        carried.insert(0, page.units.pop())
    return carried
