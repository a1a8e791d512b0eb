"""A process pool for streams of documents: bounded, killable, crash-proof.

Chunks of items go to worker processes one chunk per worker at a time, so at most
`workers` chunks are in flight and memory stays flat however long the stream is.
Workers report each record as it finishes; a worker that spends longer than
`timeout` seconds on one record is killed and replaced, that record becomes an
error record and the rest of its chunk goes on in the new worker. A worker that
dies (segfault, out of memory) is handled the same way.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from ..pipeline import Extractor, Options, Result
from .work import Encoded, Item, Spec, clean_and_encode, encode

#: The per-record function a worker runs (a module-level function, so workers can import it).
Work = Callable[[Extractor, Item, Spec], Encoded]
#: Records after which a worker is replaced by a fresh one (0: never): bounds the slow
#: growth of a long-lived process (allocator fragmentation from large pages).
RECYCLE_AFTER = 1000
#: glibc's mallopt parameter number for the mmap threshold, and the threshold we fix.
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 128 * 1024
#: How often (seconds) the pool wakes up to check time limits when nothing arrives.
POLL_SECONDS = 0.5
#: Seconds a new worker may take to start (import and compile the rules).
START_SECONDS = 120.0


@dataclass
class Chunk:
    """A numbered run of consecutive input items and their finished records."""

    number: int
    items: list[Item]
    done: list[Encoded | None] = field(default_factory=list)
    next: int = 0  # the first item not finished yet
    seq: int = 0  # position among the chunks of this run (numbers skip chunks done before)

    def __post_init__(self) -> None:
        self.done = [None] * len(self.items)

    @property
    def finished(self) -> bool:
        return self.next >= len(self.items)


def steady_malloc() -> None:
    """Keep large allocations (pages, pickled chunks) in their own mappings (glibc only).

    glibc raises its mmap threshold each time a large block is freed, after which
    pages of a few hundred kB land in the heap and fragment it, and a long run's
    memory creeps up. A fixed threshold returns them to the system when freed.
    """
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to tune


def release_memory() -> None:
    """Give freed heap pages back to the system (glibc `malloc_trim`; elsewhere nothing)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


_LIBC = _libc()


def _worker_main(conn: Connection, options: Options, spec: Spec, work: Work) -> None:
    """A worker: build the extractor once, then clean every item it is sent."""
    steady_malloc()
    from .warm import warm_up  # already imported by the fork server

    extractor = Extractor(options)
    warm_up(extractor)  # lazily loaded parts must not count against the first document
    try:
        conn.send(("ready", os.getpid()))
        while True:
            message = conn.recv()
            if message is None:
                return
            number, offset, items = message
            for i, item in enumerate(items, offset):
                conn.send((number, i, work(extractor, item, spec)))
            del message, items
            release_memory()
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the parent is gone or stopping: nothing left to report to


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    pid: int = 0
    chunk: Chunk | None = None
    since: float = field(default_factory=time.monotonic)  # start of the current item (or of startup)
    ready: bool = False
    records: int = 0  # records this worker has finished


class Pool:
    """`workers` processes cleaning chunks; use as a context manager."""

    def __init__(
        self,
        workers: int,
        options: Options,
        spec: Spec,
        timeout: float = 0.0,
        work: Work = clean_and_encode,
        recycle_after: int = RECYCLE_AFTER,
    ) -> None:
        self.size = max(1, workers)
        self.recycle_after = recycle_after
        steady_malloc()
        self.options, self.spec, self.timeout, self.work = options, spec, timeout, work
        self.context = mp.get_context("forkserver")
        self.context.set_forkserver_preload(["extractor.corpus.work", "extractor.corpus.warm"])
        self.workers: list[_Worker] = []
        self.pids: set[int] = set()  # every worker process that ever started
        self.restarts = 0

    def __enter__(self) -> Pool:
        self.workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(child, self.options, self.spec, self.work), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _retire(self, worker: _Worker) -> None:
        """Stop an idle worker gently and start a fresh one in its place."""
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.process.join(timeout=5)
        self._replace(worker)
        self.restarts -= 1  # a planned replacement, not a failure

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.restarts += 1
        new = self._start()
        self.workers[self.workers.index(worker)] = new
        return new

    def run(self, chunks: Iterable[Chunk], window: int = 0) -> Iterator[Chunk]:
        """Clean every chunk; yield each as soon as all its records are finished.

        With `window`, no chunk is started while one `window` chunks earlier in the
        stream is unfinished, which bounds a caller's reordering buffer.
        """
        source = iter(chunks)
        pulled = 0
        outstanding: dict[int, int] = {}  # id(chunk) -> its position in the stream
        waiting: list[Chunk] = []  # chunks (or their unfinished tails) waiting for a worker
        exhausted = False
        busy = 0
        lost: list[tuple[_Worker, str, bool]] = []
        while True:
            for worker in list(self.workers):
                if worker.ready and worker.chunk is None:
                    chunk = waiting.pop(0) if waiting else None
                    if chunk is None and not exhausted:
                        if window and outstanding and pulled - min(outstanding.values()) >= window:
                            continue
                        chunk = next(source, None)
                        exhausted = chunk is None
                        if chunk is not None:
                            outstanding[id(chunk)] = pulled
                            pulled += 1
                    if chunk is None:
                        continue
                    if chunk.finished:  # an empty chunk
                        outstanding.pop(id(chunk), None)
                        yield chunk
                        continue
                    try:
                        worker.conn.send((chunk.number, chunk.next, chunk.items[chunk.next :]))
                    except OSError:  # it died while idle: no record is to blame
                        waiting.insert(0, chunk)
                        self._replace(worker)
                        continue
                    worker.chunk, worker.since = chunk, time.monotonic()
                    busy += 1
            if exhausted and not waiting and busy == 0:
                return
            by_conn = {w.conn: w for w in self.workers}
            for conn in wait(list(by_conn), timeout=POLL_SECONDS):
                worker = by_conn[conn]
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    lost.append((worker, "worker process died", False))
                    continue
                if message[0] == "ready":
                    worker.ready, worker.pid, worker.since = True, message[1], time.monotonic()
                    self.pids.add(message[1])
                    continue
                _, index, record = message
                chunk = worker.chunk
                chunk.done[index] = record
                chunk.next = index + 1
                worker.since = time.monotonic()
                worker.records += 1
                if chunk.finished:
                    worker.chunk = None
                    busy -= 1
                    outstanding.pop(id(chunk), None)
                    if self.recycle_after and worker.records >= self.recycle_after:
                        self._retire(worker)
                    yield chunk
            now = time.monotonic()
            for worker in self.workers:
                if worker.chunk is not None and self.timeout > 0 and now - worker.since > self.timeout:
                    lost.append((worker, f"timed out after {self.timeout:g} s", True))
                elif not worker.ready and now - worker.since > START_SECONDS:
                    raise RuntimeError(f"a worker process did not start within {START_SECONDS:g} s")
            for worker, why, killed in lost:
                chunk = self._lost(worker, why, killed)
                if chunk is None:
                    continue
                busy -= 1
                if chunk.finished:
                    outstanding.pop(id(chunk), None)
                    yield chunk
                else:
                    waiting.insert(0, chunk)
            lost.clear()

    def _lost(self, worker: _Worker, why: str, killed: bool = False) -> Chunk | None:
        """Fail the record a worker was on and replace the worker; return its chunk."""
        if worker not in self.workers:  # already replaced in this round
            return None
        chunk = worker.chunk
        if not worker.ready and chunk is None:
            code = worker.process.exitcode
            raise RuntimeError(f"a worker process failed to start (exit code {code})")
        if not killed:
            worker.process.join(timeout=1)
            code = worker.process.exitcode
            why = f"{why} (exit code {code})" if code is not None else why
        self._replace(worker)
        if chunk is not None:
            item = chunk.items[chunk.next]
            chunk.done[chunk.next] = encode(Result.failure(why, id=item.id, url=item.url), self.spec)
            chunk.next += 1
        return chunk
