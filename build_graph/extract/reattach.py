"""Giving a form header to the right page when it stands between two pages.

Where one page has no header of its own, the PDF text can put a neighbour's header block
between the two pages' prose, and position alone cannot tell whose it is. The prose can: a
header belongs to the page whose own prose names its program. This pass moves a header to the
neighbouring header-less page when that page's prose names the header's program and the page it
stood on names a different one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from build_graph.extract.names import name_from_prose
from build_graph.model import Finding, ProgramRecord, Severity
from build_graph.registry import Registry
from build_graph.slugs import fold

_HEADER_FIELDS = ("name", "pillar", "start", "end", "start_raw", "end_raw",
                  "additional_information")
_HEADER_LINES = ("name", "pillar", "start", "end", "donors", "additional_information")


def _core(name: str) -> str:
    return fold(re.sub(r"\s*\([^)]*\)\s*$", "", name))


def _prose(record: ProgramRecord) -> str:
    return fold(" ".join(t for t in (record.summary, record.objectives, record.results) if t))


_GENERIC = {"program", "programme", "project", "network", "initiative", "mechanism", "system",
            "inter", "american", "interamerican", "regional", "national", "hemispheric",
            "strengthening", "for", "the", "of", "and", "in", "on", "to", "programa", "proyecto",
            "red", "iniciativa", "nacional", "hemisferica", "interamericano",
            "interamericana", "fortalecimiento", "para", "de", "la", "el", "los", "las", "del",
            "en", "y", "a"}


def _topic(name: str) -> set[str]:
    """The words that say what a program is about ("civil", "registry", "modernization")."""
    return {w for w in re.findall(r"[a-z]+", _core(name)) if w not in _GENERIC and len(w) > 2}


def _overlap(record: ProgramRecord, name: str) -> float:
    topic = _topic(name)
    if not topic:
        return 0.0
    words = set(re.findall(r"[a-z]+", _prose(record)))
    return len(topic & words) / len(topic)


def _belongs_elsewhere(src: ProgramRecord, dst: ProgramRecord, registry: Registry) -> bool:
    """The header on ``src`` names a program ``src``'s prose does not speak of, while the prose
    of its header-less neighbour ``dst`` does."""
    assert src.name is not None
    own = name_from_prose([src.summary or "", src.objectives or "", src.results or ""],
                          registry)
    if own is None or _core(own) == _core(src.name) or _topic(own) == _topic(src.name):
        return False
    return _overlap(dst, src.name) >= 0.75 and _overlap(src, src.name) < 0.5


def reattach_headers(records: list[ProgramRecord], registry: Registry,
                     document: str) -> tuple[list[ProgramRecord], list[Finding]]:
    out = list(records)
    findings: list[Finding] = []
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        for src, dst, j, k in ((a, b, i, i + 1), (b, a, i + 1, i)):
            if src.name_source != "header" or dst.name_source == "header" or not src.name:
                continue
            if not _belongs_elsewhere(src, dst, registry):
                continue
            moved, left = _move(src, dst, registry)
            out[k], out[j] = moved, left
            findings.append(Finding(
                Severity.INFO, document, dict(src.lines).get("name", src.span).first,
                f"the header of {src.name!r} stands between pages {min(j, k) + 1} and "
                f"{max(j, k) + 1}; it goes with page {k + 1}, whose prose names that program",
                "header-moved"))
            break
    return out, findings


def _move(src: ProgramRecord, dst: ProgramRecord,
          registry: Registry) -> tuple[ProgramRecord, ProgramRecord]:
    header_lines = {k: v for k, v in src.lines if k in _HEADER_LINES}
    moved = replace(
        dst,
        **{f: getattr(src, f) for f in _HEADER_FIELDS},
        name_source="header",
        end_open=src.end_open,
        donors=tuple(d for d in src.donors if d.source == "header")
        + tuple(d for d in dst.donors if d.source != "header"),
        lines=tuple(sorted([*dst.lines, *header_lines.items()],
                           key=lambda kv: (kv[0] != "page", kv[1].first))),
    )
    prose_name = name_from_prose([src.summary or "", src.objectives or "", src.results or ""],
                                 registry)
    left = replace(
        src,
        name=prose_name, name_source="prose" if prose_name else None, pillar=None,
        start=None, end=None, start_raw=None, end_raw=None, end_open=False,
        additional_information=None,
        donors=tuple(d for d in src.donors if d.source != "header"),
        lines=tuple((k, v) for k, v in src.lines if k not in _HEADER_LINES),
    )
    return moved, left
