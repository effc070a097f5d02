"""``oaskg serve`` under hostile or broken clients: malformed requests get a 4xx (never a
dropped connection), slow and idle connections time out, SERVICE never leaves the host, and
runaway queries are stopped without taking the endpoint from others (issue 13)."""

from __future__ import annotations

import concurrent.futures
import os
import socket
import time
import urllib.parse

import pytest
from web_server import fetch, running_server

pytestmark = pytest.mark.server

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(built_out):
    with running_server(built_out, "--request-timeout", "1", "--timeout", "2",
                        "--client-limit", "2") as url:
        yield url


def address(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    return parts.hostname, parts.port


def exchange(url: str, raw: bytes, wait: float = 10.0) -> bytes:
    """Send raw bytes; everything the server answers until it closes or ``wait`` passes."""
    with socket.create_connection(address(url), timeout=wait) as sock:
        sock.sendall(raw)
        chunks = []
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"connection: close" not in b"".join(
                    chunks).lower():
                break
        return b"".join(chunks)


def status_of(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize("path", ["/id/a%20b", "/id/%3C", "/id/%7B", "/id/%00", "/id/%0d%0a",
                                  "/id/%0d%0aSet-Cookie:%20x=1", "/id/%ff%fe", "/%00",
                                  "/dumps/%00", "/queries/%3Cx%3E"])
def test_odd_paths_get_404_not_a_dropped_connection(server, path):
    answer = exchange(server, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert status_of(answer) == 404
    assert b"Set-Cookie" not in answer.split(b"\r\n\r\n")[0]


@pytest.mark.parametrize("header", [b"Content-Length: abc", b"Content-Length: -1",
                                    b"Content-Length: 1e3"])
def test_bad_content_length_is_400(server, header):
    answer = exchange(server, b"POST /sparql HTTP/1.1\r\nHost: x\r\n" + header
                      + b"\r\nContent-Type: application/sparql-query\r\n\r\nASK {}")
    assert status_of(answer) == 400


def test_a_body_shorter_than_its_length_is_408_after_the_request_timeout(server):
    started = time.monotonic()
    answer = exchange(server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                      b"Content-Type: application/sparql-query\r\n\r\nASK {}")
    assert status_of(answer) == 408
    assert time.monotonic() - started < 5


def test_a_body_too_large_is_413(server):
    answer = exchange(server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n"
                      b"Content-Type: application/sparql-query\r\n\r\nASK {}")
    assert status_of(answer) == 413


def test_a_head_too_large_is_431(server):
    big = b"X-Filler: " + b"a" * 20_000 + b"\r\n"
    answer = exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
    assert status_of(answer) == 431


def test_garbage_is_400(server):
    assert status_of(exchange(server, b"GARBAGE\r\n\r\n")) == 400
    assert status_of(exchange(server, b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n")) in (
        400, 404)


def test_a_slow_head_is_408_and_an_idle_connection_is_closed(server):
    started = time.monotonic()
    answer = exchange(server, b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finished
    assert status_of(answer) == 408 and time.monotonic() - started < 5
    with socket.create_connection(address(server), timeout=10) as idle:
        started = time.monotonic()
        assert idle.recv(10) == b""  # closed by the server
        assert time.monotonic() - started < 5


def test_many_idle_connections_do_not_block_others(server):
    idle = [socket.create_connection(address(server), timeout=10) for _ in range(300)]
    try:
        started = time.monotonic()
        assert fetch(server + "id/org/oas.ttl")[0] == 200
        assert time.monotonic() - started < 2
    finally:
        for sock in idle:
            sock.close()


# --- SERVICE ------------------------------------------------------------------------------------
@pytest.fixture
def listener():
    """A local port that records whether anything connects to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.5)
    yield sock
    sock.close()


def no_connection(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except TimeoutError:
        return True
    conn.close()
    return False


def test_service_is_refused_and_nothing_connects(server, listener):
    target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    queries = [
        f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"select * {{ service <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERV\\u0049CE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?x ?y ?z .SERVICE<{target}>{{?s ?p ?o}} }}",
    ]
    for query in queries:
        status, _, body = fetch(server + "sparql?query=" + urllib.parse.quote(query))
        assert status == 400 and b"SERVICE" in body, query
        status, _, _ = fetch(server + "sparql", data=query.encode(),
                             content_type="application/sparql-query")
        assert status == 400, query
    assert no_connection(listener)


def test_workers_have_no_network_even_if_the_check_is_bypassed(built_out, listener):
    from build_graph.web.query_pool import QueryPool
    from build_graph.web.sparql_worker import ProtocolJob

    pool = QueryPool(str(built_out), timeout=10, workers=1)
    try:
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        pool.call("protocol", ProtocolJob("ASK {}"))  # ready
        if not pool.isolated():
            pytest.skip("this system does not let a process leave the network")
        answer = pool.call("protocol", ProtocolJob(
            f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"))
        assert answer.status >= 400
        assert no_connection(listener)
    finally:
        pool.close()


# --- runaway queries ------------------------------------------------------------------------
def query_from(url: str, query: str, source: str) -> tuple[int, float, bytes]:
    import http.client

    host, port = address(url)
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=30, source_address=(source, 0))
    try:
        conn.request("GET", "/sparql?query=" + urllib.parse.quote(query),
                     headers={"Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        return response.status, time.monotonic() - started, response.read()
    finally:
        conn.close()


def test_runaway_queries_are_stopped_and_others_still_answer(server):
    """Eight runaway queries from eight clients: each is stopped at the 2 s limit (503), and a
    cheap query from a ninth client answers meanwhile (the benchmark times it)."""
    with concurrent.futures.ThreadPoolExecutor(9) as pool:
        runaways = [pool.submit(query_from, server, RUNAWAY, f"127.0.0.{n}")
                    for n in range(2, 10)]
        time.sleep(0.5)
        status, _, body = query_from(server, "ASK {}", "127.0.0.10")
        assert status == 200 and b"true" in body
        assert all(not r.done() for r in runaways)  # still running: the ASK did not wait
        outcomes = [r.result() for r in runaways]
    assert {s for s, _, _ in outcomes} == {503}
    assert all(b"stopped" in body for _, _, body in outcomes)
    assert all(seconds < 6 for _, seconds, _ in outcomes)
    assert query_from(server, "ASK {}", "127.0.0.2")[0] == 200


def test_one_client_cannot_hold_more_than_its_limit(server):
    """--client-limit 2: one client's six runaway queries run two at a time; another client
    is served at once; the client's own extra queries wait and time out."""
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        runaways = [pool.submit(query_from, server, RUNAWAY, "127.0.0.20") for _ in range(6)]
        time.sleep(0.5)
        assert query_from(server, "ASK {}", "127.0.0.21")[0] == 200
        outcomes = [r.result() for r in runaways]
    assert {s for s, _, _ in outcomes} == {503}


def test_a_killed_worker_is_gone_and_replaced(built_out):
    from build_graph.web.query_pool import QueryPool, QueryTimeout
    from build_graph.web.sparql_worker import ProtocolJob

    pool = QueryPool(str(built_out), timeout=1, workers=1, max_workers=2)
    try:
        assert pool.call("protocol", ProtocolJob("ASK {}")).status == 200
        before = pool.pids()
        with pytest.raises(QueryTimeout, match="stopped"):
            pool.call("protocol", ProtocolJob(RUNAWAY))
        gone = before - pool.pids()
        assert gone
        deadline = time.monotonic() + 5
        while any(os.path.exists(f"/proc/{pid}") and _running(pid) for pid in gone):
            assert time.monotonic() < deadline, "the killed worker still runs"
            time.sleep(0.1)
        assert pool.call("protocol", ProtocolJob("ASK {}")).status == 200
    finally:
        pool.close()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] not in "ZX"
    except OSError:
        return False
