"""A pool of SPARQL worker processes that no client can take away from the others.

* A query that runs past ``timeout`` seconds (waiting for a worker included) is stopped: its
  worker process is killed, which frees its CPU and memory, and a new one takes its place.
* The pool grows from ``workers`` up to ``max_workers`` processes while queries wait, keeping
  one idle worker ready, so runaway queries from several clients do not hold cheap ones back.
* Each client (an address) runs at most ``client_limit`` queries at once; its further queries
  wait their turn (other clients' queries go first) and past ``client_queue`` waiting ones are
  refused (:class:`ClientLimit`, HTTP 429).

The pool's bookkeeping lives on one thread of its own with an asyncio loop that watches the
workers' pipes; :meth:`QueryPool.submit` may be called from any thread and gives a
``concurrent.futures.Future``.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import multiprocessing
import threading
import time
from dataclasses import dataclass, field

from build_graph.web import sparql_worker


class PoolError(RuntimeError):
    """A query was not answered; ``status`` is the HTTP status to give."""

    status = 503


class QueryTimeout(PoolError):
    """The query ran (or waited) past the time limit."""


class ClientLimit(PoolError):
    """The client already has too many queries running and waiting."""

    status = 429


class WorkerFailed(PoolError):
    """The worker process died while answering (out of memory, a crash)."""

    status = 500


@dataclass(eq=False)
class _Job:
    kind: str
    payload: object
    client: str
    future: concurrent.futures.Future
    deadline: float
    timer: asyncio.TimerHandle | None = None


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    ready: bool = False
    isolated: bool = False
    job: _Job | None = None
    started: float = field(default_factory=time.monotonic)


class QueryPool:
    """Worker processes answering jobs of :data:`build_graph.web.sparql_worker.JOBS`."""

    def __init__(self, source: str | bytes, *, timeout: float = 10.0, workers: int = 4,
                 max_workers: int = 16, client_limit: int = 4, client_queue: int = 64,
                 isolate: bool = True):
        self.source = source
        self.timeout = timeout
        self.min_workers = max(1, workers)
        self.max_workers = max(self.min_workers, max_workers)
        self.client_limit = max(1, client_limit)
        self.client_queue = client_queue
        self.isolate = isolate
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["build_graph.web.sparql_worker"])
        self._workers: set[_Worker] = set()
        self._idle: collections.deque[_Worker] = collections.deque()
        self._pending: collections.deque[_Job] = collections.deque()
        self._running: collections.Counter[str] = collections.Counter()
        self._waiting: collections.Counter[str] = collections.Counter()
        self._closed = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="query-pool",
                                        daemon=True)
        self._thread.start()
        self._loop.call_soon_threadsafe(self._grow)

    # --- any thread ------------------------------------------------------------------------
    def submit(self, kind: str, payload: object, client: str = "local"
               ) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        job = _Job(kind, payload, client, future, time.monotonic() + self.timeout)
        self._loop.call_soon_threadsafe(self._enqueue, job)
        return future

    def call(self, kind: str, payload: object, client: str = "local"):
        """Run one job and wait for its answer; raises a :class:`PoolError`."""
        return self.submit(kind, payload, client).result()

    def pids(self) -> set[int]:
        """The process ids of the live workers (for tests and diagnostics)."""
        return {w.process.pid for w in list(self._workers) if w.process.pid}

    def isolated(self) -> bool:
        """Whether every ready worker runs without a network."""
        ready = [w for w in list(self._workers) if w.ready]
        return bool(ready) and all(w.isolated for w in ready)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        done = threading.Event()

        def stop() -> None:
            for worker in list(self._workers):
                self._discard(worker, kill=True)
            for job in list(self._pending):
                self._fail(job, PoolError("The server is stopping."))
            self._pending.clear()
            done.set()

        self._loop.call_soon_threadsafe(stop)
        done.wait(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # --- the pool's thread -----------------------------------------------------------------
    def _enqueue(self, job: _Job) -> None:
        if self._closed:
            self._fail(job, PoolError("The server is stopping."))
            return
        if self._waiting[job.client] >= self.client_queue:
            self._fail(job, ClientLimit(
                f"Too many queries from {job.client}: {self.client_limit} run at once and "
                f"{self.client_queue} may wait. Retry when your earlier queries have answered."))
            return
        self._waiting[job.client] += 1
        self._pending.append(job)
        job.timer = self._loop.call_at(self._loop.time() + max(0.0, job.deadline
                                                                 - time.monotonic()),
                                       self._expire, job)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._idle and self._pending:
            job = next((j for j in self._pending
                        if self._running[j.client] < self.client_limit), None)
            if job is None:
                break
            worker = self._idle.popleft()
            self._pending.remove(job)
            self._waiting[job.client] -= 1
            try:
                worker.conn.send((job.kind, job.payload))
            except (OSError, ValueError):
                self._pending.appendleft(job)
                self._waiting[job.client] += 1
                self._discard(worker, kill=True)
                continue
            worker.job = job
            self._running[job.client] += 1
        self._grow()

    def _grow(self) -> None:
        """Keep ``workers`` processes, and one idle (or starting) while any are free to add."""
        if self._closed:
            return
        starting = sum(1 for w in self._workers if not w.ready)
        while len(self._workers) < self.min_workers or (
                not self._idle and starting == 0 and len(self._workers) < self.max_workers):
            self._start()
            starting += 1

    def _start(self) -> None:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=sparql_worker.serve,
                                        args=(theirs, self.source, self.isolate),
                                        name="oaskg-sparql", daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._workers.add(worker)
        self._loop.add_reader(ours.fileno(), self._readable, worker)

    def _readable(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            job = worker.job
            self._discard(worker, kill=True)
            if job is not None:
                self._finish(job)
                self._fail(job, WorkerFailed(
                    "The query stopped its worker (out of memory or a crash); the answer is "
                    "lost. Narrow the query."))
            self._grow()
            self._dispatch()
            return
        if message[0] == "ready":
            worker.ready, worker.isolated = True, message[2]
        else:
            job, worker.job = worker.job, None
            if job is not None:
                self._finish(job)
                if not job.future.done():
                    if message[0] == "ok":
                        job.future.set_result(message[1])
                    else:
                        job.future.set_result(sparql_worker.error(message[1], message[2]))
        self._idle.append(worker)
        self._dispatch()

    def _expire(self, job: _Job) -> None:
        if job in self._pending:
            self._pending.remove(job)
            self._waiting[job.client] -= 1
            self._fail(job, QueryTimeout(
                f"The endpoint is busy: no query worker was free within {self.timeout:g} s. "
                "Retry later."))
            return
        worker = next((w for w in self._workers if w.job is job), None)
        if worker is None:
            return
        self._finish(job)
        self._discard(worker, kill=True)
        self._fail(job, QueryTimeout(
            f"The query ran longer than the {self.timeout:g} s limit and was stopped."))
        self._grow()
        self._dispatch()

    def _finish(self, job: _Job) -> None:
        if job.timer is not None:
            job.timer.cancel()
        self._running[job.client] -= 1
        if self._running[job.client] <= 0:
            del self._running[job.client]

    def _fail(self, job: _Job, exc: PoolError) -> None:
        if job.timer is not None:
            job.timer.cancel()
        if not job.future.done():
            job.future.set_exception(exc)

    def _discard(self, worker: _Worker, kill: bool) -> None:
        self._workers.discard(worker)
        if worker in self._idle:
            self._idle.remove(worker)
        try:
            self._loop.remove_reader(worker.conn.fileno())
        except (OSError, ValueError):
            pass
        worker.conn.close()
        if kill and worker.process.is_alive():
            worker.process.kill()
        self._loop.call_later(1.0, self._reap, worker.process, 10)

    def _reap(self, process, tries: int) -> None:
        process.join(0)
        if process.exitcode is not None:
            process.close()
        elif tries > 0:
            self._loop.call_later(1.0, self._reap, process, tries - 1)
