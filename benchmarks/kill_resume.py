"""Crash safety at scale: kill -9 a corpus run at random moments, resume, count the records.

    python benchmarks/kill_resume.py --docs 5000 --kills 2 --format parquet

Makes a JSONL corpus of generated raw-text pages (some deliberately broken), starts
`extractor clean ... -o OUT`, kills the whole run with SIGKILL at random moments while
parts are being written, then finishes it with `--resume`, and checks that OUT holds
exactly one record per input line: none lost, none twice.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def page(n: int) -> str:
    body = "\n\n".join(
        f"Story {n}, paragraph {k}: the council discussed proposal {n * 5 + k} at length, and the "
        "residents who came to the meeting asked many questions about costs and timing."
        for k in range(4)
    )
    return f"Home\nNews\nContact\n\nHeadline number {n}\n\n{body}\n\nShare on Facebook\nSubscribe to our newsletter\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        with open(source, "w", encoding="utf-8") as f:
            for n in range(args.docs):
                record = {"id": f"doc{n}", "page": page(n)} if n % 97 else {"id": f"doc{n}"}  # some lack the page
                f.write(json.dumps(record) + "\n")
        out = Path(tmp) / f"out.{args.format}"
        command = [sys.executable, "-m", "extractor", "clean", str(source), "--field", "page", "--id-field", "id"]
        command += ["-f", args.format, "-o", str(out), "--no-progress", "--chunk-size", "50"]
        parts = Path(tmp) / f".{out.name}.parts"
        for kill in range(args.kills):
            run = subprocess.Popen([*command, "--resume"], stderr=subprocess.DEVNULL, start_new_session=True)
            wanted = len(list(parts.glob("part-*"))) + rng.randint(3, 15) if parts.exists() else rng.randint(3, 15)
            while run.poll() is None and (not parts.exists() or len(list(parts.glob("part-*"))) < wanted):
                time.sleep(0.01)
            time.sleep(rng.random() * 0.5)
            os.killpg(run.pid, signal.SIGKILL)  # the main process, the fork server and every worker
            run.wait()
            done = len(list(parts.glob("part-*"))) if parts.exists() else 0
            print(f"kill {kill + 1}: killed with {done} parts of {args.docs // 50} committed", flush=True)
        start = time.perf_counter()
        final = subprocess.run([*command, "--resume"], capture_output=True, text=True)
        print(final.stderr.strip().splitlines()[-1], f"(resume took {time.perf_counter() - start:.1f} s)")
        if args.format == "parquet":
            import pyarrow.parquet as pq

            ids = pq.read_table(out, columns=["id", "status"]).to_pylist()
        else:
            ids = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        seen = [r["id"] for r in ids]
        expected = {f"doc{n}" for n in range(args.docs)}
        errors = sum(r["status"] == "error" for r in ids)
        print(
            f"records: {len(seen)}, distinct: {len(set(seen))}, expected: {len(expected)}, "
            f"missing: {len(expected - set(seen))}, duplicated: {len(seen) - len(set(seen))}, error records: {errors}"
        )
        sys.exit(0 if len(seen) == len(set(seen)) == len(expected) and set(seen) == expected else 1)


if __name__ == "__main__":
    main()
