"""Merge: the same program on several sheets becomes one Program with one Activity per sheet.

Identity comes from the names the sheets give, never from a list of known programs:

1. the *key* of a name: case, accents and punctuation folded, leading articles dropped;
2. a conservative fuzzy match for near-identical keys (token-sorted similarity ≥ 0.9);
3. for a page whose name was taken from its prose (no header name), the longest header-named
   program whose key the page's own prose contains.

>>> name_key("The Inter-American Network for the Prevention of Violence and Crime")
'interamerican network for the prevention of violence and crime'
>>> name_key("El Programa Interamericano de Facilitadores Judiciales")
'programa interamericano de facilitadores judiciales'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from build_graph.extract.sheet_checks import repeated_pages
from build_graph.model import Finding, ProgramRecord, Severity, SourceDocument
from build_graph.resolve.mint import NewOrganisation, Resolved
from build_graph.slugs import fold, slugify

FUZZY_THRESHOLD = 0.9
_ARTICLES = {"the", "a", "an", "el", "la", "los", "las", "le", "les", "l"}
_JOINERS = re.compile(r"(?<=\w)[-‐‑–'’](?=\w)")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class PlannedActivity:
    """One record (one program page of one sheet) with the IRIs it will be given."""

    record: ProgramRecord
    document_slug: str
    program_slug: str
    slug: str  # the activity's slug within its document: the program slug, or "-2"… on clashes


@dataclass(frozen=True)
class MergedProgram:
    slug: str
    name: str
    language: str
    pillar: str | None  # set only when every activity agrees
    names_seen: tuple[str, ...]
    activities: tuple[PlannedActivity, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({a.record.document for a in self.activities}))


@dataclass(frozen=True)
class Merged:
    documents: tuple[SourceDocument, ...]
    programs: tuple[MergedProgram, ...]
    activities: tuple[PlannedActivity, ...]
    new_organisations: tuple[NewOrganisation, ...]
    findings: tuple[Finding, ...]
    curated: tuple[tuple[str, str], ...] = ()  # (minted IRI, curation action) applied

    def on_several_sheets(self) -> tuple[MergedProgram, ...]:
        return tuple(p for p in self.programs if len(p.documents) > 1)


def name_key(name: str) -> str:
    """The key two names must share (or nearly share) to denote the same program."""
    text = _JOINERS.sub("", fold(name))
    words = _NON_WORD.sub(" ", text).split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def similarity(a: str, b: str) -> float:
    """Similarity (0–1) of two keys with their words sorted, so word order does not count.

    >>> similarity("police network", "network police")
    1.0
    """
    return fuzz.token_sort_ratio(a, b) / 100


def _record_name(record: ProgramRecord, findings: list[Finding]) -> str:
    if record.name:
        return record.name
    findings.append(
        Finding(
            Severity.ERROR,
            record.document,
            record.span.first or None,
            f"page {record.page} has no program name in its header or prose; named after its "
            "page (add a name to the sheet)",
            "no-program-name",
        )
    )
    return f"Unnamed program, {record.document.rsplit('.', 1)[0]} page {record.page}"


def _prose_key(record: ProgramRecord) -> str:
    parts = (record.summary, record.objectives, record.results)
    return " " + name_key(" ".join(p for p in parts if p)) + " "


def _group(records: tuple[ProgramRecord, ...], findings: list[Finding]) -> list[list[int]]:
    """Indices of records grouped by program, in first-seen order."""
    names = [_record_name(r, findings) for r in records]
    keys = [name_key(n) for n in names]
    groups: list[list[int]] = []
    index = _KeyIndex()  # each distinct key belongs to exactly one group
    headers = _HeaderKeys()  # keys of header-named records, for prose-named pages
    # header names first, so prose-named pages can join them
    order = sorted(range(len(records)), key=lambda i: (records[i].name_source != "header", i))
    for i in order:
        target = index.group_of.get(keys[i])
        if target is None:
            target = index.fuzzy(keys[i])
        if target is None and records[i].name_source != "header":
            target = headers.longest_in(_prose_key(records[i]))
        if target is None:
            groups.append([i])
            target = len(groups) - 1
        else:
            groups[target].append(i)
        index.add(keys[i], target)
        if records[i].name_source == "header":
            headers.add(keys[i], target)
    return [sorted(g) for g in groups]


class _HeaderKeys:
    """Header-named programs' keys, indexed by first word, to find the longest one a page's
    prose contains in time linear in the prose (not in the number of programs)."""

    def __init__(self) -> None:
        self.by_first: defaultdict[str, dict[tuple[str, ...], int]] = defaultdict(dict)

    def add(self, key: str, group: int) -> None:
        words = tuple(key.split())
        if words:
            self.by_first[words[0]].setdefault(words, group)

    def longest_in(self, prose: str) -> int | None:
        tokens = prose.split()
        best: tuple[int, int] | None = None  # (length in characters, group)
        for start, token in enumerate(tokens):
            for words, group in self.by_first.get(token, {}).items():
                if tuple(tokens[start:start + len(words)]) == words:
                    length = len(" ".join(words))
                    if best is None or length > best[0] or (length == best[0] and group > best[1]):
                        best = (length, group)
        return best[1] if best else None


class _KeyIndex:
    """The distinct keys seen so far, by group, for exact and fuzzy lookups: rapidfuzz's
    ``extractOne`` finds the most similar key (ties to the first key seen) at or above
    FUZZY_THRESHOLD. Its Indel ratio decided every pair of the 188 distinct program names of the
    real, dev-set and a 35-sheet synthetic corpus as difflib's ratio did (17,578 pairs, 0
    disagreements), so the groups are the same.

    Keys are kept by length: a ratio of at least ``t`` needs lengths within a factor of
    ``(2 - t) / t`` of each other (the distance is at least their difference), so a lookup asks
    only the lengths that can reach it — a fuzzy lookup scans every key seen before it, so the
    whole grouping grows with the square of the distinct names (3,500 synthetic sheets: 4,801
    lookups)."""

    def __init__(self) -> None:
        self.group_of: dict[str, int] = {}
        self.by_length: dict[int, tuple[list[str], list[int]]] = {}  # words, their key's order
        self.groups: list[int] = []

    def add(self, key: str, group: int) -> None:
        if key not in self.group_of:
            self.group_of[key] = group
            words = " ".join(sorted(key.split()))
            bucket = self.by_length.setdefault(len(words), ([], []))
            bucket[0].append(words)
            bucket[1].append(len(self.groups))
            self.groups.append(group)

    def fuzzy(self, key: str) -> int | None:
        words = " ".join(sorted(key.split()))
        cutoff = FUZZY_THRESHOLD * 100
        spread = (2 - FUZZY_THRESHOLD) / FUZZY_THRESHOLD
        lo, hi = int(len(words) / spread) - 1, int(len(words) * spread) + 1
        best: tuple[float, int] | None = None  # (score, order of the key): ties to the first
        for length in range(max(lo, 0), hi + 1):
            bucket = self.by_length.get(length)
            if bucket is None:
                continue
            found = process.extractOne(words, bucket[0], scorer=fuzz.ratio, score_cutoff=cutoff)
            if found is not None:
                candidate = (found[1], -bucket[1][found[2]])
                if best is None or candidate > best:
                    best = candidate
        return self.groups[-best[1]] if best is not None else None


def _canonical(records: list[ProgramRecord], names: list[str]) -> tuple[str, str]:
    """The name (and its language) a program goes by: the most common header name."""
    ranked = Counter(
        n for r, n in zip(records, names, strict=True) if r.name_source == "header"
    ) or Counter(names)
    best = max(ranked.items(), key=lambda kv: (kv[1], -names.index(kv[0])))[0]
    return best, records[names.index(best)].language


def merge(resolved: Resolved) -> Merged:
    """Group the resolved records into programs and plan one activity per record; a page that
    repeats one already read is reported and, on the same sheet (or edition), dropped (see
    :func:`build_graph.extract.sheet_checks.repeated_pages`)."""
    findings = list(resolved.findings)
    records, repeats = repeated_pages(resolved.documents, resolved.records)
    findings += repeats
    slug_of = {d.name: d.slug for d in resolved.documents}
    programs: list[MergedProgram] = []
    planned: list[PlannedActivity] = []
    used: dict[str, int] = {}
    for members in _group(records, findings):
        group = [records[i] for i in members]
        names = [r.name or _record_name(r, []) for r in group]
        name, language = _canonical(group, names)
        slug = slugify(name_key(name))
        while slug in used:  # two different programs whose keys slug alike
            used[slug] += 1
            slug = f"{slug}-{used[slug]}"
        used[slug] = 1
        activities = tuple(
            PlannedActivity(r, slug_of.get(r.document, slugify(r.document)), slug, slug)
            for r in group
        )
        pillars = {r.pillar for r in group}
        pillar = pillars.pop() if len(pillars) == 1 else None
        programs.append(
            MergedProgram(slug, name, language, pillar, tuple(sorted(set(names))), activities)
        )
        planned.extend(activities)
    planned = _disambiguate(planned, findings)
    by_program: dict[str, list[PlannedActivity]] = defaultdict(list)
    for a in planned:
        by_program[a.program_slug].append(a)
    programs = [
        MergedProgram(p.slug, p.name, p.language, p.pillar, p.names_seen, tuple(by_program[p.slug]))
        for p in sorted(programs, key=lambda p: p.slug)
    ]
    return Merged(
        resolved.documents,
        tuple(programs),
        tuple(planned),
        resolved.new_organisations,
        tuple(findings),
        resolved.curated,
    )


def _disambiguate(planned: list[PlannedActivity], findings: list[Finding]) -> list[PlannedActivity]:
    """Suffix ``-2``, ``-3``… (by page order) when one sheet reports a program on two pages."""
    planned = sorted(planned, key=lambda a: (a.document_slug, a.record.page))
    count: Counter[tuple[str, str]] = Counter()
    out = []
    for a in planned:
        key = (a.document_slug, a.program_slug)
        count[key] += 1
        if count[key] == 1:
            out.append(a)
            continue
        slug = f"{a.program_slug}-{count[key]}"
        findings.append(
            Finding(
                Severity.WARNING,
                a.record.document,
                a.record.span.first or None,
                f"page {a.record.page} reports program {a.program_slug!r} again on the same "
                f"sheet; its activity is named {slug!r}",
                "duplicate-program-page",
            )
        )
        out.append(PlannedActivity(a.record, a.document_slug, a.program_slug, slug))
    return out
