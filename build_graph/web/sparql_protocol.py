"""Reading the query out of a SPARQL 1.1 Protocol request (GET, form POST, direct POST)."""

from __future__ import annotations

from urllib.parse import parse_qs

UPDATE_REFUSED = (403, "This endpoint is read-only: SPARQL updates are refused.")


def protocol_query(method: str, params: dict[str, str], headers: dict[str, str],
                   body: bytes) -> tuple[str | None, tuple[int, str] | None]:
    """(query text or None when none was given, (status, message) when the request is wrong).

    >>> protocol_query("GET", {"query": "ASK {}"}, {}, b"")
    ('ASK {}', None)
    >>> protocol_query("POST", {}, {"content-type": "application/sparql-update"}, b"")[1][0]
    403
    """
    if "update" in params:
        return None, UPDATE_REFUSED
    if method != "POST":
        return params.get("query"), None
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        return None, UPDATE_REFUSED
    if content_type == "application/sparql-query":
        return body.decode("utf-8", errors="replace"), None
    if content_type == "application/x-www-form-urlencoded":
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", errors="replace")).items()}
        if "update" in form:
            return None, UPDATE_REFUSED
        if "query" not in form:
            return None, (400, "The form has no 'query' field.")
        return form["query"], None
    return None, (415, "POST a query as application/sparql-query or as a form "
                  "(application/x-www-form-urlencoded) with a 'query' field.")
