"""Input records from files, folders, WARC/WET, JSONL and Parquet, as a stream of `Item`s.

Ids (stable across runs, so `--resume` and joins work):

* files: the path relative to the input root without `.gz`/`.txt`/`.html` suffixes;
* WARC/WET: the record's `WARC-Record-ID` without angle brackets (`urn:uuid:...`);
  the target URI becomes the document's URL;
* JSONL: the `--id-field` value, else `NAME:LINE` (file stem, 1-based line number);
* Parquet: the `--id-field` value, else `NAME:ROW` (file stem, 0-based row number).

A record that cannot be read (bad JSON, missing field, corrupt WARC) is still an
`Item`, carrying its error, so every input record yields exactly one output record.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..batch import find_sources
from ..pipeline import MAX_INPUT_BYTES, Result
from .work import Item

FORMATS = ("auto", "files", "warc", "jsonl", "parquet")
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
#: HTTP content types read as HTML from WARC response/resource records.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Rows read from a Parquet file at a time.
PARQUET_BATCH = 1024


@dataclass(frozen=True, slots=True)
class InputSpec:
    """How to read the inputs of a run."""

    format: str = "auto"
    field: str = "text"  # JSONL/Parquet: the field holding the page
    id_field: str | None = None
    url_field: str | None = None
    input_type: str | None = None  # "text"/"html" for JSONL/Parquet fields; None: detect


def detect_format(name: str) -> str:
    """The input format a file name implies ('files' when it is not a container)."""
    lower = name.lower()
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "files"


def iter_items(paths: Iterable[str], spec: InputSpec) -> Iterator[Item]:
    """Every input record of `paths`, in a deterministic order."""
    errors: list[Result] = []
    for source in find_sources(paths, errors):
        yield from _drain(errors)
        name = str(source.path) if source.path else ""
        fmt = spec.format if spec.format != "auto" else detect_format(name)
        if fmt == "files" or source.path is None:
            yield Item(source.id, data=source.data, path=str(source.path) if source.path else None)
        elif fmt == "warc":
            yield from iter_warc(source.path, source.id)
        elif fmt == "jsonl":
            yield from iter_jsonl(source.path, spec)
        elif fmt == "parquet":
            yield from iter_parquet(source.path, spec)
        else:
            yield Item(source.id, error=f"unknown input format {fmt!r}")
    yield from _drain(errors)


def _drain(errors: list[Result]) -> Iterator[Item]:
    while errors:
        failure = errors.pop(0)
        yield Item(failure.id or "?", error=failure.error)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".jsonl", ".ndjson", ".parquet"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def iter_warc(path: Path, file_id: str) -> Iterator[Item]:
    """HTML response/resource records (html) and WET conversion records (text) of a WARC file.

    Other records (requests, metadata, images, PDFs) are not documents and are skipped.
    A corrupt file yields one error item naming the file and stops there.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                item = _warc_item(record, f"{file_id}#{count}")
                if item is not None:
                    count += 1
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
        yield Item(f"{file_id}#error", error=f"{path}: unreadable WARC after {count} records: {exc}")


def _warc_item(record, fallback_id: str) -> Item | None:
    kind = record.rec_type
    headers = record.rec_headers
    if kind == "conversion":
        doc_kind = "text"
    elif kind in ("response", "resource"):
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or (
            headers.get_header("Content-Type") or ""
        )
        if kind == "response" and record.http_headers is None:
            return None
        if ctype.split(";")[0].strip().lower() not in HTML_TYPES:
            return None
        doc_kind = "html"
    else:
        return None
    rid = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>") or fallback_id
    url = headers.get_header("WARC-Target-URI") or None
    data = record.content_stream().read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        return Item(rid, url=url, error=f"record is over the {MAX_INPUT_BYTES >> 20} MB limit")
    return Item(rid, data=data, kind=doc_kind, url=url)


def _open_text(path: Path) -> io.TextIOBase:
    raw = open(path, "rb")  # noqa: SIM115 - closed by the wrapper
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8", errors="replace")
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace")


def iter_jsonl(path: Path, spec: InputSpec) -> Iterator[Item]:
    """One item a non-blank line; a bad line is an error item."""
    stem = _stem(path)
    try:
        stream = _open_text(path)
    except OSError as exc:
        yield Item(stem, error=f"{path}: cannot read: {exc.strerror or exc}")
        return
    with stream:
        line_no = 0
        try:
            for line_no, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                fallback = f"{stem}:{line_no}"
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    yield Item(fallback, error=f"line {line_no}: invalid JSON: {exc}")
                    continue
                if not isinstance(record, dict):
                    yield Item(fallback, error=f"line {line_no}: not a JSON object")
                    continue
                yield _field_item(record, fallback, spec, f"line {line_no}")
        except (OSError, EOFError) as exc:
            yield Item(f"{stem}:{line_no + 1}", error=f"{path}: unreadable after line {line_no}: {exc}")


def iter_parquet(path: Path, spec: InputSpec) -> Iterator[Item]:
    """One item a row, read in batches of the needed columns only."""
    import pyarrow.parquet as pq

    stem = _stem(path)
    try:
        table = pq.ParquetFile(path)
        names = set(table.schema_arrow.names)
        if spec.field not in names:
            yield Item(stem, error=f"{path}: no column {spec.field!r} (columns: {', '.join(sorted(names))})")
            return
        columns = [c for c in (spec.field, spec.id_field, spec.url_field) if c and c in names]
        row = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=list(dict.fromkeys(columns))):
            for record in batch.to_pylist():
                yield _field_item(record, f"{stem}:{row}", spec, f"row {row}")
                row += 1
    except OSError as exc:  # pyarrow raises ArrowInvalid (an OSError/ValueError) for corrupt files
        yield Item(stem, error=f"{path}: unreadable Parquet: {exc}")
    except ValueError as exc:
        yield Item(stem, error=f"{path}: unreadable Parquet: {exc}")


def _field_item(record: dict, fallback_id: str, spec: InputSpec, where: str) -> Item:
    raw_id = record.get(spec.id_field) if spec.id_field else None
    rid = str(raw_id) if raw_id not in (None, "") else fallback_id
    url = record.get(spec.url_field) if spec.url_field else None
    url = url if isinstance(url, str) and url else None
    value = record.get(spec.field)
    if value is None:
        return Item(rid, url=url, error=f"{where}: no field {spec.field!r}")
    if not isinstance(value, str | bytes):
        return Item(rid, url=url, error=f"{where}: field {spec.field!r} is {type(value).__name__}, not text")
    return Item(rid, data=value, kind=spec.input_type, url=url)
