"""Files as documents: find inputs, read them safely, write outputs atomically, count results.

The streaming, parallel, resumable runner built on these is `extractor.corpus`.
Every input yields exactly one result, failures included, so counts reconcile.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .pipeline import MAX_INPUT_BYTES, Extractor, Result

#: Suffixes stripped from a file name to make its document id.
ID_SUFFIXES = (".gz", ".txt", ".text", ".html", ".htm", ".xhtml", ".wet", ".md")
#: File kinds picked up when walking a directory.
INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".gz")
#: Longer output file-name parts are shortened (file systems allow 255 bytes; a temporary
#: file adds a prefix and suffix and the writer an extension).
MAX_NAME_BYTES = 200
#: Failures a `Summary` keeps with their messages (a corpus run can have millions).
MAX_FAILURES_KEPT = 10_000


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: where to read it and the id it will carry."""

    id: str
    path: Path | None  # None for stdin
    data: bytes | None = None


@dataclass
class Summary:
    documents: int = 0
    ok: int = 0
    empty: int = 0
    errors: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # the first MAX_FAILURES_KEPT
    resumed: int = 0  # records finished by an earlier run (--resume), not counted above
    workers: int = 0  # worker processes that took part (0: in-process)

    def add(self, result: Result) -> None:
        self.count(result.id or "?", result.status, result.error)

    def count(self, id: str, status: str, error: str | None) -> None:
        self.documents += 1
        if status == "ok":
            self.ok += 1
        elif status == "empty":
            self.empty += 1
        else:
            self.errors += 1
            if len(self.failures) < MAX_FAILURES_KEPT:
                self.failures.append((id or "?", error or ""))

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        line = (
            f"{self.documents} documents: {self.ok} ok, {self.empty} empty, {self.errors} failed "
            f"in {self.seconds:.2f} s ({rate:.1f} docs/s)"
        )
        if self.resumed:
            line += f"; {self.resumed} done by an earlier run"
        return line


def doc_id(path: Path, root: Path) -> str:
    """The path relative to the input root, without .gz/.txt/.html suffixes."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    name = rel.as_posix()
    changed = True
    while changed:
        changed = False
        for suffix in ID_SUFFIXES:
            if name.lower().endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                changed = True
    return printable(name)


def printable(text: str) -> str:
    """`text` safe to print and write as UTF-8: undecodable file-name bytes become `\\xNN`."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def find_sources(inputs: Iterable[str], errors: list[Result]) -> Iterator[Source]:
    """Expand files, directories (recursively, in name order) and '-' (stdin) into sources.

    Unreadable directories and broken links become error results in `errors`.
    """
    for spec in inputs:
        if spec == "-":
            yield Source("stdin", None, sys.stdin.buffer.read(MAX_INPUT_BYTES + 1))
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _walk(path, errors)
        elif path.exists():
            yield Source(doc_id(path, path.parent), path)
        else:
            what = "broken link" if path.is_symlink() else "no such file or directory"
            errors.append(Result.failure(f"{printable(spec)}: {what}", id=printable(spec)))


def _walk(root: Path, errors: list[Result]) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        where = printable(str(exc.filename))
        errors.append(Result.failure(f"{where}: cannot read directory: {exc.strerror}", id=where))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if not name.lower().endswith(INPUT_SUFFIXES):
                continue
            if not path.exists():
                errors.append(Result.failure(f"{printable(str(path))}: broken link", id=doc_id(path, root)))
                continue
            yield Source(doc_id(path, root), path)


def read_source(source: Source) -> bytes:
    """The bytes of a source; gzip is decompressed with a bound on the output size."""
    if source.data is not None:
        data = source.data
    else:
        try:
            with open(source.path, "rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"input is over the {MAX_INPUT_BYTES >> 20} MB limit")
    return data


def _gunzip(data: bytes) -> bytes:
    import io

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(MAX_INPUT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None
    if len(out) > MAX_INPUT_BYTES:
        raise InputError(f"gzip data expands to over {MAX_INPUT_BYTES >> 20} MB")
    return out


def process(extractor: Extractor, source: Source, url: str | None = None) -> Result:
    """Read and extract one source; never raises (the corpus runner's per-document function)."""
    from .corpus.work import Item, clean_item

    return clean_item(
        extractor, Item(source.id, data=source.data, path=str(source.path) if source.path else None, url=url)
    )


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as open() would create it (mkstemp makes it private)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_output_path(root: Path, doc: str, extension: str) -> Path:
    """Where document `doc` goes under `root`; ids can never escape the output folder."""
    parts = [p for p in Path(doc).parts if p not in ("", ".", "..", "/") and not Path(p).is_absolute()]
    parts = [_short_name(p.replace(os.sep, "_").replace("\x00", "_")) for p in parts] or ["document"]
    target = root.joinpath(*parts)
    target = target.with_name(target.name + extension)
    resolved_root = root.resolve()
    if resolved_root not in target.resolve().parents:
        raise InputError(f"output path for {doc!r} would leave {root}")
    return target


def _short_name(name: str) -> str:
    """`name`, cut to MAX_NAME_BYTES with a hash of the whole kept, so long names stay distinct."""
    raw = name.encode("utf-8", "backslashreplace")
    if len(raw) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha1(raw).hexdigest()[:12]
    return raw[: MAX_NAME_BYTES - 13].decode("utf-8", "ignore") + "-" + digest


def elapsed_since(start: float) -> float:
    return time.perf_counter() - start
