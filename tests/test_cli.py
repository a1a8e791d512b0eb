"""The command line on files, folders, stdin and gzip, in every format."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest
from typer.testing import CliRunner

from extractor.cli import app

from .conftest import SAMPLES

runner = CliRunner()
ARTICLE = (SAMPLES / "news-article.txt").read_text(encoding="utf-8")


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def tree(tmp_path):
    """An input folder: two pages in nested folders, one gzipped, one html-named text file."""
    root = tmp_path / "in"
    (root / "news" / "2025").mkdir(parents=True)
    shutil.copy(SAMPLES / "news-article.txt", root / "news" / "2025" / "ferry.txt")
    (root / "blog").mkdir()
    (root / "blog" / "soup.txt.gz").write_bytes(gzip.compress((SAMPLES / "recipe-blog.txt").read_bytes()))
    (root / "notes.md").write_text("not an input: skipped by the folder walk")
    return root


def test_clean_file_prints_body():
    result = invoke("clean", str(SAMPLES / "news-article.txt"))
    assert result.exit_code == 0
    assert "restore ferry service" in result.stdout
    assert "Share on Facebook" not in result.stdout


def test_clean_stdin_json():
    result = invoke("clean", "-", "--format", "json", input=ARTICLE)
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and record["status"] == "ok"
    assert record["metadata"]["author"] == "Dana Kim"
    assert {"code": "AD001", "text": "ADVERTISEMENT"} in record["removed"]


def test_folder_to_jsonl_ids_are_relative_paths_without_suffixes(tree):
    result = invoke("clean", str(tree), "--format", "jsonl", "--workers", "1")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["blog/soup", "news/2025/ferry"]
    assert all(r["status"] == "ok" for r in records)
    assert records[0]["metadata"]["title"] == "Simple Weeknight Lentil Soup"


def test_output_folder_mirrors_input_tree(tree, tmp_path):
    out = tmp_path / "out"
    result = invoke("clean", str(tree), "--format", "markdown", "--output", f"{out}/")
    assert result.exit_code == 0, result.output
    page = (out / "news" / "2025" / "ferry.md").read_text(encoding="utf-8")
    assert page.startswith("# City Council Approves Plan To Reopen The Old Ferry Line\n")
    assert (out / "blog" / "soup.md").exists()
    assert not list(out.rglob("*.tmp"))


def test_output_file_gets_every_record(tree, tmp_path):
    out = tmp_path / "all.jsonl"
    result = invoke("clean", str(tree), "--format", "jsonl", "--output", str(out))
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_parallel_workers_give_the_same_records_as_one(tree):
    for i in range(10):
        (tree / f"copy{i:02}.txt").write_text(ARTICLE, encoding="utf-8")
    one = invoke("clean", str(tree), "--format", "jsonl", "--workers", "1").stdout
    two = invoke("clean", str(tree), "--format", "jsonl", "--workers", "2").stdout
    assert one == two and len(one.splitlines()) == 12


def test_explain_marks_every_block():
    result = invoke("clean", str(SAMPLES / "news-article.txt"), "--explain")
    lines = result.stdout.splitlines()
    assert any(line.startswith("AD001 ") and "ADVERTISEMENT" in line for line in lines)
    assert any(line.startswith("KEEP ") and "restore ferry service" in line for line in lines)


def test_bad_documents_fail_alone_and_the_batch_goes_on(tree):
    (tree / "empty.txt").write_bytes(b"")
    (tree / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (tree / "latin1.txt").write_bytes(
        "Caf\xe9 cr\xe8me br\xfbl\xe9e, a dessert served cold in every bistro.".encode("latin-1")
    )
    result = invoke("clean", str(tree), "--format", "jsonl", "--workers", "1")
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert result.exit_code == 1
    assert records["empty"]["status"] == "error" and "empty" in records["empty"]["error"]
    assert records["image"]["status"] == "error" and "PNG" in records["image"]["error"]
    assert records["image"]["text"] is None
    assert "Café crème brûlée" in records["latin1"]["text"]
    assert records["news/2025/ferry"]["status"] == "ok"
    assert "5 documents: 3 ok, 0 empty, 2 failed" in result.stderr


def test_missing_path_is_reported(tmp_path):
    result = invoke("clean", str(tmp_path / "nope.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    assert "no such file" in json.loads(result.stdout)["error"]


def test_select_and_ignore_by_prefix():
    page = str(SAMPLES / "news-article.txt")
    kept = invoke("clean", page, "--ignore", "AD").stdout
    assert "ADVERTISEMENT" in kept and "Story continues below advertisement" in kept
    only_ads = invoke("clean", page, "--select", "AD001").stdout
    assert "ADVERTISEMENT" not in only_ads and "Share on Facebook" in only_ads


def test_rules_lists_and_shows_one():
    listing = invoke("rules").stdout
    assert "AD001" in listing and "builtin:ads.toml" in listing and "CMT001" in listing
    one = invoke("rules", "soc001").stdout
    assert "removes: View this post on Instagram" in one
    assert invoke("rules", "ZZ999").exit_code == 2


def test_user_pack_adds_a_rule(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[pack]\nfamily = "MY"\n\n[[rules]]\ncode = "MY001"\ndescription = "Listen label."\n'
        'literal = ["listen to this article"]\nremove = ["Listen to this article"]\n'
        'keep = ["Listen to the mayor explain it."]\n'
    )
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE.replace("Share on X", "Listen to this article"))
    result = invoke("clean", str(page), "--rules", str(pack), "--format", "json")
    assert {"code": "MY001", "text": "Listen to this article"} in json.loads(result.stdout)["removed"]


def test_broken_pack_is_a_clear_error(tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text('[[rules]]\ncode = "MY001"\ndescription = "x"\nregex = ["(a)\\\\1"]\nremove=["a"]\nkeep=["b"]\n')
    result = invoke("clean", str(SAMPLES / "news-article.txt"), "--rules", str(pack))
    assert result.exit_code == 2
    assert "bad.toml:2: rule MY001: bad regex" in result.output


def test_pyproject_config_is_read(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.extractor]\nignore = ["AD"]\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("clean", str(SAMPLES / "news-article.txt"))
    assert "ADVERTISEMENT" in result.stdout
