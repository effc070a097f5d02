"""Pieces the profile pages share: one value per date, year spans, status with its reason,
lists of linked names, results totals and the key-number strip. All text is escaped.

>>> from build_graph.web.activities import DateValue
>>> date_text("es", DateValue("2015-06-19", "http://www.w3.org/2001/XMLSchema#date"))
'19 jun 2015'
>>> date_text("en", DateValue("2016-07", "http://www.w3.org/2001/XMLSchema#gYearMonth"))
'Jul 2016'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from build_graph import vocab
from build_graph.web.activities import ActivityFacts, DateValue, GraphFacts
from build_graph.web.layout import PageContext, esc

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
}
UNKNOWN = vocab.activity_status_iri("unknown")


def date_text(lang: str, d: DateValue) -> str:
    """The date at the precision the sheet gave (day, month or year)."""
    parts = d.value.split("-")
    try:
        if len(parts) >= 3 and d.datatype.endswith("#date"):
            return f"{int(parts[2][:2])} {MONTHS[lang][int(parts[1]) - 1]} {parts[0]}"
        if len(parts) >= 2 and d.datatype.endswith("#gYearMonth"):
            return f"{MONTHS[lang][int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return d.value
    return d.value


def dates_html(ctx: PageContext, a: ActivityFacts) -> str:
    """An activity's start – end, or a dash when the sheet gives neither."""
    if not (a.start or a.start_raw or a.end or a.end_raw or a.open_ended):
        return '<span class="muted">—</span>'
    return (f"{date_html(ctx, a.start, a.start_raw)} – "
            f"{date_html(ctx, a.end, a.end_raw, a.open_ended)}")


def date_html(ctx: PageContext, d: DateValue | None, raw: str | None,
              open_ended: bool = False, note: bool = False) -> str:
    """One value per date: the parsed one, with the text as written in a tooltip (and in a
    note after it when ``note``, or when nothing could be parsed)."""
    if open_ended and d is None:
        shown = f"<span>{esc(ctx.t('open ended'))}</span>"
    elif d is None:
        shown = '<span class="muted">—</span>'
    elif raw:
        title = ctx.t("as written", raw=raw)
        shown = f'<abbr title="{esc(title)}">{esc(date_text(ctx.lang, d))}</abbr>'
    else:
        shown = f'<time datetime="{esc(d.value)}">{esc(date_text(ctx.lang, d))}</time>'
    if raw and (d is None or note):
        shown += f' <small class="note">({esc(ctx.t("as written", raw=raw))})</small>'
    return shown


def years_text(ctx: PageContext, activities: list[ActivityFacts]) -> str:
    """The years the activities span: ``2015–2020``, ``2011–`` (open-ended), ``?``."""
    starts = [a.years[0] for a in activities if a.years[0] is not None]
    ends = [a.years[1] for a in activities if a.years[1] is not None]
    open_ended = any(a.open_ended for a in activities)
    first = str(min(starts)) if starts else ""
    last = "" if open_ended else (str(max(ends)) if ends else "")
    if not first and not last:
        return ctx.t("open ended") if open_ended else "?"
    if first == last:
        return first
    return f"{first}–{last}" if last or open_ended else f"{first}–?"


def status_html(ctx: PageContext, facts: GraphFacts, a: ActivityFacts,
                full: bool = False) -> str:
    """The status, and why it is unknown when it is (in short, the whole reason as a
    tooltip, unless ``full``)."""
    if a.status is None:
        return ""
    shown = ctx.link(a.status)
    if a.status == UNKNOWN:
        no_as_of = a.end is not None and not facts.had_as_of()
        reason = ctx.t("unknown no as-of" if no_as_of else "unknown no end")
        if full or not no_as_of:
            shown += f' <small class="note">({esc(reason)})</small>'
        else:
            shown += (f' <small class="note"><abbr title="{esc(reason)}">'
                      f'{esc(ctx.t("unknown no as-of short"))}</abbr></small>')
    return shown


def names_html(ctx: PageContext, iris, empty: str = "") -> str:
    """Linked labels, comma-separated, by label."""
    ordered = sorted(set(iris), key=lambda i: (ctx.label(i).casefold(), i))
    return ", ".join(ctx.link(i) for i in ordered) if ordered else empty


@dataclass(frozen=True)
class Total:
    counts: str
    status: str | None
    quantity: int
    results: int


def results_totals(activities: list[ActivityFacts]) -> list[Total]:
    """Results summed by what they count and their status; each result once, however many
    bodies implement its activity, and a result one program's sheets state in the same words
    (the network's hemisphere-wide target on each country's sheet) once."""
    sums: dict[tuple[str, str | None], list] = defaultdict(lambda: ["", 0, 0])
    seen: set[tuple] = set()
    for a in activities:
        for r in a.results:
            counts = " ".join(r.counts.casefold().split())
            same = (a.program, r.quantity, counts, r.status, " ".join(r.evidence.split()))
            if r.iri in seen or same in seen or r.quantity is None:
                continue
            seen.update((r.iri, same))
            entry = sums[(counts, r.status)]
            entry[0] = entry[0] or r.counts
            entry[1] += r.quantity
            entry[2] += 1
    totals = [Total(counts, status, q, n) for (_, status), (counts, q, n) in sums.items()]
    return sorted(totals, key=lambda t: (t.status or "", -t.quantity, t.counts))


def totals_html(ctx: PageContext, totals: list[Total], empty: str = "") -> str:
    if not totals:
        return empty
    items = []
    for t in totals:
        status = f' <span class="badge">{esc(ctx.label(t.status))}</span>' if t.status else ""
        items.append(f"<li>{t.quantity:,} {esc(t.counts)}{status}</li>")
    return '<ul class="values">' + "".join(items) + "</ul>"


def key_numbers(ctx: PageContext, items: list[tuple[int | str, str]]) -> str:
    """A strip of key numbers: (number, the interface key of what it counts; its singular
    for 1)."""
    cells = "".join(
        f"<li><b>{esc(n)}</b>{esc(ctx.t(key, n=n) if isinstance(n, int) else ctx.t(key))}</li>"
        for n, key in items)
    return f'<ul class="facts">{cells}</ul>'


def programs_of(activities: list[ActivityFacts]) -> dict[str, list[ActivityFacts]]:
    """The activities grouped by program, in program IRI order."""
    grouped: dict[str, list[ActivityFacts]] = defaultdict(list)
    for a in activities:
        grouped[a.program or a.iri].append(a)
    return dict(sorted(grouped.items()))


def by_label(ctx: PageContext, iris) -> list[str]:
    return sorted(set(iris), key=lambda i: (ctx.label(i).casefold(), i))


__all__ = ["Total", "by_label", "date_html", "date_text", "dates_html", "key_numbers", "names_html",
           "programs_of", "results_totals", "status_html", "totals_html", "years_text"]
