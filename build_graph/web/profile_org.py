"""The profile of an organisation (an OAS body, a donor or its agency, a partner, a national
counterpart): what it is and where it sits, then its programs grouped by its role, with the
programs of its units rolled up and marked as such, and its neighbourhood as a picture."""

from __future__ import annotations

from build_graph import vocab
from build_graph.web.activities import ROLE_ORDER, ActivityFacts, GraphFacts
from build_graph.web.graphview import Description
from build_graph.web.layout import PageContext, esc
from build_graph.web.neighbourhood import picture_of
from build_graph.web.profile_donor import donor_section
from build_graph.web.profile_parts import (
    by_label,
    key_numbers,
    names_html,
    programs_of,
    results_totals,
    totals_html,
    years_text,
)
from build_graph.web.svg import picture_svg

SKOS = "http://www.w3.org/2004/02/skos/core#"
ROLE_HEADINGS = {"implements": "role implements", "funds": "role funds",
                 "channels": "role channels", "partner": "role partner",
                 "counterpart": "role counterpart"}


def in_language(ctx: PageContext, d: Description, predicate: str) -> str | None:
    """The value of a literal property in the page's language, else untagged or English."""
    values = [t for t in d.values(predicate) if hasattr(t, "language")]
    for wanted in (ctx.lang, None, "en"):
        for v in values:
            if (v.language or None) == wanted:
                return v.value
    return values[0].value if values else None


def where_it_sits(ctx: PageContext, facts: GraphFacts, d: Description) -> str:
    """Acronym, the hierarchy above it, its country, a note, its units taking part."""
    rows = []
    acronyms = sorted(t.value for t in d.values(str(vocab.acronym)))
    if acronyms:
        rows.append((ctx.t("acronym"), esc(", ".join(acronyms))))
    chain = facts.chain(d.iri)
    if chain:
        path = " › ".join(ctx.link(i) for i in chain)
        rows.append((ctx.t("part of"), f"{path} › <strong>{esc(ctx.label(d.iri))}</strong>"))
    country = facts.org_country.get(d.iri)
    if country:
        rows.append((ctx.t("country"), ctx.link(country)))
    note = in_language(ctx, d, SKOS + "note") or in_language(ctx, d, SKOS + "definition")
    if note:
        rows.append((ctx.t("note"), esc(note)))
    units = facts.descendants(d.iri)
    active = facts.participants() & units
    if units:
        shown = names_html(ctx, active) or esc(ctx.t("none"))
        rest = len(units) - len(active)
        if rest:
            shown += f' <small class="muted">{esc(ctx.t("more units", n=rest))}</small>'
        rows.append((ctx.t("units taking part"), shown))
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="props">{body}</dl>' if body else ""


def role_table(ctx: PageContext, facts: GraphFacts, org: str, members: set[str], role: str,
               activities: list[ActivityFacts]) -> str:
    """One row per program: where (each sheet's activity), years, results, and the units
    through which it is rolled up into ``org``."""
    rows = []
    for program, group in programs_of(activities).items():
        direct = any(org in a.with_role(role) for a in group)
        units = sorted({m for a in group for m in a.with_role(role) if m in members} - {org})
        mark = ""
        if units:
            key = "with units" if direct else "through units"
            mark = (f' <span class="badge unit">{esc(ctx.t(key, n=len(units)))} '
                    f"{names_html(ctx, units)}</span>")
        where = ", ".join(ctx.link(a.iri, ctx.label(a.country) if a.country else a.label)
                          for a in sorted(group, key=lambda a: ctx.label(a.country or a.iri)))
        rows.append(f"<tr><td>{ctx.link(program)}{mark}</td><td>{where}</td>"
                    f"<td>{esc(years_text(ctx, group))}</td>"
                    f"<td>{totals_html(ctx, results_totals(group))}</td></tr>")
    head = "".join(f"<th>{esc(ctx.t(k))}</th>" for k in ("program", "sheets", "years",
                                                         "results"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def org_profile(ctx: PageContext, facts: GraphFacts, d: Description) -> str:
    org = d.iri
    members = {org} | facts.descendants(org)
    by_role = {role: facts.where(role, members) for role in ROLE_ORDER}
    everything = sorted({a.iri: a for acts in by_role.values() for a in acts}.values(),
                        key=lambda a: a.iri)
    parts = [where_it_sits(ctx, facts, d)]
    if not everything:
        parts.append(f'<p class="muted">{esc(ctx.t("takes part in nothing"))}</p>')
        return "".join(parts)
    sheets = {a.country for a in everything if a.country}
    parts.append(key_numbers(ctx, [
        (len(everything), "k activities"),
        (len(programs_of(everything)), "k programs"),
        (len(sheets), "k sheet countries"),
        (years_text(ctx, everything), "k years"),
    ]))
    if members - {org} and any(set(a.participants) & (members - {org}) for a in everything):
        parts.append(f'<p class="note">{esc(ctx.t("rolled up note"))}</p>')
    for role in ROLE_ORDER:
        activities = by_role[role]
        if not activities:
            continue
        if role in ("funds", "channels"):
            continue  # the donor view below tells these
        count = ctx.t("n activities", n=len(activities))
        parts.append(f'<h2 id="role-{role}">{esc(ctx.t(ROLE_HEADINGS[role]))} '
                     f'<small class="muted">({esc(count)})</small></h2>')
        parts.append(role_table(ctx, facts, org, members, role, activities))
    parts.append(donor_section(ctx, facts, org, members))
    focal_role = next((r for r in ("partner", "counterpart") if by_role[r]), None)
    caption = ctx.t("picture caption", name=ctx.label(org))
    parts.append(f'<h2 id="picture">{esc(ctx.t("neighbourhood"))}</h2>')
    parts.append(picture_svg(ctx, picture_of(ctx, org, everything, focal_role), caption))
    return "".join(parts)


def is_organisation(d: Description) -> bool:
    return any(t.startswith("http://www.w3.org/ns/org#") and t.endswith(
        ("Organization", "FormalOrganization", "OrganizationalUnit")) for t in d.types)


__all__ = ["by_label", "is_organisation", "org_profile", "where_it_sits"]
