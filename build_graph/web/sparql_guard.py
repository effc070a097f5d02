"""What the endpoint refuses before a query reaches the store: ``SERVICE`` (federation).

A ``SERVICE`` clause makes the engine call another server from ours: through a public endpoint
it reaches addresses only the host can reach (a private store, a cloud metadata service), so
the endpoint refuses any query that contains the keyword, in any case, with ``SILENT`` or with
a variable endpoint. The check reads the query's tokens (comments, strings, IRIs, variables and
prefixed names are skipped, so ``?service`` or ``ex:service`` are not refused) in the text as
sent and with SPARQL's ``\\u`` / ``\\U`` code-point escapes decoded (the grammar allows them
anywhere). Worker processes also run without a network where the system allows it
(:mod:`build_graph.web.sparql_worker`), so a query the check missed still cannot connect.

>>> uses_service("SELECT * { SERVICE SILENT <http://10.0.0.1/> { ?s ?p ?o } }")
True
>>> uses_service("SELECT ?service { ?service a <http://ex/Service> } # SERVICE")
False
>>> uses_service('SELECT * { ?s ?p "SERVICE" ; ex:service ?o }')
False
>>> uses_service(r"SELECT * { SERV\\u0049CE ?e { ?s ?p ?o } }")
True
"""

from __future__ import annotations

import re

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<variable>[?$]\w+)
      | (?P<pname>[\w.-]*:(?:[\w.:%-]|\\.)*)
      | (?P<word>[A-Za-z_]\w*)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
SERVICE_REFUSED = ("This endpoint does not run SERVICE (federated) queries: it never calls "
                   "another server. Query the other endpoint directly.")


def decode_codepoints(text: str) -> str:
    """The text with SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded.

    >>> decode_codepoints(r"SERV\\u0049CE")
    'SERVICE'
    """
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, text)


def keywords(text: str) -> set[str]:
    """The bare words of a query (keywords and function names), upper-cased."""
    return {m.group().upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"}


def uses_service(text: str) -> bool:
    """Whether the query text holds the ``SERVICE`` keyword (as sent, or escapes decoded)."""
    if "service" not in text.lower() and "\\" not in text:
        return False
    return any("SERVICE" in keywords(t) for t in (text, decode_codepoints(text)))
