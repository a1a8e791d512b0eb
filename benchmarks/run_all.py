#!/usr/bin/env python3
"""Run `extractor eval` on every benchmark dataset and input; print the figures as markdown.

Usage: python3 benchmarks/run_all.py [--bench ../shared/bench] [--output FILE.md]
                                     [--datasets scrapinghub,trafilatura,wcxb]
                                     [--inputs html,text-chromium,text-w3m,text-inscriptis]
                                     [--trafilatura-on-text]

Raw-text inputs are scored with the keep-all, C4 (with and without its page-level
rejections) baselines beside the extractor; html with trafilatura and keep-all.
Each run is one `extractor eval ... --json` process (one core), and its exact
command is printed with the tables so that every figure can be reproduced.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path

DATASETS = ("scrapinghub", "trafilatura", "wcxb")
INPUTS = ("html", "text-chromium", "text-w3m", "text-inscriptis")
TEXT_BASELINES = ("keep-all", "c4", "c4-lines")
HTML_BASELINES = ("trafilatura", "keep-all")


def command(bench: Path, dataset: str, input_name: str, trafilatura_on_text: bool) -> list[str]:
    compare = HTML_BASELINES if input_name == "html" else TEXT_BASELINES
    if input_name != "html" and trafilatura_on_text:
        compare = (*compare, "trafilatura")
    args = ["extractor", "eval", str(bench / dataset), "--input", input_name]
    for name in compare:
        args += ["--compare", name]
    return [*args, "--worst", "0", "--no-progress", "--json"]


def run(args: list[str]) -> dict:
    exe = Path(sys.executable).with_name("extractor")
    argv = [str(exe) if exe.exists() else args[0], *args[1:]]
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main_table(runs: list[tuple[list[str], dict]]) -> list[str]:
    lines = [
        "| dataset | input | system | precision | recall | F1 | failed | docs/s | run |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for number, (_, report) in enumerate(runs, 1):
        for name, s in report["systems"].items():
            shown = f"**{name}**" if name == "extractor" else name
            lines.append(
                f"| {report['dataset']} | {report['input']} | {shown} | {s['precision']:.3f} | {s['recall']:.3f} "
                f"| {s['f1']:.3f} | {s['failures']} | {s['docs_per_second']:.1f} | {number} |"
            )
    return lines


def type_tables(runs: list[tuple[list[str], dict]]) -> list[str]:
    lines: list[str] = []
    for number, (_, report) in enumerate(runs, 1):
        systems = report["systems"]
        first = next(iter(systems.values()))
        if not first["per_type"]:
            continue
        lines += [
            "",
            f"F1 by page type, {report['dataset']} {report['input']} (run {number}):",
            "",
            "| page type | pages | " + " | ".join(systems) + " |",
            "|---|---:|" + "---:|" * len(systems),
        ]
        for page_type, sc in first["per_type"].items():
            cells = " | ".join(f"{s['per_type'][page_type]['f1']:.3f}" for s in systems.values())
            lines.append(f"| {page_type} | {sc['n']} | {cells} |")
    return lines


def metadata_table(runs: list[tuple[list[str], dict]]) -> list[str]:
    rows = []
    for number, (_, report) in enumerate(runs, 1):
        for name, s in report["systems"].items():
            m = s.get("metadata")
            if not m:
                continue
            cells = " | ".join(
                f"{m[f]['accuracy']:.3f} ({m[f]['n']})" if m[f]["accuracy"] is not None else "-"
                for f in ("title", "author", "date")
            )
            rows.append(f"| {report['dataset']} | {report['input']} | {name} | {cells} | {number} |")
    if not rows:
        return []
    return [
        "",
        "Metadata accuracy (pages with a gold value in parentheses):",
        "",
        "| dataset | input | system | title | author | date | run |",
        "|---|---|---|---:|---:|---:|---:|",
        *rows,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=Path("../shared/bench"))
    parser.add_argument("--output", type=Path)
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--inputs", default=",".join(INPUTS))
    parser.add_argument("--trafilatura-on-text", action="store_true")
    opts = parser.parse_args()
    runs = []
    for dataset in opts.datasets.split(","):
        for input_name in opts.inputs.split(","):
            args = command(opts.bench, dataset, input_name, opts.trafilatura_on_text)
            start = time.perf_counter()
            print(f"running: {shlex.join(args)}", file=sys.stderr, flush=True)
            report = run(args)
            print(f"  done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            runs.append((args, report))
    lines = main_table(runs) + metadata_table(runs) + type_tables(runs)
    lines += ["", "Runs (each is one process; docs/s is extraction time only):", ""]
    lines += [f"{n}. `{shlex.join(args)}`" for n, (args, _) in enumerate(runs, 1)]
    text = "\n".join(lines) + "\n"
    if opts.output:
        opts.output.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
