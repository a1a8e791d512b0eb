"""Corpus runs: inputs, outputs, time limits, worker crashes, ordering, kill -9 and resume."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.corpus.inputs import InputSpec
from extractor.corpus.pool import Chunk, Pool
from extractor.corpus.runner import RunConfig, run_corpus
from extractor.corpus.schema import COLUMNS, arrow_schema
from extractor.corpus.work import Item, Spec
from extractor.pipeline import Options

from .corpus_pages import slow_or_crashing_work, text_page

OPTIONS = Options(plugins=False)
ROOT = Path(__file__).resolve().parents[1]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def make_warc(path: Path, texts: list[str], html: str | None = None) -> list[str]:
    """A gzipped WARC with WET-style conversion records, optionally an HTML response, and records to skip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids = []
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
        for n, text in enumerate(texts):
            record = writer.create_warc_record(
                f"https://news.example/story/{n}",
                "conversion",
                payload=io.BytesIO(text.encode("utf-8")),
                warc_content_type="text/plain",
            )
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
            writer.write_record(record)
        request = writer.create_warc_record(
            "https://news.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/a.png", "response", payload=io.BytesIO(b"\x89PNG..."), http_headers=image
            )
        )
        if html is not None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                "https://news.example/page.html",
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
            )
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
            writer.write_record(record)
    return ids


def test_jsonl_input_gives_one_record_per_line_with_errors(tmp_path: Path) -> None:
    lines = [json.dumps({"doc": f"d{n}", "body": text_page(n), "link": f"https://x.example/{n}"}) for n in range(4)]
    lines += ["{not json", json.dumps({"doc": "no-body"}), json.dumps({"doc": "number", "body": 42}), "", "[1, 2]"]
    source = tmp_path / "pages.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    config = RunConfig(
        [str(source)], OPTIONS, InputSpec(field="body", id_field="doc", url_field="link"), "jsonl", out, workers=2
    )
    config.chunk_size = 3
    summary = run_corpus(config)
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["d0", "d1", "d2", "d3", "pages:5", "no-body", "number", "pages:9"]
    assert summary.documents == 8 and summary.ok == 4 and summary.errors == 4
    assert records[0]["metadata"]["url"] == "https://x.example/0"
    assert "Paragraph 1 of story 0" in records[0]["text"] and "Subscribe to our newsletter" not in records[0]["text"]
    assert "invalid JSON" in records[4]["error"] and "no field 'body'" in records[5]["error"]
    assert "int, not text" in records[6]["error"] and "not a JSON object" in records[7]["error"]
    assert not list(tmp_path.glob(".out.jsonl.parts"))  # merged and cleaned up


def test_warc_conversion_records_are_cleaned_and_other_records_skipped(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    html = "<html><head><title>T</title></head><body><p>" + "A sentence of the article. " * 20 + "</p></body></html>"
    ids = make_warc(warc, [text_page(n) for n in range(3)] + ["   "], html=html)
    out = tmp_path / "out.jsonl"
    run_corpus(RunConfig([str(warc)], OPTIONS, fmt="jsonl", output=out, workers=1))
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ids  # request, warcinfo and the image are not documents
    assert all(r["id"].startswith("urn:uuid:") for r in records)
    assert [r["status"] for r in records[:4]] == ["ok", "ok", "ok", "error"]  # the blank conversion record
    assert records[1]["metadata"]["url"] == "https://news.example/story/1"
    assert "Paragraph 3 of story 2" in records[2]["text"]
    assert records[4]["status"] in ("ok", "error")  # the HTML path (errors until the HTML reader exists)


def test_corrupt_warc_is_one_error_record(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    make_warc(good, [text_page(1), text_page(2)])
    data = good.read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data + b"\x00garbage" * 50)
    out = tmp_path / "out.jsonl"
    run_corpus(RunConfig([str(bad)], OPTIONS, fmt="jsonl", output=out, workers=1))
    records = read_jsonl(out)
    assert [r["status"] for r in records] == ["ok", "ok", "error"]
    assert "unreadable WARC after 2 records" in records[-1]["error"]


def test_parquet_in_parquet_dataset_out_with_removed_sidecar(tmp_path: Path) -> None:
    table = pa.table({"id": [f"p{n}" for n in range(5)], "content": [text_page(n) for n in range(4)] + [None]})
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    folder = tmp_path / "dataset"
    sidecar = tmp_path / "removed.jsonl"
    config = RunConfig(
        [str(source)], OPTIONS, InputSpec(field="content", id_field="id", input_type="text"), "parquet", folder
    )
    config.to_dir, config.sidecar, config.chunk_size, config.workers = True, sidecar, 2, 2
    run_corpus(config)
    result = pq.read_table(folder)  # the part files are a dataset
    assert result.schema == arrow_schema() and tuple(result.column_names) == COLUMNS
    rows = sorted(result.to_pylist(), key=lambda r: r["id"])
    assert [r["id"] for r in rows] == ["p0", "p1", "p2", "p3", "p4"]
    assert rows[4]["status"] == "error" and rows[0]["word_count"] > 50 and rows[0]["removed"] == []
    audit = {r["id"]: r for r in read_jsonl(sidecar)}
    assert set(audit) == {"p0", "p1", "p2", "p3", "p4"}
    assert {"code": "PRM001", "text": "Subscribe to our newsletter"} in audit["p0"]["removed"]
    assert not list(folder.glob("part-*.removed.jsonl"))


def test_folder_to_text_tree_with_status_log(tmp_path: Path) -> None:
    pages = tmp_path / "pages" / "2024"
    pages.mkdir(parents=True)
    for n in range(3):
        (pages / f"story{n}.txt").write_text(text_page(n), encoding="utf-8")
    (pages / "blank.txt").write_text("\n\n", encoding="utf-8")
    with gzip.open(pages / "zipped.txt.gz", "wt", encoding="utf-8") as f:
        f.write(text_page(7))
    out = tmp_path / "out"
    config = RunConfig([str(tmp_path / "pages")], OPTIONS, fmt="text", output=out, to_dir=True, workers=2)
    summary = run_corpus(config)
    status = {r["id"]: r for r in read_jsonl(out / "_status.jsonl")}
    assert set(status) == {"2024/blank", "2024/story0", "2024/story1", "2024/story2", "2024/zipped"}
    assert status["2024/blank"]["status"] == "error" and status["2024/blank"]["path"] is None
    assert "story 7" in (out / "2024" / "zipped.txt").read_text(encoding="utf-8")
    assert summary.ok == 4 and summary.errors == 1


def test_hanging_and_crashing_documents_become_errors_and_the_run_goes_on() -> None:
    items = [Item(f"doc{n}", data=text_page(n), kind="text") for n in range(6)]
    items[2] = Item("doc2-hang", data=text_page(2))
    items[4] = Item("doc4-crash", data=text_page(4))
    chunks = [Chunk(0, items[:3]), Chunk(1, items[3:])]
    with Pool(2, OPTIONS, Spec("jsonl"), timeout=1.0, work=slow_or_crashing_work) as pool:
        finished = sorted(pool.run(chunks), key=lambda c: c.number)
        restarts = pool.restarts
    records = [json.loads(r.payload) for chunk in finished for r in chunk.done]
    assert [r["id"] for r in records] == [item.id for item in items]
    by_id = {r["id"]: r for r in records}
    assert by_id["doc2-hang"]["status"] == "error" and "timed out after 1 s" in by_id["doc2-hang"]["error"]
    assert by_id["doc4-crash"]["status"] == "error" and "worker process died" in by_id["doc4-crash"]["error"]
    assert all(by_id[f"doc{n}"]["status"] == "ok" for n in (0, 1, 3, 5))
    assert restarts == 2


def test_ordered_output_keeps_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(12):
        (tmp_path / f"p{n:02d}.txt").write_text(text_page(n), encoding="utf-8")
    config = RunConfig([str(tmp_path)], OPTIONS, fmt="jsonl", workers=2, ordered=True, chunk_size=1)
    run_corpus(config)
    ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]
    assert ids == [f"p{n:02d}" for n in range(12)]


def test_resume_refuses_a_different_run(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"p{n}.txt").write_text(text_page(n), encoding="utf-8")
    out = tmp_path / "out"
    run_corpus(RunConfig([str(tmp_path / "in")], OPTIONS, fmt="jsonl", output=out, to_dir=True, workers=1))
    from extractor.corpus.parts import ResumeError

    with pytest.raises(ResumeError, match="chunk_size differs"):
        run_corpus(
            RunConfig([str(tmp_path / "in")], OPTIONS, fmt="jsonl", output=out, to_dir=True, resume=True, chunk_size=7)
        )


def test_kill_9_then_resume_gives_exactly_one_record_per_input(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    total = 300
    for n in range(total):
        (pages / f"{n:04d}.txt").write_text(text_page(n), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "extractor", "clean", str(pages), "-f", "jsonl", "-o", str(out)]
    command += ["--chunk-size", "5", "-j", "2", "--no-plugins", "--no-progress"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    parts = tmp_path / ".out.jsonl.parts"
    deadline = time.monotonic() + 120
    while len(list(parts.glob("part-*.jsonl"))) < 4 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not out.exists(), "the run finished before it could be killed"
    done_before = len(list(parts.glob("part-*.jsonl")))
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    ids = [r["id"] for r in read_jsonl(out)]
    assert sorted(ids) == [f"{n:04d}" for n in range(total)]  # none lost, none twice
    assert ids == sorted(ids)  # parts are merged in input order
    assert f"{done_before * 5} done by an earlier run" in resumed.stderr
