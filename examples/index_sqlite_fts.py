"""Clean a crawl (a folder of pages, WARC/WET files, JSONL or Parquet) and index it in SQLite FTS5.

    python examples/index_sqlite_fts.py crawl/ --db pages.db
    python examples/index_sqlite_fts.py CC-MAIN-xxxx.warc.wet.gz --db pages.db
    python examples/index_sqlite_fts.py --db pages.db --search '"exact phrase"'

The extractor writes one JSON record a document (a resumable corpus run); the
records with `status == "ok"` are loaded into an FTS5 table with the title and the
clean body, so a search hits article text and not the menus, share buttons and
newsletter prompts that were around it.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from pathlib import Path

from extractor.corpus import RunConfig, run_corpus
from extractor.pipeline import Options

SCHEMA = "CREATE VIRTUAL TABLE IF NOT EXISTS pages USING fts5(id UNINDEXED, url UNINDEXED, title, body)"
#: Rows inserted per transaction.
BATCH = 1000


def clean_and_index(paths: list[str], db: Path, workers: int = 0, options: Options | None = None) -> int:
    """Clean `paths` and add the documents with a body to the FTS5 table in `db`; return how many."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records.jsonl"
        run_corpus(RunConfig(paths, options or Options(), fmt="jsonl", output=records, workers=workers))
        return load(records, db)


def load(records: Path, db: Path) -> int:
    """Insert the ok records of a JSONL file into the FTS5 table."""
    added = 0
    with sqlite3.connect(db) as conn:
        conn.execute(SCHEMA)
        rows = []
        with open(records, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["status"] != "ok":
                    continue
                meta = record["metadata"]
                rows.append((record["id"], meta.get("url"), meta.get("title") or "", record["text"]))
                if len(rows) >= BATCH:
                    added += _insert(conn, rows)
        added += _insert(conn, rows)
    return added


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    conn.executemany("INSERT INTO pages (id, url, title, body) VALUES (?, ?, ?, ?)", rows)
    count = len(rows)
    rows.clear()
    return count


def search(db: Path, query: str, limit: int = 10) -> list[tuple[str, str]]:
    """Ids and titles of the best matches of an FTS5 query (quote a phrase: '"a phrase"')."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, title FROM pages WHERE pages MATCH ? ORDER BY rank LIMIT ?", (query, limit)
        ).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="pages, folders, WARC/WET, JSONL or Parquet files")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--search", help="an FTS5 query to run after indexing")
    parser.add_argument("-j", "--workers", type=int, default=0)
    args = parser.parse_args()
    if args.paths:
        print(f"indexed {clean_and_index(args.paths, args.db, args.workers)} documents into {args.db}")
    if args.search:
        for doc_id, title in search(args.db, args.search):
            print(f"{doc_id}\t{title}")


if __name__ == "__main__":
    main()
