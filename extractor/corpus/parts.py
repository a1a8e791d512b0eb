"""Numbered part files committed atomically, plus a manifest: what makes `--resume` safe.

Input records are cut into chunks of a fixed size, numbered in input order. A chunk
is done exactly when its part file exists: parts are written to a temporary name
and renamed, so after a kill -9 at any instant a part is either whole or absent.
`--resume` re-reads the inputs (cheap: no extraction), skips the chunks whose part
exists and cleans the rest; the manifest makes sure the run is the same one
(same inputs, chunk size and output format).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..errors import ExtractorError

MANIFEST = "_manifest.json"
#: Keys of the manifest that must match for a resumed run.
RESUME_KEYS = ("inputs", "input", "chunk_size", "format", "sidecar")


#: Permissions of written files (before the umask), as `open()` would create them.
FILE_MODE = 0o666


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ResumeError(ExtractorError):
    """`--resume` was asked for a folder that belongs to a different run."""


class PartStore:
    """The part files of one run in `folder` (`part-000042<ext>`)."""

    def __init__(self, folder: Path, ext: str, manifest: dict[str, Any], resume: bool) -> None:
        self.folder, self.ext = folder, ext
        self.pattern = re.compile(r"part-(\d{6,})" + re.escape(ext) + "$")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / MANIFEST
        if resume and path.exists():
            old = json.loads(path.read_text(encoding="utf-8"))
            for key in RESUME_KEYS:
                if old.get(key) != manifest.get(key):
                    raise ResumeError(f"{folder} was written by a different run ({key} differs); cannot resume")
        else:
            for part in self.parts():
                part.unlink()
        for stale in folder.glob(".part-*.tmp"):
            stale.unlink(missing_ok=True)
        self.done = {self.number(p) for p in self.parts()}
        write_atomic_with(path, lambda f: f.write(json.dumps(manifest, indent=2).encode()))

    def number(self, path: Path) -> int:
        return int(self.pattern.match(path.name).group(1))

    def parts(self) -> list[Path]:
        """The committed parts, in input order."""
        found = [p for p in self.folder.iterdir() if self.pattern.match(p.name)]
        return sorted(found, key=self.number)

    def path(self, number: int, ext: str | None = None) -> Path:
        return self.folder / f"part-{number:06d}{ext or self.ext}"

    def commit(self, number: int, write: Callable[[IO[bytes]], object], ext: str | None = None) -> None:
        write_atomic_with(self.path(number, ext), write, prefix=".part-")


def write_atomic_with(path: Path, write: Callable[[IO[bytes]], object], prefix: str | None = None) -> None:
    """Create `path` through `write(file)` on a temporary file, fsync and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, FILE_MODE & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
