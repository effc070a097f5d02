"""The profile of a country: its sheets, the programs on them by pillar, the donors, OAS bodies
and national counterparts active there, programs of other sheets that also cover it, a
timeline of start and end years, what it funds as a donor, and its neighbourhood."""

from __future__ import annotations

from collections import Counter, defaultdict

from build_graph import vocab
from build_graph.web.activities import ActivityFacts, GraphFacts
from build_graph.web.graphview import Description
from build_graph.web.layout import PageContext, esc
from build_graph.web.messages import MESSAGES
from build_graph.web.neighbourhood import picture_of
from build_graph.web.profile_donor import donor_section, funded
from build_graph.web.profile_parts import (
    by_label,
    dates_html,
    key_numbers,
    names_html,
    results_totals,
    status_html,
    totals_html,
)
from build_graph.web.svg import picture_svg

SKOS_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"


def identity(ctx: PageContext, d: Description) -> str:
    rows = []
    codes = sorted({t.value for t in d.values(SKOS_NOTATION)}, key=len)
    if codes:
        rows.append((ctx.t("codes"), esc(" / ".join(codes))))
    if str(vocab.MemberState) in d.types:
        status = d.first(str(vocab.participationStatus))
        member = ctx.t("member state")
        if status:
            key = "participation " + status
            member += f" ({ctx.t(key) if key in MESSAGES else status})"
        rows.append((ctx.t("in the oas"), esc(member)))
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="props">{body}</dl>' if body else ""


def sheets_html(ctx: PageContext, facts: GraphFacts, country: str,
                own: list[ActivityFacts]) -> str:
    docs = sorted((doc for doc in facts.documents.values() if doc.country == country),
                  key=lambda doc: doc.file_name)
    if not docs:
        return ""
    counts = Counter(a.document for a in own)
    items = "".join(
        f"<li>{ctx.link(doc.iri)} <small class=\"muted\">"
        f"{esc(ctx.t('n activities', n=counts[doc.iri]))}</small></li>" for doc in docs)
    return f'<h2 id="sheets">{esc(ctx.t("sheets"))}</h2><ul>{items}</ul>'


def by_pillar_html(ctx: PageContext, facts: GraphFacts, own: list[ActivityFacts]) -> str:
    groups: dict[str, list[ActivityFacts]] = defaultdict(list)
    for a in own:
        pillars = facts.pillars(a)
        for pillar in pillars or ("",):
            groups[pillar].append(a)
    head = "".join(f"<th>{esc(ctx.t(k))}</th>" for k in
                   ("program", "dates", "status", "donors", "oas bodies", "results"))
    parts = [f'<h2 id="programs">{esc(ctx.t("programs by pillar"))}</h2>']
    for pillar in sorted(groups, key=lambda p: (p == "", ctx.label(p) if p else "")):
        acts = sorted(groups[pillar], key=lambda a: ctx.label(a.program or a.iri).casefold())
        title = ctx.link(pillar) if pillar else esc(ctx.t("no pillar"))
        rows = []
        for a in acts:
            donors = names_html(ctx, a.with_role("funds") + a.with_role("channels"))
            rows.append(
                f"<tr><td>{ctx.link(a.iri, ctx.label(a.program) if a.program else a.label)}</td>"
                f"<td>{dates_html(ctx, a)}</td>"
                f"<td>{status_html(ctx, facts, a)}</td><td>{donors}</td>"
                f"<td>{names_html(ctx, a.with_role('implements'))}</td>"
                f"<td>{totals_html(ctx, results_totals([a]))}</td></tr>")
        parts.append(f"<h3>{title} <small class=\"muted\">({len(acts)})</small></h3>"
                     f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}"
                     "</tbody></table>")
    return "".join(parts)


def who_html(ctx: PageContext, key: str, anchor: str, own: list[ActivityFacts],
             roles: tuple[str, ...]) -> str:
    """Who has one of ``roles`` on the country's activities, with how many programs."""
    programs: dict[str, set[str]] = defaultdict(set)
    for a in own:
        for role in roles:
            for who in a.with_role(role):
                programs[who].add(a.program or a.iri)
    if not programs:
        return ""
    items = "".join(
        f"<li>{ctx.link(who)} <small class=\"muted\">"
        f"({esc(ctx.t('n programs', n=len(programs[who])))})</small></li>"
        for who in by_label(ctx, programs))
    return f'<h2 id="{anchor}">{esc(ctx.t(key))}</h2><ul>{items}</ul>'


def covered_html(ctx: PageContext, facts: GraphFacts, country: str) -> str:
    others = [a for a in facts.where("covers", {country}) if a.country != country]
    if not others:
        return ""
    items = "".join(
        f"<li>{ctx.link(a.program or a.iri)} — "
        f"{ctx.link(a.iri, ctx.t('sheet of', country=ctx.label(a.country or '')))}</li>"
        for a in sorted(others, key=lambda a: ctx.label(a.program or a.iri).casefold()))
    return f'<h2 id="covered">{esc(ctx.t("also covered by"))}</h2><ul>{items}</ul>'


def timeline_html(ctx: PageContext, facts: GraphFacts, acts: list[ActivityFacts]) -> str:
    """Start and end years as bars on one scale (open-ended ones run to the latest year)."""
    dated = [a for a in acts if a.years[0] is not None or a.years[1] is not None]
    if not dated:
        return ""
    first = min(y for a in dated for y in a.years if y is not None)
    last = max(facts.latest_year() or first, first)
    width = max(1, last - first + 1)
    rows = []
    for a in sorted(dated, key=lambda a: (a.years[0] or a.years[1] or 0, a.iri)):
        start, end = a.years
        begin = start if start is not None else end
        stop = last if a.open_ended else (end if end is not None else begin)
        left = 100 * ((begin or first) - first) / width
        span = 100 * ((stop or begin or first) - (begin or first) + 1) / width
        kind = "span open" if a.open_ended else "span"
        label = f"{start or '?'}–{'' if a.open_ended else (end or '?')}"
        rows.append(
            f"<tr><td>{ctx.link(a.iri, ctx.label(a.program) if a.program else a.label)}</td>"
            f"<td>{esc(label)}</td><td class=\"bar\"><span class=\"{kind}\" "
            f'style="margin-left:{left:.1f}%;width:{span:.1f}%" title="{esc(label)}"></span>'
            "</td></tr>")
    scale = f"{first} … {last}"
    return (f'<h2 id="timeline">{esc(ctx.t("timeline"))}</h2>'
            f'<table class="timeline"><thead><tr><th>{esc(ctx.t("program"))}</th>'
            f"<th>{esc(ctx.t('years'))}</th><th>{esc(scale)}</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def country_profile(ctx: PageContext, facts: GraphFacts, d: Description) -> str:
    country = d.iri
    own = facts.where("country", {country})
    parts = [identity(ctx, d)]
    donations = funded(facts, {country})
    covered = [a for a in facts.where("covers", {country}) if a.country != country]
    if not (own or donations or covered):
        parts.append(f'<p class="muted">{esc(ctx.t("no sheet"))}</p>')
        return "".join(parts)
    donors = {x for a in own for x in a.with_role("funds") + a.with_role("channels")}
    bodies = {x for a in own for x in a.with_role("implements")}
    counterparts = {x for a in own for x in a.with_role("counterpart")}
    if own:
        parts.append(key_numbers(ctx, [
            (len({a.document for a in own if a.document}), "k sheets"),
            (len({a.program for a in own}), "k programs"),
            (len(donors), "k donors"),
            (len(bodies), "k bodies"),
            (len(counterparts), "k counterparts"),
        ]))
        parts.append(sheets_html(ctx, facts, country, own))
        parts.append(by_pillar_html(ctx, facts, own))
        parts.append(who_html(ctx, "donors active", "donors", own, ("funds", "channels")))
        parts.append(who_html(ctx, "bodies active", "bodies", own, ("implements",)))
        parts.append(who_html(ctx, "national counterparts", "counterparts", own,
                              ("counterpart",)))
    parts.append(covered_html(ctx, facts, country))
    parts.append(timeline_html(ctx, facts, own))
    parts.append(donor_section(ctx, facts, country))
    shown = own or donations
    if shown:
        parts.append(f'<h2 id="picture">{esc(ctx.t("neighbourhood"))}</h2>')
        parts.append(picture_svg(ctx, picture_of(ctx, country, shown),
                                 ctx.t("country picture caption", name=ctx.label(country))))
    return "".join(parts)


def is_country(d: Description) -> bool:
    return str(vocab.Country) in d.types or str(vocab.MemberState) in d.types


__all__ = ["country_profile", "is_country"]
