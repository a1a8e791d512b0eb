"""Metadata accuracy on wcxb dev: html_metadata against trafilatura.extract_metadata, same pages.

Usage: python benchmarks/meta_bench.py [--traf] [--site-authors] [--out DIR]
Writes DIR/meta-ours.jsonl (and meta-trafilatura.jsonl) and scores them with
../shared/bench/meta_score.py. Needs ../shared/bench beside the checkout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import lxml.html

from extractor.metadata.html import html_metadata
from extractor.readers.decode import decode_bytes

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--traf", action="store_true", help="also run trafilatura.extract_metadata")
    parser.add_argument("--site-authors", action="store_true", help="keep the site's name credited as author")
    parser.add_argument("--out", default="/tmp", help="folder for the prediction files")
    args = parser.parse_args()
    dataset = BENCH / "wcxb"
    gold = [json.loads(line) for line in (dataset / "gold.jsonl").read_text(encoding="utf-8").split("\n") if line]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ours_path, traf_path = out / "meta-ours.jsonl", out / "meta-trafilatura.jsonl"
    spent = 0.0
    with open(ours_path, "w", encoding="utf-8") as ours, open(traf_path, "w", encoding="utf-8") as traf:
        for record in gold:
            text, _ = decode_bytes(gzip.decompress((dataset / "html" / f"{record['id']}.html.gz").read_bytes()))
            tree = lxml.html.document_fromstring(text)
            start = time.perf_counter()
            md = html_metadata(tree, url=record["url"], site_authors=args.site_authors)
            spent += time.perf_counter() - start
            ours.write(json.dumps({"id": record["id"], "metadata": md.to_dict()}) + "\n")
            if args.traf:
                import trafilatura

                found = trafilatura.extract_metadata(text, default_url=record["url"])
                fields = {k: getattr(found, k, None) if found else None for k in ("title", "author", "date")}
                traf.write(json.dumps({"id": record["id"], "metadata": fields}) + "\n")
    print(f"html_metadata: {1000 * spent / len(gold):.2f} ms/page", file=sys.stderr)
    score = [sys.executable, str(BENCH / "meta_score.py"), str(dataset)]
    subprocess.run([*score, str(ours_path)], check=True)
    if args.traf:
        subprocess.run([*score, str(traf_path)], check=True)


if __name__ == "__main__":
    main()
