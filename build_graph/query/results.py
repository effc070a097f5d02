"""Write a query :class:`~build_graph.query.run.Answer` as a table, CSV, TSV, JSON or Markdown.

CSV, TSV and JSON follow the SPARQL 1.1 Query Results formats; ``table`` and ``md`` are for
people: IRIs under the oaskg namespaces are shortened to ``id:…`` / ``oaskg:…`` and literals
show their text. The table fits a width (the terminal's): an IRI shows its label next to it
(``Spain (id:country/es)``; a ``…Name`` column beside an IRI column is folded into it), cells
wrap at spaces, ``/`` and ``-``, never inside a word, and when even that cannot fit, each row is
printed as a record of ``name  value`` lines.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum

import pyoxigraph as ox

from build_graph.query.answer import Answer, Term, display
from build_graph.query.table import table


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    MD = "md"


def render(
    answer: Answer,
    fmt: Format | str,
    labels: dict[str, str] | None = None,
    width: int | None = None,
) -> str:
    """The answer in one of the :class:`Format` s, ending with a newline.

    ``labels`` (IRI → label) and ``width`` (characters; None: no limit) apply to the table.
    """
    if Format(fmt) is Format.TABLE:

        return table(answer, labels or {}, width)
    writer = {
        Format.CSV: _csv,
        Format.TSV: _tsv,
        Format.JSON: _json,
        Format.MD: _markdown,
    }[Format(fmt)]
    return writer(answer)


def _csv(answer: Answer) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return out.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _tsv(answer: Answer) -> str:
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def _json(answer: Answer) -> str:
    bindings = []
    for row in answer.rows:
        bindings.append(
            {v: json_term(t) for v, t in zip(answer.variables, row, strict=True) if t is not None}
        )
    document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def json_term(term: Term) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _cells(answer: Answer) -> list[list[str]]:
    return [[display(t).replace("\n", " ") for t in row] for row in answer.rows]


def _markdown(answer: Answer) -> str:
    def row(values: list[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    lines = [row(list(answer.variables)), row(["---"] * len(answer.variables))]
    lines += [row(r) for r in _cells(answer)]
    return "\n".join(lines) + "\n"
