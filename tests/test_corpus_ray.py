"""The Ray engine on a real local Ray instance with two worker processes (skipped without ray)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

import pyarrow.parquet as pq  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from extractor.cli import app  # noqa: E402
from extractor.corpus.inputs import InputSpec  # noqa: E402
from extractor.corpus.ray import run_on_ray  # noqa: E402
from extractor.pipeline import Options  # noqa: E402

from .corpus_pages import text_page  # noqa: E402
from .test_corpus import make_warc  # noqa: E402

OPTIONS = Options(plugins=False)


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def read_json_parts(folder: Path) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("*.json*")) for line in part.read_text().splitlines()]


def test_jsonl_through_ray_maps_ids_one_to_one_with_errors(local_ray, tmp_path: Path) -> None:
    lines = [json.dumps({"key": f"k{n}", "page": text_page(n)}) for n in range(40)]
    lines += ["{broken", json.dumps({"key": "k-missing"}), json.dumps({"key": "k-blank", "page": "  "})]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    counts = run_on_ray(
        [str(source)],
        out,
        fmt="parquet",
        inputs=InputSpec(field="page", id_field="key"),
        options=OPTIONS,
        provenance=True,
        rows_per_block=5,
    )
    rows = pq.read_table(out).to_pylist()
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(by_id) == 43 and counts == {"documents": 43, "ok": 40, "empty": 0, "error": 3}
    assert {f"k{n}" for n in range(40)} <= set(by_id)
    assert "Paragraph 2 of story 17" in by_id["k17"]["text"]
    assert by_id["k-missing"]["status"] == "error" and "no field 'page'" in by_id["k-missing"]["error"]
    assert by_id["k-blank"]["error"] == "empty input"
    broken = [r for r in rows if r["id"].startswith("sha1:")]
    assert len(broken) == 1 and "invalid JSON" in broken[0]["error"]
    assert len({r["worker"] for r in rows}) >= 2  # two worker processes did the work


def test_warc_through_ray_cli(local_ray, tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    ids = make_warc(warc, [text_page(n) for n in range(6)] + [""])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["clean", str(warc), "--engine", "ray", "-f", "jsonl", "-o", str(out), "--no-plugins"]
    )
    assert result.exit_code == 1, result.output  # the empty record failed
    records = read_json_parts(out)
    assert sorted(r["id"] for r in records) == sorted(ids)
    by_id = {r["id"]: r for r in records}
    assert by_id[ids[-1]]["status"] == "error"
    assert by_id[ids[3]]["metadata"]["url"] == "https://news.example/story/3"
    assert "Paragraph 4 of story 3" in by_id[ids[3]]["text"]
    assert {"code", "text"} <= set(by_id[ids[3]]["removed"][0])
