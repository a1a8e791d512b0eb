"""The Ray Data engine (optional: `pip install "extractor[ray]"`): the same per-record
function as the local runner, mapped over a Ray Dataset on a laptop or a cluster.

    import ray
    from extractor.corpus.ray import clean_dataset

    ds = ray.data.read_parquet("s3://bucket/pages/")          # a column of HTML or text
    clean_dataset(ds, field="html", id_field="url", url_field="url").write_parquet("s3://bucket/clean/")

Inputs: any Dataset with a column holding the page (`field`), optionally an id and a
URL column; `read_jsonl_lines(paths)` (one row a line, parsed by us so a bad line is
an error record, not a failed job), `read_warc(paths)` (the WARC reader of the local
engine, run in Ray tasks) and `read_files(paths)`. Output rows have the flat schema of
`extractor.corpus.schema` (Parquet) or the nested `Result.to_dict()` record
(`record=True`, for JSON). Without an id column a record's id is `sha1:` and the first
16 hex digits of the SHA-1 of its content (stable across runs and clusters).

The per-document time limit is a soft one here (SIGALRM in the actor's main thread):
Python code is stopped, a long call inside a C extension only when it returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray

from ..pipeline import Extractor, Options
from .inputs import InputSpec, _field_item, detect_format, iter_warc
from .runner import DEFAULT_TIMEOUT
from .schema import arrow_schema, rows_to_table
from .work import Item, Spec, clean_and_encode

#: Marker columns of rows that already are items (WARC records, files).
ITEM_COLUMNS = ("_id", "_data", "_path", "_kind", "_url", "_error")
#: The column `read_jsonl_lines` puts each raw line in.
LINE_COLUMN = "_jsonl_line"
#: Records a Ray batch holds.
BATCH_SIZE = 64
#: Records a block holds in `run_on_ray` (blocks are the unit of parallel work).
ROWS_PER_BLOCK = 512


def record_schema() -> pa.Schema:
    """The nested schema of `Result.to_dict()` (JSON output)."""
    flat = arrow_schema()
    metadata = [flat.field(name) for name in flat.names if name not in ("id", "status", "error", "text", "removed")]
    return pa.schema(
        [
            flat.field("id"),
            flat.field("status"),
            flat.field("error"),
            flat.field("text"),
            pa.field("metadata", pa.struct(metadata)),
            flat.field("removed"),
        ]
    )


_EXTRACTORS: dict[Options, Extractor] = {}  # per Ray worker process: built once, reused by every task


def _clean_batch(
    batch: pa.Table, options: Options, inputs: InputSpec, record: bool, timeout: float, provenance: bool
) -> pa.Table:
    """Clean one batch of rows in a Ray task (the extractor is cached in the worker process)."""
    extractor = _EXTRACTORS.get(options)
    if extractor is None:
        extractor = _EXTRACTORS[options] = Extractor(options)
    spec = Spec("jsonl" if record else "parquet")
    rows = []
    for row in batch.to_pylist():
        encoded = clean_and_encode(extractor, row_item(row, inputs), spec, timeout)
        rows.append(json.loads(encoded.payload) if record else encoded.payload)
    table = pa.Table.from_pylist(rows, schema=record_schema()) if record else rows_to_table(rows)
    if provenance:
        worker = f"{socket.gethostname()}:{os.getpid()}"
        table = table.append_column("worker", pa.array([worker] * len(rows), pa.string()))
    return table


def row_item(row: dict[str, Any], inputs: InputSpec) -> Item:
    """A dataset row as an `Item`: an item row, a raw JSONL line, or a record with `inputs.field`."""
    if "_id" in row:
        return Item(*(row.get(c) for c in ITEM_COLUMNS))
    if LINE_COLUMN in row:
        line = row[LINE_COLUMN] or ""
        fallback = _content_id(line)
        try:
            record = json.loads(line)
        except ValueError as exc:
            return Item(fallback, error=f"invalid JSON: {exc}")
        if not isinstance(record, dict):
            return Item(fallback, error="not a JSON object")
        row = record
    value = row.get(inputs.field)
    return _field_item(row, _content_id(value), inputs, "record")


def _content_id(value: object) -> str:
    data = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
    return "sha1:" + hashlib.sha1(data).hexdigest()[:16]


def clean_dataset(
    ds: ray.data.Dataset,
    *,
    field: str = "text",
    id_field: str | None = None,
    url_field: str | None = None,
    input_type: str | None = None,
    options: Options | None = None,
    record: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    concurrency: int | None = None,
    batch_size: int = BATCH_SIZE,
    provenance: bool = False,
) -> ray.data.Dataset:
    """Clean every row of `ds`; one output row per input row, failures as `status == "error"`.

    Runs as Ray tasks (each worker process builds its extractor once), so reading and
    cleaning share the CPUs; `concurrency` caps the tasks at once. `record=True` gives
    nested `Result.to_dict()` rows instead of flat ones; `provenance=True` adds a
    `worker` column (`host:pid`) to see which process cleaned a record.
    """
    inputs = InputSpec("auto", field, id_field, url_field, input_type)
    return ds.map_batches(
        _clean_batch,
        fn_kwargs={
            "options": options or Options(),
            "inputs": inputs,
            "record": record,
            "timeout": timeout,
            "provenance": provenance,
        },
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
    )


def read_jsonl_lines(paths: list[str]) -> ray.data.Dataset:
    """JSONL files, one row a non-empty line (parsed in `clean_dataset`)."""
    return ray.data.read_text(paths).rename_columns({"text": LINE_COLUMN})


def _warc_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    path = Path(row["path"])
    return [_item_row(item) for item in iter_warc(path, path.name)]


def _item_row(item: Item) -> dict[str, Any]:
    data = item.data.encode("utf-8") if isinstance(item.data, str) else item.data
    return {
        "_id": item.id,
        "_data": data,
        "_path": item.path,
        "_kind": item.kind,
        "_url": item.url,
        "_error": item.error,
    }


def read_warc(paths: list[str]) -> ray.data.Dataset:
    """The documents of WARC/WET files (paths every node can read), one row a record."""
    return ray.data.from_items([{"path": os.path.abspath(p)} for p in paths]).flat_map(_warc_rows)


def read_files(paths: list[str]) -> ray.data.Dataset:
    """Plain page files and folders (listed here, read by the workers)."""
    from ..batch import find_sources

    errors: list = []
    rows = [_item_row(Item(s.id, path=str(s.path.resolve()))) for s in find_sources(paths, errors) if s.path]
    rows += [_item_row(Item(e.id or "?", error=e.error)) for e in errors]
    return ray.data.from_items(rows)


def run_on_ray(
    paths: list[str],
    output: Path,
    *,
    fmt: str = "parquet",
    inputs: InputSpec | None = None,
    options: Options | None = None,
    address: str | None = None,
    provenance: bool = False,
    rows_per_block: int = ROWS_PER_BLOCK,
) -> dict[str, int]:
    """`extractor clean --engine ray`: read `paths`, clean, write `fmt` parts into the `output` folder.

    Returns the counts by status (and `documents`). Connects to `address`, or to the
    running Ray instance, or starts a local one.
    """
    inputs = inputs or InputSpec()
    if not ray.is_initialized():
        ray.init(address=address, log_to_driver=False)
    kind = inputs.format if inputs.format != "auto" else detect_format(paths[0])
    if kind == "warc":
        ds = read_warc(paths)
    elif kind == "jsonl":
        ds = read_jsonl_lines(paths)
    elif kind == "parquet":
        ds = ray.data.read_parquet(paths)
    else:
        ds = read_files(paths)
    ds = ds.repartition(target_num_rows_per_block=rows_per_block)  # spread one big file over the workers
    cleaned = clean_dataset(
        ds,
        field=inputs.field,
        id_field=inputs.id_field,
        url_field=inputs.url_field,
        input_type=inputs.input_type,
        options=options,
        record=fmt == "jsonl",
        provenance=provenance,
        batch_size=min(BATCH_SIZE, rows_per_block),
    ).materialize()
    if fmt == "jsonl":
        cleaned.write_json(str(output))
    else:
        cleaned.write_parquet(str(output))
    counts = {"documents": cleaned.count(), "ok": 0, "empty": 0, "error": 0}
    for row in cleaned.groupby("status").count().take_all():
        counts[row["status"]] = row["count()"]
    return counts
