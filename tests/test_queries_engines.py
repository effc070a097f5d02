"""Issue 15: every saved query gives the same answer on the embedded store, on an Oxigraph
server and on Virtuoso 7.2 (Debian's virtuoso-opensource), compared as typed values.

The graph goes to each server the way the README says: ``oaskg publish`` (Virtuoso with
``--user``/``--password`` on its authenticated Graph Store). Answers are compared as typed
values, not as text: Virtuoso writes ``true`` as ``"1"^^xsd:boolean`` and integers as
``xsd:int``; row order is compared only where engines must agree (not among ties).
Virtuoso used to fail ``timeline`` with HTTP 500 (``MONTH()`` of an unbound variable).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from oxigraph_server import start_server, stop_server
from virtuoso_server import virtuoso  # noqa: F401  (the fixture)

from build_graph.cli import cli
from build_graph.query.catalogue import load_catalogue
from build_graph.query.run import QueryFailed, run_query

pytestmark = pytest.mark.server

CATALOGUE = load_catalogue()
SAMPLE = {"date": "2017-01-01", "donor": "Spain", "country": "GT", "body": "CICAD"}
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "decimal",
        "double",
        "float",
        "nonNegativeInteger",
        "positiveInteger",
    )
}
TRUE = {"true", "1"}


def typed(term) -> tuple | None:
    """A term as a value that compares equal across engines."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    datatype = term.datatype.value
    if datatype in NUMBERS:
        return ("number", Decimal(term.value).normalize())
    if datatype == XSD + "boolean":
        return ("boolean", term.value in TRUE)
    if term.language:
        return ("text", term.value, term.language.lower())
    if datatype in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
        return ("text", term.value, "")
    return ("literal", term.value, datatype)


def lists(saved) -> set[str]:
    """The GROUP_CONCAT columns of a query: lists in an order no engine promises."""
    return set(re.findall(r"GROUP_CONCAT\([^)]*\)\s+AS\s+\?(\w+)", saved.text, re.I))


def rows(answer, unordered: set[str] = frozenset()) -> list[tuple]:
    """The rows as typed values, sorted; a list column compares as the set of its items."""
    out = []
    for row in answer.rows:
        values = []
        for name, term in zip(answer.variables, row, strict=True):
            if name in unordered and term is not None:
                values.append(("list", tuple(sorted(term.value.split("; ")))))
            else:
                values.append(typed(term))
        out.append(tuple(values))
    return sorted(out, key=repr)


def _param_sets(saved) -> list[dict[str, str]]:
    required = {p.name: SAMPLE[p.name] for p in saved.params if p.required}
    every = {p.name: SAMPLE[p.name] for p in saved.params if p.name in SAMPLE}
    return [required] if every == required else [required, every]


def _publish(out_dir, url: str, *credentials: str) -> None:
    args = ["publish", "--out", str(out_dir), "--graph-store", url]
    if credentials:
        args += ["--user", credentials[0], "--password", credentials[1]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def embedded(built_out):
    from build_graph.rdf.store import open_store

    return open_store(built_out)


@pytest.fixture(scope="module")
def oxigraph(built_out, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oxigraph-engines")
    process, base = start_server(folder / "store", folder / "server.log")
    try:
        _publish(built_out, f"{base}/store")
        yield f"{base}/query"
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def virtuoso_sparql(built_out, virtuoso):  # noqa: F811
    _publish(built_out, virtuoso.graph_store_url, virtuoso.user, virtuoso.password)
    return virtuoso.sparql_url


def test_typed_values_compare_across_engines():
    boolean = ox.NamedNode(XSD + "boolean")
    assert typed(ox.Literal("1", datatype=boolean)) == typed(ox.Literal(True))
    assert typed(ox.Literal("4", datatype=ox.NamedNode(XSD + "int"))) == typed(ox.Literal(4))
    assert typed(ox.Literal("0", datatype=boolean)) != typed(ox.Literal(True))


@pytest.mark.parametrize("saved", CATALOGUE, ids=lambda q: q.name)
def test_oxigraph_server_agrees(saved, embedded, oxigraph):
    for params in _param_sets(saved):
        local = run_query(saved, params, store=embedded)
        remote = run_query(saved, params, endpoint=oxigraph)
        assert remote.variables == local.variables
        assert rows(remote, lists(saved)) == rows(local, lists(saved)), params


@pytest.mark.parametrize("saved", CATALOGUE, ids=lambda q: q.name)
def test_virtuoso_agrees(saved, embedded, virtuoso_sparql):
    for params in _param_sets(saved):
        local = run_query(saved, params, store=embedded)
        try:
            remote = run_query(saved, params, endpoint=virtuoso_sparql)
        except QueryFailed as exc:
            pytest.fail(f"Virtuoso refused {saved.name} {params}: {exc}")
        assert remote.variables == local.variables
        assert rows(remote, lists(saved)) == rows(local, lists(saved)), params


def test_virtuoso_anonymous_graph_store_is_read_only(built_out, virtuoso):  # noqa: F811
    """Why the README documents --user/--password for Virtuoso: without them, exit 3."""
    result = CliRunner().invoke(
        cli,
        ["publish", "--out", str(built_out), "--graph-store", virtuoso.base + "/sparql-graph-crud"],
    )
    assert result.exit_code == 3 and "--user" in result.output


def _readme_block(heading: str, index: int) -> list[list[str]]:
    """The commands of the ``index``-th sh block after ``heading`` in the README."""
    import shlex
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    block = section.split("```sh\n")[index + 1].split("```")[0]
    lines = block.replace("\\\n", " ").splitlines()  # join continued lines
    return [shlex.split(line, comments=True) for line in lines if line.strip()]


def test_readme_sparql_server_example_runs(built_out, tmp_path):
    """The README's "On a SPARQL server" commands, on a free port and a temporary store."""
    import tomllib
    from pathlib import Path

    commands = _readme_block("### On a SPARQL server", 0)
    assert commands[0][:4] == ["python3", "-m", "pip", "install"] and "oaskg[server]" in commands[0]
    pyproject = tomllib.loads(
        (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    )
    assert any(
        d.startswith("oxigraph") for d in pyproject["project"]["optional-dependencies"]["server"]
    )
    serve = commands[1]
    assert serve[:2] == ["oxigraph", "serve"] and "--union-default-graph" in serve
    location = serve[serve.index("--location") + 1]
    assert not location.startswith(("out/", "store")), "the store would be replaced or committed"
    process, base = start_server(tmp_path / "store", tmp_path / "log")
    try:
        for args in commands[2:]:
            assert args[0] == "oaskg"
            args = [
                str(built_out) if a == "out" else a.replace("http://127.0.0.1:7878", base)
                for a in args[1:]
            ]
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, (args, result.output)
        assert "unknown" in result.output  # the timeline came back
    finally:
        stop_server(process)


def test_readme_virtuoso_example_runs(built_out, virtuoso):  # noqa: F811
    commands = _readme_block("### On a SPARQL server", 1)
    publish, query = commands
    assert publish[0].startswith("OASKG_PASSWORD=") and publish[1] == "oaskg"
    fix = {"out": str(built_out)}
    args = [fix.get(a, a.replace("http://127.0.0.1:8890", virtuoso.base)) for a in publish[2:]]
    result = CliRunner().invoke(cli, args, env={"OASKG_PASSWORD": virtuoso.password})
    assert result.exit_code == 0, result.output
    args = [a.replace("http://127.0.0.1:8890", virtuoso.base) for a in query[1:]]
    result = CliRunner().invoke(cli, args + ["--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") > 10
