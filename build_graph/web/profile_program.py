"""The profile of a program: every country where it is reported, with each activity's dates,
donors, bodies, partners, counterparts and results in one table; results totals by what they
count; its neighbourhood."""

from __future__ import annotations

from build_graph import vocab
from build_graph.web.activities import ActivityFacts, GraphFacts
from build_graph.web.graphview import Description
from build_graph.web.layout import PageContext, esc
from build_graph.web.neighbourhood import picture_of
from build_graph.web.profile_donor import channels_for
from build_graph.web.profile_parts import (
    dates_html,
    key_numbers,
    names_html,
    results_totals,
    status_html,
    totals_html,
    years_text,
)
from build_graph.web.svg import picture_svg


def donors_html(ctx: PageContext, facts: GraphFacts, a: ActivityFacts) -> str:
    """Each donor with the channel its money goes through: "Spain (through AECID)"."""
    items = []
    for donor in sorted(a.with_role("funds"), key=lambda i: ctx.label(i).casefold()):
        via = channels_for(facts, a, donor)
        text = ctx.link(donor)
        if via:
            text += f' <small>({esc(ctx.t("through"))} {names_html(ctx, via)})</small>'
        items.append(text)
    carried = {c for d in a.with_role("funds") for c in channels_for(facts, a, d)}
    for channel in sorted(set(a.with_role("channels")) - carried):
        items.append(f'{ctx.link(channel)} <small>({esc(ctx.t("channel"))})</small>')
    return "<br>".join(items)


def _results_list(ctx: PageContext, a: ActivityFacts) -> str:
    items = []
    for r in a.results:
        if r.quantity is None:
            continue
        split = ""
        if r.women is not None or r.men is not None:
            split = f" <small>({esc(ctx.t('women men', women=r.women or 0, men=r.men or 0))})"\
                    "</small>"
        items.append(f"<li>{ctx.link(r.iri, f'{r.quantity:,}')} {esc(r.counts)}{split}</li>")
    return f'<ul class="values">{"".join(items)}</ul>' if items else ""


def activities_table(ctx: PageContext, facts: GraphFacts, acts: list[ActivityFacts]) -> str:
    head = "".join(f"<th>{esc(ctx.t(k))}</th>" for k in (
        "country", "dates", "donors", "oas bodies", "partners and counterparts", "results"))
    rows = []
    for a in acts:
        where = ctx.link(a.iri, ctx.label(a.country) if a.country else a.label)
        if a.covers:
            where += (f'<br><small>{esc(ctx.t("also covers"))}: '
                      f"{names_html(ctx, a.covers)}</small>")
        dates = f"{dates_html(ctx, a)}<br><small>{status_html(ctx, facts, a)}</small>"
        others = []
        if a.with_role("partner"):
            others.append(f"<small>{esc(ctx.t('partners'))}:</small> "
                          + names_html(ctx, a.with_role("partner")))
        if a.with_role("counterpart"):
            others.append(f"<small>{esc(ctx.t('counterparts'))}:</small> "
                          + names_html(ctx, a.with_role("counterpart")))
        rows.append(f"<tr><td>{where}</td><td>{dates}</td><td>{donors_html(ctx, facts, a)}</td>"
                    f"<td>{names_html(ctx, a.with_role('implements'))}</td>"
                    f"<td>{'<br>'.join(others)}</td><td>{_results_list(ctx, a)}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def program_profile(ctx: PageContext, facts: GraphFacts, d: Description) -> str:
    acts = sorted(facts.of_program(d.iri), key=lambda a: ctx.label(a.country or a.iri))
    pillars = facts.program_pillars(d.iri)
    parts = []
    if pillars:
        parts.append(f'<p>{esc(ctx.t("pillar"))}: {names_html(ctx, pillars)}</p>')
    if not acts:
        parts.append(f'<p class="muted">{esc(ctx.t("no activities"))}</p>')
        return "".join(parts)
    donors = {x for a in acts for x in a.with_role("funds") + a.with_role("channels")}
    bodies = {x for a in acts for x in a.with_role("implements")}
    places = {a.country for a in acts if a.country} | {c for a in acts for c in a.covers}
    parts.append(key_numbers(ctx, [
        (len({a.country for a in acts if a.country}), "k sheet countries"),
        (len(places), "k countries covered"),
        (len(donors), "k donors"),
        (len(bodies), "k bodies"),
        (years_text(ctx, acts), "k years"),
    ]))
    parts.append(f'<h2 id="where">{esc(ctx.t("where reported"))}</h2>')
    parts.append(activities_table(ctx, facts, acts))
    totals = results_totals(acts)
    if totals:
        parts.append(f'<h2 id="totals">{esc(ctx.t("results totals"))}</h2>'
                     f'<p class="note">{esc(ctx.t("totals note"))}</p>'
                     + totals_html(ctx, totals))
    parts.append(f'<h2 id="picture">{esc(ctx.t("neighbourhood"))}</h2>')
    parts.append(picture_svg(ctx, picture_of(ctx, d.iri, acts, with_covers=True),
                             ctx.t("program picture caption", name=ctx.label(d.iri))))
    return "".join(parts)


def is_program(d: Description) -> bool:
    return str(vocab.Program) in d.types


__all__ = ["activities_table", "is_program", "program_profile"]
