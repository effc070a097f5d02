"""The package's layers: each stage imports only the stages below it in the flow, and no two
modules import each other, not even through an import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_graph"

# low to high: the flow documents -> records -> resolved -> merged -> RDF -> validated -> outputs
LAYERS = [
    {"model", "vocab", "slugs", "resources", "lexicon", "cache", "cores"},
    {"read", "registry"},
    {"extract"},
    {"resolve"},
    {"merge"},
    {"rdf"},
    {"validate"},
    {"query"},
    {"build"},
    {"export"},
    {"publish"},
    {"web"},
    {"synth"},
    {"commands"},
    {"cli", "__main__"},
]
LEVEL = {unit: k for k, units in enumerate(LAYERS) for unit in units}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package this file imports, at its top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "build_graph":
                out |= {f"build_graph.{a.name}" for a in node.names
                        if f"build_graph.{a.name}" in modules}
            elif node.module.startswith("build_graph."):
                full = [f"{node.module}.{a.name}" for a in node.names]
                subs = {m for m in full if m in modules}
                out |= subs or {node.module}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("build_graph.")}
    return {m for m in out if m in modules}


def _unit(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def test_every_unit_has_a_layer():
    units = {_unit(m) for m in _modules() if m != "build_graph"}
    assert units - set(LEVEL) == set()


def test_no_stage_imports_a_stage_above_it():
    modules = _modules()
    upward = []
    for name, path in modules.items():
        if name == "build_graph":
            continue
        for target in _imports(path, modules):
            if target != "build_graph" and LEVEL[_unit(target)] > LEVEL[_unit(name)]:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_no_import_circles():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    # a package's __init__ that only carries a docstring imports nothing; circles are found
    # among modules by depth-first search
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_the_check_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from build_graph.web import app\n    return app\n")
    assert _imports(sample, _modules()) == {"build_graph.web.app"}
