"""Run a corpus: stream input records through the pool into outputs, resumably.

Where the records go:

* no output: stdout (in input order with `ordered`, else as finished);
* a file (`out.jsonl`, `out.parquet`, `out.txt`): parts in a hidden folder beside it
  (`.out.jsonl.parts/`), merged into the file at the end and then removed;
* a folder with `jsonl`/`parquet`: the parts are the output (`part-000000.parquet` ...,
  a dataset any Parquet or JSON reader takes), with `_manifest.json`;
* a folder with `text`/`markdown`/`json`: one file a document mirroring the ids, and
  `_status.jsonl` with every record's status (errors included).

`--removed-sidecar PATH` writes `{id, status, removed: [{code, text}]}` a line to PATH
and leaves `removed` out of the main records.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from ..batch import Summary
from ..errors import ExtractorError
from ..pipeline import Extractor, Options
from .inputs import InputSpec, iter_items
from .outputs import (
    PART_EXT,
    SIDECAR_EXT,
    STATUS_EXT,
    STREAM_FORMATS,
    merge,
    write_records,
    write_sidecar,
    write_status,
    write_tree,
)
from .parts import PartStore
from .pool import Chunk, Pool, release_memory
from .progress import ProgressBar
from .work import Encoded, Item, Spec, clean_and_encode

#: Records a chunk (and a part file) holds.
CHUNK_SIZE = 100
#: Default per-document time limit, seconds.
DEFAULT_TIMEOUT = 30.0
#: With `ordered`, chunks that may run ahead of the oldest unfinished one, per worker.
ORDER_WINDOW_PER_WORKER = 4


@dataclass
class RunConfig:
    """Everything a run needs; the CLI builds one from its flags."""

    paths: list[str]
    options: Options = field(default_factory=Options)
    inputs: InputSpec = field(default_factory=InputSpec)
    fmt: str = "jsonl"  # text, markdown, json, jsonl, explain, parquet
    output: Path | None = None
    to_dir: bool = False
    workers: int = 0  # 0: every core
    timeout: float = DEFAULT_TIMEOUT
    resume: bool = False
    ordered: bool = False
    chunk_size: int = CHUNK_SIZE
    sidecar: Path | None = None
    progress: bool = False
    url: str | None = None  # a URL for documents that have none (a single page's --url)


class UsageError(ExtractorError):
    """The combination of options cannot work (e.g. Parquet to stdout)."""


def chunked(items: Iterator[Item], size: int, done: set[int], summary: Summary, url: str | None) -> Iterator[Chunk]:
    """Number consecutive items into chunks, leaving out chunks already done."""
    number = seq = 0
    while True:
        batch = list(islice(items, size))
        if not batch:
            return
        if number in done:
            summary.resumed += len(batch)
        else:
            if url:
                for item in batch:
                    item.url = item.url or url
            yield Chunk(number, batch, seq=seq)
            seq += 1
        number += 1


def run_corpus(config: RunConfig, on_error: Callable[[Encoded], None] | None = None) -> Summary:
    """Clean every input record of `config.paths` into `config.output`; return the counts."""
    if config.fmt == "parquet" and config.output is None:
        raise UsageError("Parquet output needs --output (a .parquet file or a folder)")
    summary = Summary()
    start = time.perf_counter()
    items = iter_items(config.paths, config.inputs)
    head = list(islice(items, 2))
    single = len(head) <= 1
    items = chain(head, items)
    spec = Spec(config.fmt, sidecar=config.sidecar is not None, frame=not single and not config.to_dir)
    sink = _Sink(config, spec)
    chunks = chunked(items, config.chunk_size, sink.done, summary, config.url)
    workers = config.workers or os.cpu_count() or 1
    with ProgressBar(config.progress) as bar:
        if single:
            results = _inline(chunks, config.options, spec, config.timeout)
            _consume(results, sink, summary, bar, on_error)
        else:
            ordered = config.ordered and config.output is None
            with Pool(workers, config.options, spec, config.timeout) as pool:
                window = workers * ORDER_WINDOW_PER_WORKER if ordered else 0
                results = pool.run(chunks, window=window)
                if ordered:
                    results = _in_order(results)
                _consume(results, sink, summary, bar, on_error)
                summary.workers = len(pool.pids)
    sink.finish()
    summary.seconds = time.perf_counter() - start
    return summary


def _consume(results: Iterator[Chunk], sink: _Sink, summary: Summary, bar: ProgressBar, on_error) -> None:
    for chunk in results:
        records = [r for r in chunk.done if r is not None]
        sink.write(chunk.number, records)
        chunk.items.clear()
        release_memory()
        for record in records:
            summary.count(record.id, record.status, record.error)
            if record.status == "error" and on_error:
                on_error(record)
        bar.advance(len(records))


def _inline(chunks: Iterator[Chunk], options: Options, spec: Spec, timeout: float) -> Iterator[Chunk]:
    """The pool's work in this process (one document: no worker start-up cost)."""
    extractor = Extractor(options)
    for chunk in chunks:
        for i, item in enumerate(chunk.items):
            chunk.done[i] = clean_and_encode(extractor, item, spec, soft_timeout=timeout)
        chunk.next = len(chunk.items)
        yield chunk


def _in_order(chunks: Iterator[Chunk]) -> Iterator[Chunk]:
    """Reorder finished chunks by stream position (the pool's window bounds the buffer)."""
    buffer: dict[int, Chunk] = {}
    expected = 0
    for chunk in chunks:
        buffer[chunk.seq] = chunk
        while expected in buffer:
            yield buffer.pop(expected)
            expected += 1
    for seq in sorted(buffer):
        yield buffer[seq]


class _Sink:
    """Where finished chunks go, with the part store that makes the run resumable."""

    def __init__(self, config: RunConfig, spec: Spec) -> None:
        self.config, self.spec = config, spec
        self.store: PartStore | None = None
        self.done: set[int] = set()
        self.mode = "stdout"
        self.stream_sidecar = None
        out = config.output
        if out is None:
            if config.resume:
                raise UsageError("--resume needs --output")
            if config.sidecar is not None:
                self.stream_sidecar = open(config.sidecar, "w", encoding="utf-8")  # noqa: SIM115 - closed in finish
            return
        manifest = {
            "inputs": [os.path.abspath(p) if p != "-" else p for p in config.paths],
            "input": [config.inputs.format, config.inputs.field, config.inputs.id_field, config.inputs.input_type],
            "chunk_size": config.chunk_size,
            "format": config.fmt,
            "sidecar": config.sidecar is not None,
        }
        if config.to_dir and config.fmt in STREAM_FORMATS:
            self.mode, folder, ext = "dataset", out, PART_EXT[config.fmt]
        elif config.to_dir:
            self.mode, folder, ext = "tree", out / "_parts", STATUS_EXT
        else:
            self.mode, folder, ext = "file", out.with_name(f".{out.name}.parts"), PART_EXT.get(config.fmt, ".txt")
        if config.resume and self.mode == "file" and out.exists() and not folder.exists():
            self.mode = "complete"  # finished before: nothing to redo
            self.done = _AllDone()
            return
        self.store = PartStore(folder, ext, manifest, config.resume)
        self.done = self.store.done

    def write(self, number: int, records: list[Encoded]) -> None:
        if self.store is None:
            if self.mode == "complete":
                return
            sys.stdout.write("".join(r.payload or "" for r in records))
            sys.stdout.flush()
            if self.stream_sidecar is not None:
                self.stream_sidecar.write("".join(r.removed or "" for r in records))
            return
        if self.spec.sidecar:
            self.store.commit(number, lambda f: write_sidecar(f, records), ext=SIDECAR_EXT)
        if self.mode == "tree":
            paths = write_tree(self.config.output, records, self.config.fmt)
            self.store.commit(number, lambda f: write_status(f, records, paths))
        else:
            self.store.commit(number, lambda f: write_records(f, records, self.config.fmt))

    def finish(self) -> None:
        store, config = self.store, self.config
        if self.stream_sidecar is not None:
            self.stream_sidecar.close()
        if store is None:
            return
        parts = store.parts()
        if config.sidecar is not None:
            merge([store.path(store.number(p), SIDECAR_EXT) for p in parts], config.sidecar, "jsonl")
        if self.mode == "file":
            merge(parts, config.output, "parquet" if config.fmt == "parquet" else "jsonl")
            shutil.rmtree(store.folder)
        elif self.mode == "tree":
            merge(parts, config.output / "_status.jsonl", "jsonl")
            shutil.rmtree(store.folder)
        elif config.sidecar is not None:
            for part in parts:
                store.path(store.number(part), SIDECAR_EXT).unlink(missing_ok=True)


class _AllDone(set):
    """Every chunk number (a finished run being resumed)."""

    def __contains__(self, number: object) -> bool:
        return True
