"""The command line as a whole: every command has help and is documented in the README, usage
errors exit 2, and ``oaskg --help`` imports no sub-command (so it starts fast)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO

from build_graph.cli import COMMANDS, cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_command_table_is_complete():
    assert set(COMMANDS) == {"build", "extract", "validate", "review", "query", "export",
                             "publish", "serve", "site"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_documented(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) >= 3
    assert f"oaskg {name}" in README


@pytest.mark.parametrize("args", [["no-such-command"], ["build", "--no-such-option"],
                                  ["extract"], ["query", "run"]])
def test_usage_errors_exit_2(args):
    assert CliRunner().invoke(cli, args).exit_code == 2


def test_help_imports_no_sub_command():
    code = ("import sys; from build_graph.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "loaded = [m for m in sys.modules if m.startswith('build_graph.commands.')]\n"
            "heavy = [m for m in ('rdflib', 'pyshacl', 'pyoxigraph') if m in sys.modules]\n"
            "print(loaded, heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().endswith("[] []"), out


def test_every_package_and_data_folder_ships_in_the_wheel():
    """pyproject.toml lists packages by hand (to map the data folders into the package): a new
    sub-package left out of the list would be missing from `pip install .`."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "build_graph").rglob("__init__.py")
    }
    assert on_disk <= listed
    mapped = config["tool"]["setuptools"]["package-dir"]
    assert {mapped[k] for k in mapped} == {"ontology", "ontology/reference", "shapes", "queries"}
