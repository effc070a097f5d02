"""``oaskg extract``: print the program records of country sheets (JSON, CSV or a table)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from build_graph.commands.options import check_verbosity, recurse_option, verbosity_options

FORMATS = ("json", "csv", "table")
CSV_COLUMNS = ("document", "page", "country", "name", "name_source", "pillar", "start", "end",
               "end_open", "beneficiaries", "url", "donors", "agencies", "partners",
               "national_counterparts", "countries_covered", "results_quantities")


def to_json(records) -> str:
    return json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2) + "\n"


def to_csv(records) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        d = r.as_dict()
        d["donors"] = "; ".join(x["as_written"] for x in d["donors"])
        d["results_quantities"] = "; ".join(f"{q['quantity']} {q['what']} ({q['status']})"
                                            for q in d["results_quantities"])
        for key in ("agencies", "partners", "national_counterparts", "countries_covered"):
            d[key] = "; ".join(d[key])
        writer.writerow(["" if d[c] is None else d[c] for c in CSV_COLUMNS])
    return buf.getvalue()


def to_table(records) -> str:
    rows = [("doc", "p", "cc", "name", "pillar", "start", "end", "donors")]
    for r in records:
        end = "open" if r.end_open else (r.end or "")
        rows.append((r.document[:28], str(r.page), r.country or "", (r.name or "—")[:48],
                     r.pillar or "", r.start or "", end,
                     "; ".join(d.as_written for d in r.donors)[:40]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                   + "\n" for row in rows)


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format [default: table on a terminal, json otherwise].")
@click.option("--country", metavar="ISO2", callback=lambda ctx, param, value: _country(value),
              help="The sheets' member state (ISO 3166-1 code or name). It overrides what the "
                   "file name or the text tells, with a warning when they tell another.")
@recurse_option
@verbosity_options
def extract(files: tuple[Path, ...], fmt: str | None, country: str | None, recurse: bool,
            verbose: bool, quiet: bool) -> None:
    """Extract one record per program page from country sheets (.txt or .pdf, or folders of
    them, read with their sub-folders unless --no-recurse).

    Records go to stdout; problems (unreadable files, paths not read, unplaced text, unknown
    donors) go to stderr with the file and line, a problem seen many times as one line with
    its count and first places (-v: each one, informational notes too; -q: only the counts).
    Exit 3 when no record could be extracted at all.
    """
    from build_graph.build.findings import counts, group_findings, render
    from build_graph.extract import extract_inputs

    check_verbosity(verbose, quiet)
    extractions = extract_inputs(list(files), country=country, recurse=recurse).extractions
    records = [r for e in extractions for r in e.records]
    findings = [f for e in extractions for f in e.findings
                if verbose or f.severity.value != "info"]
    if verbose:
        for f in findings:
            click.echo(str(f), err=True)
    elif quiet:
        found = counts(group_findings(findings))
        if found:
            click.echo("Findings: " + ", ".join(f"{n} {k}{'s' if n != 1 else ''}"
                                                for k, n in found.items()), err=True)
    else:
        for line in render(group_findings(findings)):
            click.echo(line.removeprefix("  "), err=True)
    if country:
        for e in extractions:
            if e.document is not None:
                _warn_if_contradicted(e.document, country)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if records:
        click.echo({"json": to_json, "csv": to_csv, "table": to_table}[fmt](records), nl=False)
    if not records:
        raise SystemExit(3)


def _country(value: str | None) -> str | None:
    """The ISO alpha-2 code of ``--country`` (a code or a name); unknown: a usage error (2)."""
    if value is None:
        return None
    from build_graph.registry.index import EntityKind, Registry

    registry = Registry.load()
    entity = registry.country(value) or registry.lookup(value)
    if entity is None or entity.kind is not EntityKind.COUNTRY or not entity.country:
        raise click.BadParameter(
            f"{value!r} is not a known country; give an ISO 3166-1 alpha-2 code such as UY "
            "or GT (or the country's English or Spanish name)",
            param_hint="--country",
        )
    return entity.country


def _warn_if_contradicted(doc, country: str) -> None:
    """Warn when the file name or the text tells another country than ``--country``."""
    from build_graph.extract.layout import pieces_of
    from build_graph.extract.page import sheet_context
    from build_graph.registry.index import Registry

    context, findings = sheet_context(doc, pieces_of(doc.lines), Registry.load(), None)
    if context.country and context.country != country:
        message = next((f.message for f in findings if f.code == "country"), "")
        how = message[message.find("(") + 1 : message.rfind(")")] if "(" in message else "text"
        click.echo(
            f"{doc.name}: Warning: --country {country} overrides the sheet's own country "
            f"{context.country} ({how}); every record is labelled {country} as asked",
            err=True,
        )
