"""``oaskg query list`` and ``oaskg query run``: output formats and the exit-code contract."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from build_graph.cli import cli


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_list_shows_every_query_with_its_parameters():
    result = invoke("query", "list")
    assert result.exit_code == 0
    assert "donor-funds: What a donor funds" in result.output
    assert "--param donor (entity, default required)" in result.output
    assert "--param body (org, default any)" in result.output
    assert result.output.count(": ") >= 15


def test_run_json_is_sparql_results_json(built_out):
    result = invoke(
        "query",
        "run",
        "donor-funds",
        "--param",
        "donor=Spain",
        "--out",
        str(built_out),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["head"]["vars"][:2] == ["donor", "program"]
    first = document["results"]["bindings"][0]
    assert first["donor"] == {"type": "uri", "value": "https://w3id.org/oaskg/id/country/es"}
    assert first["start"] == {
        "type": "literal",
        "value": "2016-07-01",
        "datatype": "http://www.w3.org/2001/XMLSchema#date",
    }
    assert "channel" not in first  # SAVIA: Spain directly, unbound channel is left out
    assert len(document["results"]["bindings"]) == 3


def test_run_csv_tsv_md_and_table(built_out):
    out = ["--out", str(built_out)]
    csv_text = invoke("query", "run", "donors-in-several-countries", *out, "--format", "csv")
    table = list(csv.reader(io.StringIO(csv_text.stdout)))
    assert table[0] == ["donor", "donorName", "countries", "countryCode", "activities"]
    assert table[1:] == [
        ["https://w3id.org/oaskg/id/country/us", "United States", "2", "GT", "4"],
        ["https://w3id.org/oaskg/id/country/us", "United States", "2", "UY", "1"],
    ]
    tsv = invoke("query", "run", "donors-in-several-countries", *out, "--format", "tsv").stdout
    assert tsv.splitlines()[1].split("\t")[:2] == [
        "<https://w3id.org/oaskg/id/country/us>",
        '"United States"@en',
    ]
    md = invoke("query", "run", "donors-in-several-countries", *out, "--format", "md").stdout
    assert md.splitlines()[2] == "| id:country/us | United States | 2 | GT | 4 |"
    text = invoke("query", "run", "donors-in-several-countries", *out).stdout
    assert text.rstrip().endswith("(2 rows)")


def test_run_a_query_file(built_out, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text(
        "#+ title: Count activities\n#+ description: How many activities.\n"
        "PREFIX oaskg: <https://w3id.org/oaskg/ontology#>\n"
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a oaskg:Activity }\n"
    )
    result = invoke("query", "run", str(path), "--out", str(built_out), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.split() == ["n", "18"]


def test_unknown_query_is_a_usage_error(built_out):
    result = invoke("query", "run", "no-such-query", "--out", str(built_out))
    assert result.exit_code == 2
    assert "no saved query named 'no-such-query'" in result.stderr
    assert "donor-funds" in result.stderr  # lists what exists
    assert result.stdout == ""


def test_bad_parameters_are_usage_errors(built_out):
    out = ["--out", str(built_out)]
    missing = invoke("query", "run", "in-country", *out)
    assert missing.exit_code == 2
    assert "missing parameter 'country'" in missing.stderr
    assert "--param country (country, default required)" in missing.stderr
    bad = invoke("query", "run", "active-on-date", "--param", "date=1/1/2017", *out)
    assert bad.exit_code == 2 and "not a date; write YYYY-MM-DD" in bad.stderr
    unknown = invoke("query", "run", "donor-funds", "--param", "donor=Narnia", *out)
    assert unknown.exit_code == 2 and "is not known" in unknown.stderr
    malformed = invoke("query", "run", "donor-funds", "--param", "donor", *out)
    assert malformed.exit_code == 2 and "NAME=VALUE" in malformed.stderr
    assert "Traceback" not in missing.output + bad.output + unknown.output


def test_no_build_is_a_runtime_error(tmp_path):
    result = invoke("query", "run", "timeline", "--out", str(tmp_path / "empty"))
    assert result.exit_code == 3
    assert "run `oaskg build" in result.stderr


def test_unreachable_endpoint_is_a_runtime_error():
    from oxigraph_server import free_port

    nobody = f"http://127.0.0.1:{free_port()}/query"
    result = invoke("query", "run", "timeline", "--endpoint", nobody)
    assert result.exit_code == 3
    assert "cannot reach the SPARQL endpoint" in result.stderr
    assert "Traceback" not in result.output
