"""The flat record: `Result.to_dict()` with metadata lifted to columns (Parquet, Ray).

Columns, in order: `id`, `status`, `error`, `text`, then every `Metadata` field
under its own name (`title`, `author`, `authors` ... `word_count`), `comments` as
a list of `{author, date, text}` structs, and `removed` as a list of `{code, text}`
structs (left empty when removed blocks go to a sidecar). Scalars are strings
(null when absent), `word_count` is int64, lists are list columns.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any

from ..model import Metadata

if TYPE_CHECKING:
    import pyarrow as pa

    from ..pipeline import Result

#: Record columns before and after the metadata columns.
HEAD_COLUMNS = ("id", "status", "error", "text")
TAIL_COLUMNS = ("removed",)
METADATA_COLUMNS = tuple(f.name for f in fields(Metadata))
COLUMNS = HEAD_COLUMNS + METADATA_COLUMNS + TAIL_COLUMNS


def flat_row(result: Result, removed: bool = True) -> dict[str, Any]:
    """One record as a flat dict with the `COLUMNS` keys."""
    record = result.to_dict(removed=removed)
    row = {name: record[name] for name in HEAD_COLUMNS}
    row.update(record["metadata"])
    row["removed"] = record.get("removed", [])
    return row


def _arrow_type(annotation: str) -> pa.DataType:
    import pyarrow as pa

    text = pa.string()
    if annotation == "int":
        return pa.int64()
    if annotation == "float":
        return pa.float64()
    if annotation == "bool":
        return pa.bool_()
    if annotation == "list[Comment]":
        return pa.list_(pa.struct([("author", text), ("date", text), ("text", text)]))
    if annotation.startswith("list["):
        return pa.list_(text)
    return text


@cache
def arrow_schema() -> pa.Schema:
    """The Parquet/Arrow schema of `flat_row`; derived from `Metadata`, so stable per version."""
    import pyarrow as pa

    text = pa.string()
    columns = [(name, text) for name in HEAD_COLUMNS]
    columns += [(f.name, _arrow_type(str(f.type))) for f in fields(Metadata)]
    columns.append(("removed", pa.list_(pa.struct([("code", text), ("text", text)]))))
    return pa.schema(columns)


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Flat rows as an Arrow table with the fixed schema."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=arrow_schema())
