"""The saved-query catalogue: ``queries/*.rq`` files that describe themselves.

Each file starts with header comments::

    #+ title: What a donor funds
    #+ description: The programs a donor funds, where, and through which channel.
    #+ param: donor entity required — the donor: a country or an organisation, by name or code

    #+ row: donor program countryCode channel

A parameter line is ``NAME TYPE DEFAULT — meaning``. The ``row`` line names the variables that
identify a row: no two rows of an answer share them, so counting or summing rows counts each
thing once (a test runs every query and checks it). TYPE is one of :data:`PARAM_TYPES`;
DEFAULT is a value, ``required`` (the caller must give one) or ``any`` (left unbound: the
query then answers for every value). Parameters are bound as typed RDF terms by
:mod:`build_graph.query.run`, never pasted into the query text.

>>> [q.name for q in load_catalogue()][:2]
['active-on-date', 'co-funding']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_graph.resources import data_files

PARAM_TYPES = ("iri", "string", "date", "integer", "country", "org", "entity")
REQUIRED = "required"
ANY = "any"

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s+(\w+)\s+(\S+)\s+(?:—|--|-)\s+(.+)$")


class CatalogueError(ValueError):
    """A saved query file whose header cannot be read (names the file and line)."""


class UnknownQuery(LookupError):
    """No saved query by that name (and no such .rq file)."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str  # a value, REQUIRED or ANY
    description: str

    @property
    def required(self) -> bool:
        return self.default == REQUIRED

    def describe(self) -> str:
        """``donor (entity, required): the donor…`` — one line for listings and errors."""
        return f"{self.name} ({self.type}, default {self.default}): {self.description}"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None
    row: tuple[str, ...] = ()  # the variables that identify a row (``#+ row:``)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def usage(self) -> str:
        """The parameters as a short help text (used in error messages)."""
        if not self.params:
            return f"query {self.name!r} takes no parameters"
        lines = [f"parameters of {self.name!r}:"]
        lines += [f"  --param {p.describe()}" for p in self.params]
        return "\n".join(lines)


def parse_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Read the ``#+`` header of a query text into a :class:`SavedQuery`."""
    where = str(path) if path else name
    fields: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "param":
            params.append(_parse_param(value, f"{where}:{number}"))
        elif key in ("title", "description"):
            fields[key] = f"{fields[key]} {value}" if key in fields else value
        elif key == "row":
            fields["row"] = f"{fields.get('row', '')} {value}".strip()
        else:
            raise CatalogueError(
                f"{where}:{number}: unknown header {key!r}; use title, description, param or row"
            )
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise CatalogueError(f"{where}: a parameter is declared twice: {names}")
    return SavedQuery(
        name=name,
        title=fields.get("title", name),
        description=fields.get("description", ""),
        params=tuple(params),
        text=text,
        path=path,
        row=tuple(v.lstrip("?") for v in fields.get("row", "").split()),
    )


def _parse_param(value: str, where: str) -> Param:
    match = _PARAM.match(value)
    if not match:
        raise CatalogueError(
            f"{where}: cannot read parameter {value!r}; write `#+ param: NAME TYPE DEFAULT — "
            "meaning`"
        )
    name, type_, default, description = match.groups()
    if type_ not in PARAM_TYPES:
        raise CatalogueError(
            f"{where}: parameter {name!r} has unknown type {type_!r}; use one of "
            f"{', '.join(PARAM_TYPES)}"
        )
    return Param(name, type_, default, description)


def load_catalogue(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query, sorted by name (the file name without ``.rq``)."""
    paths = sorted(folder.glob("*.rq")) if folder else data_files("queries", ".rq")
    return [parse_query(p.read_text(encoding="utf-8"), p.stem, p) for p in paths]


def find_query(name_or_file: str, folder: Path | None = None) -> SavedQuery:
    """A saved query by name, or any ``.rq`` file by path."""
    if name_or_file.endswith(".rq"):
        path = Path(name_or_file)
        if not path.is_file():
            raise UnknownQuery(f"{path}: no such query file")
        return parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    catalogue = load_catalogue(folder)
    for query in catalogue:
        if query.name == name_or_file:
            return query
    names = ", ".join(q.name for q in catalogue)
    raise UnknownQuery(
        f"no saved query named {name_or_file!r}; `oaskg query list` shows them: {names}"
    )
