"""Output safety: paths stay under --output, writes are atomic, an interrupted run leaves no partial file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import batch
from extractor.batch import MAX_NAME_BYTES, safe_output_path, write_atomic
from extractor.cli import app

GOOD = (
    "City Opens New Bridge After Two Years Of Repairs\n\n"
    "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
    "Engineers said the new deck would last at least fifty years with regular care.\n"
)


@pytest.mark.parametrize(
    "doc",
    [
        "../escape",
        "../../../../etc/passwd",
        "a/../../b",
        "/etc/passwd",
        "//server/share",
        "nul\x00byte",
        "\x00",
        "..",
        ".",
        "",
        "a/./b/../../../c",
        "x" * 5000,
        "/".join(["deep"] * 50),
        "\u00e9t\u00e9/" + "\u6771" * 300,
    ],
)
def test_output_paths_never_leave_the_output_folder(tmp_path, doc):
    root = tmp_path / "out"
    root.mkdir()
    target = safe_output_path(root, doc, ".json")
    assert root.resolve() in target.resolve().parents
    assert "\x00" not in str(target)
    assert all(len(part.encode()) <= MAX_NAME_BYTES + len(".json") for part in target.relative_to(root).parts)
    write_atomic(target, "{}\n")  # the file system accepts it
    assert target.read_text() == "{}\n"


def test_long_ids_stay_distinct(tmp_path):
    a = safe_output_path(tmp_path, "x" * 300 + "a", ".json")
    b = safe_output_path(tmp_path, "x" * 300 + "b", ".json")
    assert a != b


def test_a_symlink_inside_the_output_folder_cannot_redirect_a_write(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(batch.InputError, match="would leave"):
        safe_output_path(root, "link/page", ".json")


class _FailingFile:
    """A file that writes half of what it is given, then fails like a full disk."""

    def __init__(self, real, error: BaseException) -> None:
        self.real, self.error = real, error

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise self.error

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch, error):
    target = tmp_path / "out" / "page.json"
    write_atomic(target, '{"old": true}\n')
    real_fdopen = os.fdopen
    monkeypatch.setattr(batch.os, "fdopen", lambda fd, *a, **k: _FailingFile(real_fdopen(fd, *a, **k), error))
    with pytest.raises(type(error)):
        write_atomic(target, json.dumps({"new": "x" * 10_000}))
    assert target.read_text() == '{"old": true}\n'  # the old file is intact, not half replaced
    assert [p.name for p in target.parent.iterdir()] == ["page.json"]  # no temporary file left


def _leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def test_an_interrupted_run_leaves_only_complete_files(tmp_path, monkeypatch):
    """Interrupted while writing its third file, a run leaves complete files only (and its resume ledger)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in "abcd":
        (inputs / f"{name}.txt").write_text(GOOD.replace("Monday", f"Monday {name}"))
    out = tmp_path / "out"
    out.mkdir()
    real_fdopen = os.fdopen
    calls = []

    def fdopen(fd, *args, **kwargs):  # the writer runs in the main process: fail its third file
        f = real_fdopen(fd, *args, **kwargs)
        calls.append(fd)
        return _FailingFile(f, KeyboardInterrupt()) if len(calls) == 3 else f

    monkeypatch.setattr(batch.os, "fdopen", fdopen)
    result = CliRunner().invoke(app, ["clean", str(inputs), "-f", "json", "-o", str(out), "-j", "1", "--no-plugins"])
    assert result.exit_code != 0  # interrupted
    assert len(calls) == 3 and _leftovers(tmp_path) == []
    pages = [p for p in out.glob("*.json")]
    for page in pages:
        assert json.loads(page.read_text())["status"] == "ok"  # every file there is whole


def test_an_interrupted_run_to_one_file_writes_nothing(tmp_path, monkeypatch):
    """Interrupted while the output file is assembled, a run leaves no output file at all."""
    from extractor.corpus import outputs

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in "abc":
        (inputs / f"{name}.txt").write_text(GOOD)

    def copy_then_interrupt(src, dst, *args):
        dst.write(src.read(10))
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs.shutil, "copyfileobj", copy_then_interrupt)
    out = tmp_path / "all.jsonl"
    result = CliRunner().invoke(app, ["clean", str(inputs), "-f", "jsonl", "-o", str(out), "-j", "1", "--no-plugins"])
    assert result.exit_code != 0
    assert not out.exists() and _leftovers(tmp_path) == []


def test_write_atomic_replaces_in_one_step(tmp_path):
    target = tmp_path / "deep" / "er" / "page.txt"
    write_atomic(target, "first\n")
    write_atomic(target, "second\n")
    assert target.read_text() == "second\n" and sorted(Path(tmp_path).rglob("*.tmp")) == []
