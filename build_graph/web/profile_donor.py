"""The donor view of a country or an organisation that funds: what it funds, where, through
which channel, and when; and, for a channel (AECID), whose funds it carries."""

from __future__ import annotations

from build_graph.web.activities import ActivityFacts, GraphFacts
from build_graph.web.layout import PageContext, esc
from build_graph.web.profile_parts import dates_html, names_html, programs_of


def belongs(facts: GraphFacts, channel: str, funder: str, funders: tuple[str, ...]) -> bool:
    """Whether ``channel`` carries ``funder``'s money on an activity: the channel is the
    funder's (its country, or a unit of it), or the activity has this one funder."""
    return (facts.org_country.get(channel) == funder or funder in facts.ancestors(channel)
            or funders == (funder,))


def channels_for(facts: GraphFacts, a: ActivityFacts, funder: str) -> list[str]:
    funders = a.with_role("funds")
    return [c for c in a.with_role("channels") if belongs(facts, c, funder, funders)]


def funders_for(facts: GraphFacts, a: ActivityFacts, channel: str) -> list[str]:
    funders = a.with_role("funds")
    return [f for f in funders if belongs(facts, channel, f, funders)]


def funded(facts: GraphFacts, members: set[str], roles: tuple[str, ...] = ("funds", "channels")
           ) -> list[ActivityFacts]:
    """Activities that one of ``members`` funds or channels funds to (``roles``)."""
    return sorted({a.iri: a for role in roles
                   for a in facts.where(role, members)}.values(), key=lambda a: a.iri)


def donor_section(ctx: PageContext, facts: GraphFacts, donor: str,
                  members: set[str] | None = None) -> str:
    """The "as a donor" section of ``donor``'s page ("" when it funds nothing); ``members``
    are the donor and its units, whose funding rolls up into it."""
    members = members or {donor}
    activities = funded(facts, members)
    if not activities:
        return ""
    rows, through_any = [], set()
    for program, group in programs_of(activities).items():
        for a in group:
            funds = [m for m in members if m in a.with_role("funds")]
            carries = [m for m in members if m in a.with_role("channels")]
            via = sorted({c for m in funds for c in channels_for(facts, a, m)})
            for_whom = sorted({f for m in carries for f in funders_for(facts, a, m)})
            if via:
                through_any.add(program)
            how = []
            if via:
                how.append(esc(ctx.t("through")) + " " + names_html(ctx, via))
            if carries:
                whose = names_html(ctx, for_whom) or esc(ctx.t("unnamed funder"))
                how.append(esc(ctx.t("channel for")) + " " + whose)
            units = sorted(set(funds + carries) - {donor})
            if units:
                how.append(f'<span class="badge unit">{esc(ctx.t("by unit"))} '
                           f"{names_html(ctx, units)}</span>")
            where = ctx.link(a.iri, ctx.label(a.country) if a.country else a.label)
            if a.covers:
                where += (f'<br><small>{esc(ctx.t("also covers"))}: '
                          f"{names_html(ctx, a.covers)}</small>")
            when = dates_html(ctx, a)
            rows.append(f"<tr><td>{ctx.link(program)}</td><td>{where}</td>"
                        f"<td>{'<br>'.join(how)}</td><td>{when}</td>"
                        f"<td>{names_html(ctx, a.with_role('implements'))}</td></tr>")
    funds = programs_of(funded(facts, members, ("funds",)))
    carried = programs_of(funded(facts, members, ("channels",)))
    sentences = []
    if funds:
        sentences.append(ctx.t("donor summary", donor=ctx.label(donor), n=len(funds)))
    if carried:
        sentences.append(ctx.t("channel summary", donor=ctx.label(donor), n=len(carried)))
    summary = " ".join(sentences)
    if through_any:
        channels = sorted({c for a in activities for m in members
                           for c in channels_for(facts, a, m)})
        summary += " " + ctx.t("donor through", n=len(through_any),
                               channels=", ".join(ctx.label(c) for c in channels))
    head = "".join(f"<th>{esc(ctx.t(k))}</th>" for k in
                   ("program", "where", "channel", "when", "oas bodies"))
    return (f'<h2 id="donor">{esc(ctx.t("as a donor"))}</h2><p>{esc(summary)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


__all__ = ["channels_for", "donor_section", "funded", "funders_for"]
