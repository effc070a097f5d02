"""An organisation the registry does not know, as minting and curation both see it."""

from __future__ import annotations

from dataclasses import dataclass

from build_graph import vocab

NEW_KIND = "new"  # EntityRef.kind of an organisation the registry does not know
ORG_CLASS = "org:FormalOrganization"  # what every minted organisation is


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation no registry entity answers to, with every place it was seen.

    ``label`` is the longest full name as written (in ``language``), ``names`` every other way
    it was written, ``sentences`` one example sentence per (document, line), ``status``
    "unreviewed", or "accepted" / "renamed" by a curation file.
    """

    slug: str
    label: str
    seen: tuple[tuple[str, int], ...]  # (document name, line), sorted
    acronym: str | None = None
    scope: str = "international"  # or "national"
    country: str | None = None  # ISO alpha-2, national ones
    roles: tuple[str, ...] = ()  # sorted: counterpart, funder, implementer, partner
    language: str = "en"
    names: tuple[str, ...] = ()
    sentences: tuple[tuple[str, int, str], ...] = ()
    status: str = "unreviewed"
    kind: str = ORG_CLASS

    @property
    def needs_review(self) -> bool:
        return self.status == "unreviewed"

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({d for d, _ in self.seen}))

    @property
    def lines(self) -> tuple[str, ...]:
        """Every place as ``document:line``."""
        return tuple(f"{d}:{line}" for d, line in self.seen)

    def iri(self, base: str = vocab.DEFAULT_BASE) -> str:
        base = base if base.endswith(("/", "#")) else base + "/"
        return f"{base}id/org/{self.slug}"
