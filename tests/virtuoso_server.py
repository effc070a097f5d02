"""A real Virtuoso (Debian's ``virtuoso-opensource``, 7.2) for tests, on 127.0.0.1.

The fixture ``virtuoso`` (module scope) starts ``virtuoso-t`` in the foreground on a fresh
database in a temporary folder, with free ports for SQL and HTTP, waits until ``/sparql``
answers, and stops it by its process id at the end. It is skipped, with the reason, when
Virtuoso is not installed (``apt-get install virtuoso-opensource``; ``.ci/run`` does it). The
database's administrator is ``dba`` / ``dba``: its anonymous Graph Store
(``/sparql-graph-crud``) is read-only, the authenticated one (``/sparql-graph-crud-auth``,
HTTP digest) writes.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from oxigraph_server import free_port, stop_server

START_TIMEOUT = 90  # seconds: a fresh database is created on first start
VAD = Path("/usr/share/virtuoso-opensource-7/vad")
INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 5
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {db}
VADInstallDir = {vad}/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}/vsp
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


@dataclass(frozen=True)
class Virtuoso:
    base: str
    pid: int
    user: str = "dba"
    password: str = "dba"

    @property
    def sparql_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store_url(self) -> str:
        """The authenticated Graph Store (the anonymous one at /sparql-graph-crud is read-only)."""
        return f"{self.base}/sparql-graph-crud-auth"


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen) -> None:
    stop_server(process, timeout=30)  # Virtuoso checkpoints its database before it exits


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    (folder / "vsp").mkdir()
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=folder, sql_port=sql_port, http_port=http_port, vad=VAD))
    base = f"http://127.0.0.1:{http_port}"
    log = folder / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "-f", "-c", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(base):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"virtuoso-t did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
        yield Virtuoso(base, process.pid)
    finally:
        _stop(process)
