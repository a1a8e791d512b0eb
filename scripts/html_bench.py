"""Score the HTML path against ../shared/bench (dev), side by side with trafilatura.

usage: python scripts/html_bench.py [DATASET ...] [--limit N] [--no-traf] [--per-doc FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from extractor import Extractor
from extractor.scoring import score

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("datasets", nargs="*", default=["scrapinghub", "trafilatura", "wcxb"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-traf", action="store_true")
    ap.add_argument("--select", default="ALL", help="comma-separated rule code prefixes to run")
    ap.add_argument("--ignore", default="", help="comma-separated rule code prefixes to switch off")
    ap.add_argument("--dump", help="write per-page predictions and scores to this jsonl")
    args = ap.parse_args()
    ignore = tuple(c for c in args.ignore.split(",") if c)
    ex = Extractor(plugins=False, site_rules=False, ignore=ignore, select=tuple(args.select.split(",")))
    dump = open(args.dump, "w") if args.dump else None  # noqa: SIM115
    for name in args.datasets:
        folder = BENCH / name
        gold = [json.loads(line) for line in (folder / "gold.jsonl").open()]
        if args.limit:
            gold = gold[: args.limit]
        pages = {g["id"]: gzip.decompress((folder / "html" / f"{g['id']}.html.gz").read_bytes()) for g in gold}
        ours, t0 = {}, time.perf_counter()
        for g in gold:
            ours[g["id"]] = ex.extract_safely(pages[g["id"]], url=g["url"], input_type="html").text
        ours_s = time.perf_counter() - t0
        s = score(gold, ours)
        line = {"dataset": name, "ours": s.as_dict(), "ours_docs_per_s": round(len(gold) / ours_s, 1)}
        if not args.no_traf:
            import trafilatura

            theirs, t0 = {}, time.perf_counter()
            for g in gold:
                try:
                    theirs[g["id"]] = trafilatura.extract(pages[g["id"]], url=g["url"], include_comments=False)
                except Exception:
                    theirs[g["id"]] = None
            traf_s = time.perf_counter() - t0
            st = score(gold, theirs)
            line.update(trafilatura=st.as_dict(), trafilatura_docs_per_s=round(len(gold) / traf_s, 1))
        if dump:
            for g in gold:
                rec = {"dataset": name, "id": g["id"], "url": g["url"], **s.per_page[g["id"]]}
                if not args.no_traf:
                    rec["traf_f1"] = st.per_page[g["id"]]["f1"]
                dump.write(json.dumps(rec) + "\n")
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
