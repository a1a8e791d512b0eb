"""Writing finished chunks: JSONL and Parquet parts, a tree of files, and the final merge."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..batch import safe_output_path, write_atomic
from ..errors import ExtractorError
from ..output import EXTENSIONS
from .parts import write_atomic_with
from .schema import arrow_schema, rows_to_table
from .work import Encoded

#: Formats written as one record a line / a row (parts can be merged into one file).
STREAM_FORMATS = ("jsonl", "parquet")
PART_EXT = {"jsonl": ".jsonl", "parquet": ".parquet"}
SIDECAR_EXT = ".removed.jsonl"
STATUS_EXT = ".jsonl"
#: Bytes copied at a time when merging parts.
COPY_BUFFER = 1 << 20


def write_records(f: IO[bytes], records: list[Encoded], fmt: str) -> None:
    """One chunk's records in `fmt` (a part file, or a whole output stream)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(rows_to_table([r.payload for r in records]), f)
        return
    f.write("".join(r.payload or "" for r in records).encode("utf-8"))


def write_sidecar(f: IO[bytes], records: list[Encoded]) -> None:
    f.write("".join(r.removed or "" for r in records).encode("utf-8"))


def write_status(f: IO[bytes], records: list[Encoded], paths: list[str | None]) -> None:
    """The status log of a tree output: one line a record, with where its file went."""
    lines = (
        json.dumps({"id": r.id, "status": r.status, "error": r.error, "path": p}, ensure_ascii=False) + "\n"
        for r, p in zip(records, paths, strict=True)
    )
    f.write("".join(lines).encode("utf-8"))


def write_tree(root: Path, records: list[Encoded], fmt: str) -> list[str | None]:
    """One file a record under `root` (errors only in JSON formats); the relative paths written."""
    written: list[str | None] = []
    ext = EXTENSIONS.get(fmt, ".txt")
    for record in records:
        if record.status == "error" and fmt not in ("json", "jsonl"):
            written.append(None)
            continue
        try:
            target = safe_output_path(root, record.id or "document", ext)
            write_atomic(target, record.payload or "")
            written.append(target.relative_to(root).as_posix())
        except (ExtractorError, OSError) as exc:
            record.status, record.error = "error", f"cannot write output: {exc}"
            written.append(None)
    return written


def merge(parts: Iterable[Path], target: Path, fmt: str) -> None:
    """Concatenate parts (in the given order) into `target`, atomically; memory stays flat."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        def write(f: IO[bytes]) -> None:
            with pq.ParquetWriter(f, arrow_schema()) as writer:
                for part in parts:
                    writer.write_table(pq.read_table(part, schema=arrow_schema()))

    else:

        def write(f: IO[bytes]) -> None:
            for part in parts:
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, f, COPY_BUFFER)

    write_atomic_with(target, write)
