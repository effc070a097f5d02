"""The registry's index is cached on the machine under the SHA-256 of the reference files: a
second command reads it without parsing Turtle (nor importing rdflib), and a changed file
misses the cache."""

from __future__ import annotations

import subprocess
import sys

from build_graph import cache
from build_graph.registry.index import Registry, _load
from build_graph.resources import data_files

PROBE = ("import sys; from build_graph.registry.index import Registry; "
         "r = Registry.load(); print(len(r.entities), 'rdflib' in sys.modules)")


def test_read_and_write(tmp_path, monkeypatch):
    monkeypatch.setenv("OASKG_CACHE", str(tmp_path))
    cache.write("demo", "ab12", {"x": [1, 2]})
    assert (cache.read("demo", "ab12"), cache.read("demo", "cd34")) == ({"x": [1, 2]}, None)
    assert [p.name for p in tmp_path.iterdir()] == [f"demo-v{cache.VERSION}-ab12.json"]


def test_a_second_load_reads_the_cache_without_rdflib(tmp_path):
    env = {"OASKG_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                           text=True, check=True).stdout.split()
    assert len(list(tmp_path.glob("registry-*.json"))) == 1
    second = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                            text=True, check=True).stdout.split()
    assert first[1] == "True" and second == [first[0], "False"]


def test_the_cached_registry_answers_as_the_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("OASKG_CACHE", str(tmp_path))
    files = tuple(data_files("reference", ".ttl"))
    parsed = _load(files)  # parsed, then cached
    cached = _load(files)  # read from the cache
    assert cached.entities == parsed.entities
    for name in ("CICAD", "Ministerio de Gobernación", "Spain", "SECCATID", "UY"):
        assert cached.lookup(name, "GT") == parsed.lookup(name, "GT")
    text = "The OAS and CICAD work with Spain (AECID) in Guatemala."
    assert cached.mentions(text, "GT") == parsed.mentions(text, "GT")


def test_a_changed_reference_file_misses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("OASKG_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "reference"
    folder.mkdir()
    for path in data_files("reference", ".ttl"):
        (folder / path.name).write_bytes(path.read_bytes())
    files = tuple(sorted(folder.iterdir()))
    assert Registry.load(files).lookup("Fundación Ejemplo") is None
    extra = folder / "countries.ttl"
    extra.write_text(extra.read_text(encoding="utf-8") + """
<https://w3id.org/oaskg/id/org/ejemplo> a <http://www.w3.org/ns/org#FormalOrganization> ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "Fundación Ejemplo"@es .
""", encoding="utf-8")
    assert Registry.load(files).lookup("Fundación Ejemplo").label == "Fundación Ejemplo"
    assert len(list((tmp_path / "cache").glob("registry-*.json"))) == 2
