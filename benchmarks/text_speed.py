"""Raw-text extraction speed in docs per CPU-second, one process, beside the C4-style filter.

    python benchmarks/text_speed.py                          # text-chromium, every dev page
    python benchmarks/text_speed.py --inputs text-chromium,text-w3m,text-inscriptis
    python benchmarks/text_speed.py --hashes out.tsv         # also a hash of each page's output
    python benchmarks/text_speed.py --profile 300            # cProfile of the first 300 pages

Pages are read (gunzipped) before timing; only extraction is timed, with
`time.process_time()` (CPU time of this process), so figures hold on a busy machine.
`--hashes` writes `input<TAB>id<TAB>sha256` of each page's full JSON record (text,
metadata, removals): two runs that write the same file gave byte-identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from extractor.baselines import c4_filter
from extractor.batch import Source, read_source
from extractor.evaluate import load_pages
from extractor.pipeline import Extractor
from extractor.readers.decode import decode_bytes

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def pages_of(input_name: str) -> list[tuple[str, str | None, bytes]]:
    """(id, url, bytes) of every dev page of one text input, over all datasets."""
    out = []
    for dataset in sorted(p for p in BENCH.iterdir() if (p / "gold.jsonl").is_file()):
        for page in load_pages(dataset, input_name):
            if page.path.is_file():
                out.append((f"{dataset.name}/{page.id}", page.url, read_source(Source(page.id, page.path))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", default="text-chromium", help="comma-separated text inputs")
    parser.add_argument("--limit", type=int, default=0, help="pages per input (0: all)")
    parser.add_argument("--hashes", type=Path, help="write a hash of each page's output here")
    parser.add_argument("--profile", type=int, default=0, help="profile this many pages and stop")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"no benchmark data at {BENCH}")
    extractor = Extractor()
    lines = []
    for input_name in args.inputs.split(","):
        pages = pages_of(input_name)
        if args.limit:
            pages = pages[: args.limit]
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for pid, url, data in pages[: args.profile]:
                extractor.extract_safely(data, id=pid, url=url, input_type="text")
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(45)
            return
        extractor.extract_safely(pages[0][2], input_type="text")  # warm caches and lazy imports
        start = time.process_time()
        results = [extractor.extract_safely(data, id=pid, url=url, input_type="text") for pid, url, data in pages]
        ours = time.process_time() - start
        texts = [decode_bytes(data)[0] for _, _, data in pages]
        start = time.process_time()
        for text in texts:
            c4_filter(text)
        c4 = time.process_time() - start
        print(
            f"{input_name}: {len(pages)} pages, extractor {len(pages) / ours:.1f} docs/CPU-s "
            f"({ours:.2f} s), c4 {len(pages) / c4:.0f} docs/CPU-s"
        )
        for (pid, _, _), result in zip(pages, results, strict=True):
            record = json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)
            lines.append(f"{input_name}\t{pid}\t{hashlib.sha256(record.encode()).hexdigest()}\n")
    if args.hashes:
        args.hashes.write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
