"""A batch over a directory of good and bad files: one record a file, the batch goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.batch import doc_id, find_sources
from extractor.cli import app

GOOD = (
    "City Opens New Bridge After Two Years Of Repairs\n\n"
    "The bridge reopened on Monday after two years of repairs to its steel frame.\n\n"
    "Engineers said the new deck would last at least fifty years with regular care.\n"
)
ODD_NAMES = ["with space.txt", "new\nline.txt", "caf\u00e9 \u6771\u4eac.txt"]


def _mixed_tree(root: Path) -> dict[str, str]:
    """Good and bad files under `root`; return {id: expected status}."""
    expected = {}
    (root / "sub").mkdir()
    for i, name in enumerate(["a.txt", "sub/b.txt", *ODD_NAMES]):
        (root / name).write_text(GOOD.replace("Monday", f"day {i}"), encoding="utf-8")
        expected[doc_id(root / name, root)] = "ok"
    bad = {
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "empty.txt": b"",
        "elf.html": b"\x7fELF\x02\x01\x01" + bytes(range(256)),
    }
    for name, data in bad.items():
        (root / name).write_bytes(data)
        expected[doc_id(root / name, root)] = "error"
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    expected["dangling"] = "error"
    (root / "sub" / "loop").symlink_to(root)  # a symlink loop back to the root
    raw = os.fsencode(root) + b"/latin-\xe9.txt"  # a file name that is not UTF-8
    with open(raw, "wb") as f:
        f.write(GOOD.encode())
    expected[doc_id(Path(os.fsdecode(raw)), root)] = "ok"
    return expected


def _run(args: list[str]):
    return CliRunner().invoke(app, ["clean", *args, "--workers", "1", "--no-plugins", "--no-progress"])


def test_cli_over_a_mixed_directory_gives_one_record_per_file(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    expected = _mixed_tree(root)
    out = tmp_path / "out.jsonl"
    result = _run([str(root), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8", errors="surrogateescape").splitlines()]
    got = {r["id"]: r["status"] for r in records}
    assert got == expected
    assert len(records) == len(expected)  # the loop did not yield files twice
    for r in records:
        if r["status"] == "ok":
            assert "The bridge reopened on" in r["text"]
        else:
            assert r["error"] and r["text"] is None
    by_id = {r["id"]: r for r in records}
    assert "binary input (PNG image)" in by_id["image"]["error"]
    assert by_id["empty"]["error"] == "empty input"
    assert "broken link" in by_id["dangling"]["error"]


def test_cli_mirrors_a_mixed_directory_into_an_output_folder(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    expected = _mixed_tree(root)
    out = tmp_path / "out"
    out.mkdir()
    result = _run([str(root), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output
    written = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "_status.jsonl")
    assert len(written) == len(expected)
    status = (out / "_status.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(status) == len(expected)  # the run's ledger: one line a document
    assert all(out in p.parents for p in written)
    assert not [p for p in written if p.name.endswith(".tmp")]


def test_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.txt").write_text(GOOD)
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a")
    errors: list = []
    ids = [s.id for s in find_sources([str(tmp_path)], errors)]
    assert ids == ["a/page"] and errors == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_per_document_error(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        out = tmp_path / "out.jsonl"
        result = _run([str(tmp_path), "--format", "jsonl", "-o", str(out)])
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1
    got = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert got["good"]["status"] == "ok"
    assert got["locked"]["status"] == "error" and "cannot read file: Permission denied" in got["locked"]["error"]


def test_unreadable_file_is_a_per_document_error_whoever_runs_it(tmp_path, monkeypatch):
    """Root reads any file, so a refusing open() stands in for a file without read permission."""
    import builtins

    from extractor import Extractor, batch

    (tmp_path / "locked.txt").write_text(GOOD)

    def refusing_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(batch, "open", refusing_open, raising=False)
    record = batch.process(Extractor(plugins=False), batch.Source("locked", tmp_path / "locked.txt"))
    assert record.status == "error" and record.error == "cannot read file: Permission denied"


def test_stdin_binary_is_an_error_record():
    result = CliRunner().invoke(
        app, ["clean", "-", "--format", "jsonl", "--no-plugins"], input=b"\x7fELF\x02\x01" + bytes(range(256))
    )
    assert result.exit_code == 1
    record = json.loads(result.stdout.splitlines()[0])
    assert record["id"] == "stdin" and record["status"] == "error" and "ELF" in record["error"]
