"""The program browser at ``/programs``: filters by pillar, country, donor, OAS body, status and
year, given as query parameters that combine (``?pillar=security&donor=es``), with the number
of programs each further choice would leave. Rendered on the server, usable without scripts;
the static site's copy filters in the browser with a small script over the same data.

A program is listed when one of its activities (one sheet's report) satisfies every filter:
``country`` is the sheet's country or a country the activity also covers; ``donor`` a funder or
a funding channel; ``body`` an implementing OAS body or any unit under it; ``year`` a year the
activity ran (open-ended ones up to the latest year in the data); ``pillar`` the activity's,
else its program's from another sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from build_graph.web.activities import ActivityFacts, GraphFacts
from build_graph.web.browser_script import SCRIPT
from build_graph.web.layout import PageContext, esc, json_for_script, page
from build_graph.web.profile_parts import by_label, names_html, years_text

FACETS = ("pillar", "country", "donor", "body", "status", "year")


@dataclass(frozen=True)
class Row:
    """One activity's values per facet: what it shows, and what it matches (a body's
    activities match its parents too)."""

    activity: ActivityFacts
    shown: dict[str, frozenset[str]]
    matches: dict[str, frozenset[str]]


def _rows(facts: GraphFacts) -> list[Row]:
    latest = facts.latest_year()
    rows = []
    for a in sorted(facts.activities.values(), key=lambda a: a.iri):
        if a.program is None:
            continue
        bodies = set(a.with_role("implements"))
        shown = {
            "pillar": frozenset(facts.pillars(a)),
            "country": frozenset(([a.country] if a.country else []) + list(a.covers)),
            "donor": frozenset(a.with_role("funds") + a.with_role("channels")),
            "body": frozenset(bodies),
            "status": frozenset([a.status] if a.status else []),
            "year": frozenset(str(y) for y in _years(a, latest)),
        }
        lifted = bodies | {p for b in bodies for p in facts.ancestors(b)}
        rows.append(Row(a, shown, {**shown, "body": frozenset(lifted)}))
    return rows


def _years(a: ActivityFacts, latest: int | None) -> range:
    start, end = a.years
    if start is None and end is None:
        return range(0)
    first = start if start is not None else end
    last = end if end is not None else (latest if a.open_ended and latest else first)
    return range(first or 0, max(first or 0, last or 0) + 1)


def _key(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def value_keys(rows: list[Row]) -> dict[str, dict[str, str]]:
    """Per facet: URL value -> IRI (a year stands for itself). The last segment of the IRI
    names a value unless two values of one facet share it; then the path after ``id/``."""
    found: dict[str, dict[str, str]] = {}
    for facet in FACETS:
        iris = sorted({v for r in rows for v in r.matches[facet]})
        if facet == "year":
            found[facet] = {y: y for y in iris}
            continue
        tails = [_key(i) for i in iris]
        found[facet] = {(_key(i) if tails.count(_key(i)) == 1 else i.split("/id/", 1)[-1]): i
                        for i in iris}
    return found


def chosen_filters(params: dict[str, str], keys: dict[str, dict[str, str]]
                   ) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(facet -> chosen IRI or year, [(facet, value)] that name nothing)."""
    chosen, unknown = {}, []
    for facet in FACETS:
        value = params.get(facet, "").strip()
        if not value:
            continue
        iri = keys[facet].get(value)
        if iri is None:
            iri = next((i for k, i in keys[facet].items() if i.endswith("/" + value)), None)
        if iri is None:
            unknown.append((facet, value))
        else:
            chosen[facet] = iri
    return chosen, unknown


def matching(rows: list[Row], chosen: dict[str, str], skip: str | None = None) -> list[Row]:
    return [r for r in rows if all(iri in r.matches[f] for f, iri in chosen.items()
                                   if f != skip)]


def counts(rows: list[Row], chosen: dict[str, str], facet: str) -> dict[str, int]:
    """Programs each value of ``facet`` would leave, given the other filters."""
    listed = {v for r in rows for v in r.shown[facet]}  # a body's parents match, unlisted
    programs: dict[str, set[str]] = {}
    for r in matching(rows, chosen, skip=facet):
        for value in r.matches[facet] & listed:
            programs.setdefault(value, set()).add(r.activity.program or "")
    return {v: len(p) for v, p in programs.items()}


def _query(ctx: PageContext, chosen: dict[str, str], keys, facet: str | None = None,
           value: str | None = None) -> str:
    wanted = dict(chosen)
    if facet is not None:
        if value is None:
            wanted.pop(facet, None)
        else:
            wanted[facet] = value
    inverse = {f: {iri: k for k, iri in keys[f].items()} for f in FACETS}
    return urlencode([(f, inverse[f][wanted[f]]) for f in FACETS if f in wanted])


def _facet_html(ctx: PageContext, rows, chosen, keys, facet: str) -> str:
    numbers = counts(rows, chosen, facet)
    if facet == "year":
        values = sorted(numbers, reverse=True)
    else:
        values = sorted(numbers, key=lambda v: (-numbers[v], ctx.label(v).casefold()))
    items = []
    for value in values:
        on = chosen.get(facet) == value
        target = _query(ctx, chosen, keys, facet, None if on else value)
        name = value if facet == "year" else ctx.label(value)
        href = ctx.page_href("programs", target)
        current = ' aria-current="true"' if on else ""
        items.append(
            f'<li class="{"on" if on else ""}" data-value="{esc(_inverse(keys, facet, value))}">'
            f'<a href="{esc(href)}"{current}>{esc(name)}</a>'
            f'<span class="count">{numbers[value]}</span></li>')
    return (f'<section class="facet" data-facet="{facet}"><h3>{esc(ctx.t("facet " + facet))}'
            f"</h3><ul>{''.join(items)}</ul></section>")


def _inverse(keys, facet: str, iri: str) -> str:
    return next(k for k, i in keys[facet].items() if i == iri)


def _programs_html(ctx: PageContext, facts: GraphFacts, rows: list[Row]) -> str:
    by_program: dict[str, list[ActivityFacts]] = {}
    for r in rows:
        by_program.setdefault(r.activity.program or "", []).append(r.activity)
    head = "".join(f"<th>{esc(ctx.t(k))}</th>" for k in
                   ("program", "pillar", "sheets", "donors", "oas bodies", "years"))
    items = []
    for program in by_label(ctx, by_program):
        acts = sorted(by_program[program], key=lambda a: ctx.label(a.country or a.iri))
        where = ", ".join(ctx.link(a.iri, ctx.label(a.country) if a.country else a.label)
                          for a in acts)
        donors = {d for a in acts for d in a.with_role("funds") + a.with_role("channels")}
        bodies = {b for a in acts for b in a.with_role("implements")}
        pillars = {p for a in acts for p in facts.pillars(a)}
        items.append(f'<tr data-program="{esc(program)}"><td>{ctx.link(program)}</td>'
                     f"<td>{names_html(ctx, pillars)}</td><td>{where}</td>"
                     f"<td>{names_html(ctx, donors)}</td><td>{names_html(ctx, bodies)}</td>"
                     f"<td>{esc(years_text(ctx, acts))}</td></tr>")
    return (f'<table id="programs"><thead><tr>{head}</tr></thead><tbody>{"".join(items)}'
            "</tbody></table>")


def browser_page(ctx: PageContext, facts: GraphFacts, params: dict[str, str]) -> str:
    """The browser with the filters of ``params`` applied (all programs on a static site,
    where the script applies them)."""
    rows = _rows(facts)
    keys = value_keys(rows)
    chosen, unknown = chosen_filters(params, keys) if ctx.dynamic else ({}, [])
    shown = matching(rows, chosen)
    n = len({r.activity.program for r in shown})
    parts = [f"<h1>{esc(ctx.t('program browser'))}</h1>",
             f'<p class="note">{esc(ctx.t("browser note"))}</p>']
    for facet, value in unknown:
        parts.append(f'<p role="alert">{esc(ctx.t("unknown value", facet=facet, value=value))}'
                     "</p>")
    filters = " ".join(
        f'<a href="{esc(ctx.page_href("programs", _query(ctx, chosen, keys, f, None)))}" '
        f'title="{esc(ctx.t("remove filter"))}">✕ {esc(ctx.t("facet " + f))}: '
        f"{esc(iri if f == 'year' else ctx.label(iri))}</a>" for f, iri in chosen.items())
    if filters:
        filters += f' <a href="{esc(ctx.page_href("programs"))}">{esc(ctx.t("clear all"))}</a>'
    parts.append(f'<p class="chosen" id="chosen">{filters}</p>')
    parts.append(f'<p id="found">{esc(ctx.t("n programs found", n=n))}</p>')
    facets = "".join(_facet_html(ctx, rows, chosen, keys, f) for f in FACETS)
    parts.append(f'<div class="browser"><nav aria-label="{esc(ctx.t("filters"))}">{facets}'
                 f"</nav><div>{_programs_html(ctx, facts, shown)}</div></div>")
    if not ctx.dynamic:
        parts.append(_script_data(ctx, rows, keys))
    return page(ctx, ctx.t("program browser"), "".join(parts))


def _script_data(ctx: PageContext, rows: list[Row], keys) -> str:
    """The static copy's data: each program's activities as facet values, and the words the
    script writes."""
    inverse = {f: {iri: k for k, iri in keys[f].items()} for f in FACETS}
    programs: dict[str, list[dict[str, list[str]]]] = {}
    for r in rows:
        programs.setdefault(r.activity.program or "", []).append(
            {f: sorted(inverse[f][v] for v in r.matches[f]) for f in FACETS})
    names = {f: {k: (k if f == "year" else ctx.label(i)) for k, i in keys[f].items()}
             for f in FACETS}
    data = {"programs": programs, "names": names,
            "facets": {f: ctx.t("facet " + f) for f in FACETS},
            "found": ctx.t("n programs found", n="{n}"), "clear": ctx.t("clear all")}
    return (f'<script type="application/json" id="browser-data">{json_for_script(data)}'
            f"</script><script>{SCRIPT}</script>")


__all__ = ["FACETS", "browser_page", "chosen_filters", "counts", "matching", "value_keys"]
