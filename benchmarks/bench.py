"""Corpus throughput: documents/s, MB/s and peak memory, text and HTML paths, beside trafilatura.

    python benchmarks/bench.py                      # every case on the dev pages (../shared/bench)
    python benchmarks/bench.py --sizes 1000,20000   # memory flatness: the same case at two sizes
    python benchmarks/bench.py --cases text-1,text-all --docs 3000

Each case runs in its own process on a JSONL corpus made by repeating the dev pages
(`*/text-chromium` for text, `*/html` for HTML) or on a synthetic WARC (WET conversion
records and HTML responses). Peak memory is the largest resident size of the case's
process tree (main process, fork server and workers; sampled every 50 ms); getrusage's
maxrss is not used because a forked child inherits its parent's figure. CPU seconds are
summed over the tree, so `docs_per_cpu_s` (per core) holds on a busy machine where wall
time does not. trafilatura runs on the same HTML with a multiprocessing pool of the same size:
`trafilatura-*` is its body alone (`extract`, its defaults), `trafilatura-meta-*` its body
and metadata (`bare_extraction(with_metadata=True)`), which is what our records hold.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice, zip_longest
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
CASES = (
    "text-1",
    "text-all",
    "html-1",
    "html-all",
    "trafilatura-1",
    "trafilatura-all",
    "trafilatura-meta-1",
    "trafilatura-meta-all",
    "warc-all",
)
#: Seconds between memory samples.
SAMPLE_SECONDS = 0.05


def load_pages(kind: str) -> list[bytes]:
    """Every dev page of one kind, the datasets interleaved so that any prefix mixes them."""
    folder = "text-chromium" if kind == "text" else "html"
    datasets = []
    for dataset in sorted(p for p in BENCH.iterdir() if (p / folder).is_dir()):
        pages = []
        for path in sorted((dataset / folder).iterdir()):
            data = path.read_bytes()
            pages.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        datasets.append(pages)
    if not datasets:
        sys.exit(f"no pages under {BENCH}/*/{folder} (the dev benchmark sits beside the checkout)")
    return [page for group in zip_longest(*datasets) for page in group if page is not None]


def make_jsonl(path: Path, pages: list[bytes], n: int) -> int:
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        for i, page in enumerate(islice(cycle(pages), n)):
            size += len(page)
            text = page.decode("utf-8", errors="replace")
            f.write(json.dumps({"id": f"d{i}", "page": text}, ensure_ascii=False) + "\n")
    return size


def make_warc(path: Path, texts: list[bytes], htmls: list[bytes], n: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    size = 0
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i in range(n):
            if i % 2:
                page = htmls[i % len(htmls)]
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    f"https://example.org/{i}", "response", payload=io.BytesIO(page), http_headers=headers
                )
            else:
                page = texts[i % len(texts)]
                record = writer.create_warc_record(
                    f"https://example.org/{i}", "conversion", payload=io.BytesIO(page), warc_content_type="text/plain"
                )
            size += len(page)
            writer.write_record(record)
    return size


def run_case(case: str, source: Path, workers: int) -> dict:
    """In the child: run one case and report documents, seconds and statuses."""
    start = time.perf_counter()
    if case.startswith("trafilatura"):
        from multiprocessing import Pool

        with open(source, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
        work = _trafilatura_with_metadata if case.startswith("trafilatura-meta") else _trafilatura
        with Pool(workers) as pool:
            results = list(pool.imap_unordered(work, lines, chunksize=20))
        statuses = {"ok": sum(results), "empty": len(results) - sum(results)}
    else:
        from extractor.corpus import InputSpec, RunConfig, run_corpus
        from extractor.pipeline import Options

        kind = "text" if case.startswith("text") else "html" if case.startswith("html") else None
        with tempfile.TemporaryDirectory() as tmp:
            config = RunConfig(
                [str(source)],
                Options(plugins=False, site_rules=False),
                InputSpec(field="page", id_field="id", input_type=kind),
                "jsonl",
                Path(tmp) / "out.jsonl",
                workers=workers,
            )
            summary = run_corpus(config)
        statuses = {"ok": summary.ok, "empty": summary.empty, "error": summary.errors}
        if summary.failures:
            statuses["first_error"] = summary.failures[0][1][:80]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "statuses": statuses}


def _trafilatura(line: str) -> int:
    import trafilatura

    text = trafilatura.extract(json.loads(line)["page"])
    return 1 if text else 0


def _trafilatura_with_metadata(line: str) -> int:
    import trafilatura

    document = trafilatura.bare_extraction(json.loads(line)["page"], with_metadata=True)
    return 1 if document is not None and document.text else 0


def sample_tree(root: int, cpu: dict[int, float]) -> int:
    """Resident kB of `root` and every descendant; records each one's CPU seconds in `cpu`."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * page_kb
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        if pid in times:
            cpu[pid] = max(cpu.get(pid, 0.0), times[pid])
        stack.extend(children.get(pid, []))
    return total


def measure(case: str, source: Path, workers: int, docs: int, size: int) -> dict:
    command = [sys.executable, __file__, "--child", case, "--source", str(source), "--workers", str(workers)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    while child.poll() is None:
        peak = max(peak, sample_tree(child.pid, cpu))
        time.sleep(SAMPLE_SECONDS)
    cpu_seconds = sum(cpu.values())
    report = json.loads(child.stdout.read().strip().splitlines()[-1])
    seconds = report["seconds"]
    return {
        "case": case,
        "workers": workers,
        "docs": docs,
        "docs_per_s": round(docs / seconds, 1),
        "docs_per_s_per_worker": round(docs / seconds / workers, 1),
        "mb_per_s": round(size / seconds / 2**20, 2),
        "peak_tree_rss_mb": round(peak / 1024, 1),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "docs_per_cpu_s": round(docs / cpu_seconds, 1) if cpu_seconds else None,
        "statuses": report["statuses"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--docs", type=int, default=2000, help="documents a case (the same pages for every case)")
    parser.add_argument("--sizes", help="run one case at these sizes (memory flatness), e.g. 1000,20000")
    parser.add_argument("--sizes-case", default="text-all", help="the case --sizes runs (text-all or html-all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child, args.source, args.workers)))
        return
    all_workers = os.cpu_count() or 1
    texts, htmls = load_pages("text"), load_pages("html")
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        if args.sizes:
            pages = texts if args.sizes_case.startswith("text") else htmls
            for n in (int(s) for s in args.sizes.split(",")):
                source = Path(tmp) / f"{args.sizes_case}-{n}.jsonl"
                size = make_jsonl(source, pages, n)
                results.append(measure(args.sizes_case, source, all_workers, n, size))
                print(json.dumps(results[-1]), flush=True)
            return
        for case in args.cases.split(","):
            workers = 1 if case.endswith("-1") else all_workers
            n = args.docs
            if case.startswith("warc"):
                source = Path(tmp) / "corpus.warc.gz"
                size = make_warc(source, texts, htmls, n)
            else:
                source = Path(tmp) / f"{case}.jsonl"
                size = make_jsonl(source, texts if case.startswith("text") else htmls, n)
            results.append(measure(case, source, workers, n, size))
            print(json.dumps(results[-1]), flush=True)


if __name__ == "__main__":
    main()
