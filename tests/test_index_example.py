"""The indexing hand-off: clean pages, load SQLite FTS5, search article text but not boilerplate."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from extractor.pipeline import Options

from .corpus_pages import text_page
from .test_corpus import make_warc

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "index_sqlite_fts.py"


@pytest.fixture(scope="module")
def example():
    if "fts5" not in {row[0].lower() for row in _compile_options()}:
        pytest.skip("this SQLite has no FTS5")
    spec = importlib.util.spec_from_file_location("index_sqlite_fts", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compile_options() -> list[tuple[str]]:
    with sqlite3.connect(":memory:") as conn:
        return [
            (row[0].split("_")[1] if row[0].startswith("ENABLE_") else row[0],)
            for row in conn.execute("PRAGMA compile_options")
        ]


def test_search_finds_articles_by_body_not_by_boilerplate(example, tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for n in range(3):
        (folder / f"story{n}.txt").write_text(text_page(n), encoding="utf-8")
    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc, [text_page(5)])
    db = tmp_path / "pages.db"
    added = example.clean_and_index([str(folder), str(warc)], db, workers=1, options=Options(plugins=False))
    assert added == 4
    hits = example.search(db, '"orchard committee met on a grey morning"')  # story 1's body
    assert [doc_id for doc_id, _ in hits] == ["story1"]
    warc_hits = example.search(db, '"discuss plan number 36"')  # story 5's body, from the WARC
    assert len(warc_hits) == 1 and warc_hits[0][0].startswith("urn:uuid:")
    assert example.search(db, '"Subscribe to our newsletter"') == []  # boilerplate on every page
    assert example.search(db, '"Share on Facebook"') == []
