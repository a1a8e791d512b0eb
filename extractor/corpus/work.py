"""The per-document function every runner uses: one `Item` in, one encoded record out.

The local process pool, the in-process runner and the Ray engine all call
`clean_item` and `encode`, so a record never depends on which engine made it.
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..batch import Source, read_source
from ..errors import ExtractorError
from ..output import explain, render
from ..pipeline import Extractor, Result
from .schema import flat_row


@dataclass(slots=True)
class Item:
    """One input record: its id and either its content or the file to read it from."""

    id: str
    data: bytes | str | None = None
    path: str | None = None  # read by the worker (plain files)
    kind: str | None = None  # "text" or "html"; None: the run's --input-type
    url: str | None = None
    error: str | None = None  # the record could not be read from its container


@dataclass(slots=True)
class Encoded:
    """A finished record, serialised in the worker so the writer only writes."""

    id: str
    status: str
    error: str | None
    payload: str | dict | None  # a rendered string, or a flat row for Parquet
    removed: str | None = None  # the removed-blocks sidecar line, when asked


@dataclass(frozen=True, slots=True)
class Spec:
    """What the writer needs from each record."""

    fmt: str = "jsonl"  # text, markdown, json, jsonl, explain, parquet
    sidecar: bool = False  # removed blocks go to a sidecar (and out of the JSONL record)
    frame: bool = False  # text formats: a "==> id <==" line before each document


class TimeLimitExceeded(ExtractorError):
    """A document took longer than the per-document time limit."""


def clean_item(extractor: Extractor, item: Item) -> Result:
    """Read (if needed) and extract one item; never raises."""
    if item.error is not None:
        return Result.failure(item.error, id=item.id, url=item.url)
    data: bytes | str
    if isinstance(item.data, str):
        data = item.data
    else:
        try:
            data = read_source(Source(item.id, Path(item.path) if item.path else None, item.data))
        except ExtractorError as exc:
            return Result.failure(str(exc), id=item.id, url=item.url)
    if not data.strip():
        return Result.failure("empty input", id=item.id, url=item.url)
    result = extractor.extract_safely(data, id=item.id, url=item.url, input_type=item.kind)
    result.id = item.id
    return result


def encode(result: Result, spec: Spec) -> Encoded:
    """Serialise a result for the writer (drops the document tree unless rendering needs it)."""
    if spec.fmt == "parquet":
        payload: str | dict | None = flat_row(result, removed=not spec.sidecar)
    elif spec.fmt == "jsonl" and spec.sidecar:
        payload = json.dumps(result.to_dict(removed=False), ensure_ascii=False) + "\n"
    elif spec.fmt == "explain":
        payload = explain(result)
    else:
        payload = render(result, spec.fmt)  # type: ignore[arg-type]
        if spec.frame and spec.fmt in ("text", "markdown", "explain"):
            payload = f"==> {result.id} <==\n{payload}\n"
    removed = None
    if spec.sidecar:
        record = {
            "id": result.id,
            "status": result.status,
            "removed": [{"code": r.code, "text": r.text} for r in result.removed],
        }
        removed = json.dumps(record, ensure_ascii=False) + "\n"
    return Encoded(result.id or "", result.status, result.error, payload, removed)


def clean_and_encode(extractor: Extractor, item: Item, spec: Spec, soft_timeout: float = 0.0) -> Encoded:
    """`clean_item` then `encode`, with an optional in-process time limit (see `soft_time_limit`)."""
    try:
        with soft_time_limit(soft_timeout):
            result = clean_item(extractor, item)
    except TimeLimitExceeded as exc:
        result = Result.failure(str(exc), id=item.id, url=item.url)
    return encode(result, spec)


@contextmanager
def soft_time_limit(seconds: float) -> Iterator[None]:
    """Raise `TimeLimitExceeded` after `seconds` (SIGALRM; main thread only, else no limit).

    Python code is interrupted between bytecodes; a long call inside a C extension
    is only stopped when it returns. The local pool kills the worker instead.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
