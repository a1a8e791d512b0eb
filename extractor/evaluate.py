"""Evaluate the extractor (and reference systems) on a benchmark dataset folder.

A dataset folder holds `gold.jsonl` (`{id, url, body}` or `{id, url, with, without}`,
optionally `page_type`, `title`, `author`, `date`), `html/<id>.html.gz` and
`text-<renderer>/<id>.txt.gz`. Every page is read once with the project's reader
(gzip, size limits) and given to each system; each system's extraction time is
measured on its own, so docs/s is extraction only, on one process.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import baselines
from .baselines import Prediction
from .batch import Source, read_source
from .errors import ExtractorError
from .pipeline import Extractor, Options
from .readers.decode import decode_bytes
from .scoring import score, score_metadata

#: The inputs a dataset folder offers, and where their files are.
INPUTS = {
    "html": ("html", ".html.gz"),
    "text-chromium": ("text-chromium", ".txt.gz"),
    "text-w3m": ("text-w3m", ".txt.gz"),
    "text-inscriptis": ("text-inscriptis", ".txt.gz"),
}
#: The reference systems `compare` accepts.
COMPARE = ("trafilatura", "trafilatura-comments", "keep-all", "c4", "c4-lines")
#: The name of our own system in reports.
EXTRACTOR = "extractor"
#: Errors listed in a report per system (all are counted).
ERRORS_SHOWN = 5
#: Pages tried for the untimed warm-up run (the first readable one is used).
WARM_UP_PAGES = 3
#: Pages sent to a worker process at a time.
WORKER_CHUNK = 8


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None  # None when the gold's url is not an http(s) address
    gold: dict[str, Any]
    path: Path


@dataclass
class SystemRun:
    """One system's predictions over the dataset, and its time."""

    name: str
    texts: dict[str, str | None] = field(default_factory=dict)
    metadata: dict[str, dict | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, page: Page, prediction: Prediction, seconds: float) -> None:
        self.texts[page.id] = prediction.text
        self.metadata[page.id] = prediction.metadata
        if prediction.error is not None:
            self.errors[page.id] = prediction.error
        self.seconds += seconds


@dataclass
class SystemReport:
    name: str
    scores: dict[str, Any]
    per_page: dict[str, dict[str, float]]
    per_type: dict[str, dict[str, Any]]
    metadata: dict[str, dict] | None
    pages: int
    failures: int
    errors: list[tuple[str, str]]
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.scores,
            "failures": self.failures,
            "errors": [{"id": i, "error": e} for i, e in self.errors],
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 1),
            "per_type": self.per_type,
            "metadata": self.metadata,
        }


@dataclass
class Report:
    dataset: str
    input: str
    metric: str
    pages: list[Page]
    runs: dict[str, SystemRun]
    systems: dict[str, SystemReport]
    wall_seconds: float
    read_seconds: float
    read_errors: int

    def worst(self, n: int, system: str = EXTRACTOR) -> list[dict[str, Any]]:
        """The `n` pages with the lowest F1 for `system`, worst first."""
        per_page = self.systems[system].per_page
        errors = self.runs[system].errors
        ranked = sorted(self.pages, key=lambda p: (per_page[p.id]["f1"], p.id))[:n]
        return [
            {"id": p.id, "url": p.gold.get("url"), **_rounded(per_page[p.id]), "error": errors.get(p.id)}
            for p in ranked
        ]

    def to_dict(self, worst: int = 10) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "input": self.input,
            "metric": self.metric,
            "pages": len(self.pages),
            "wall_seconds": round(self.wall_seconds, 3),
            "read_seconds": round(self.read_seconds, 3),
            "systems": {name: s.to_dict() for name, s in self.systems.items()},
            "worst": self.worst(worst) if worst else [],
        }


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in scores.items()}


def load_pages(dataset: Path, input_name: str, limit: int | None = None) -> list[Page]:
    """The gold records of `dataset` with the path of each page's `input_name` file."""
    folder, suffix = INPUTS[input_name]
    pages = []
    with open(dataset / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            gold = json.loads(line)
            url = gold.get("url")
            url = url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
            pages.append(Page(str(gold["id"]), url, gold, dataset / folder / f"{gold['id']}{suffix}"))
            if limit and len(pages) >= limit:
                break
    return pages


#: A system: (page bytes, page) -> Prediction. Raising is a counted failure.
System = Callable[[bytes, Page], Prediction]


def extractor_system(options: Options, input_type: str) -> System:
    extractor = Extractor(options)
    extractor.warm_up()

    def run(data: bytes, page: Page) -> Prediction:
        result = extractor.extract_safely(data, id=page.id, url=page.url, input_type=input_type)
        if result.status == "error":
            return Prediction(None, None, result.error)
        return Prediction(result.text, result.metadata.to_dict())

    return run


def _decoded(data: bytes) -> str:
    return decode_bytes(data)[0]


def baseline_system(name: str, html: bool) -> System:
    """A reference system by name (see `extractor.baselines`)."""
    if name in ("trafilatura", "trafilatura-comments"):
        comments = name == "trafilatura-comments"
        if html:
            return lambda data, page: baselines.trafilatura_extract(data, page.url, comments, with_metadata=True)
        return lambda data, page: baselines.trafilatura_extract(
            baselines.text_as_html(_decoded(data)), page.url, comments, with_metadata=False
        )
    if name == "keep-all":
        if html:
            return lambda data, page: Prediction(baselines.html_visible_text(_decoded(data)))
        return lambda data, page: Prediction(_decoded(data))
    if name in ("c4", "c4-lines"):
        if html:
            raise ExtractorError(f"--compare {name} is a raw-text baseline; use a text-* input")
        page_filters = name == "c4"
        return lambda data, page: Prediction(baselines.c4_filter(_decoded(data), page_filters))
    raise ExtractorError(f"unknown system to compare: {name!r} (choose from {', '.join(COMPARE)})")


def _run_one(system: System, data: bytes, page: Page) -> tuple[Prediction, float]:
    start = time.perf_counter()
    try:
        prediction = system(data, page)
    except Exception as exc:  # a failing page is counted with its error, never a crash
        prediction = Prediction(None, None, f"{type(exc).__name__}: {exc}")
    return prediction, time.perf_counter() - start


def build_systems(options: Options, input_name: str, compare: Sequence[str]) -> dict[str, System]:
    """The extractor and the `compare` systems, by name."""
    html = input_name == "html"
    systems: dict[str, System] = {EXTRACTOR: extractor_system(options, "html" if html else "text")}
    for name in dict.fromkeys(compare):
        systems[name] = baseline_system(name, html)
    return systems


#: What one page gives: reading time, reading error, and each system's (prediction, seconds).
PageOutcome = tuple[float, str | None, dict[str, tuple[Prediction, float]]]


def evaluate_page(page: Page, systems: dict[str, System], turn: int = 0) -> PageOutcome:
    """Read one page once and run every system on it; never raises.

    The systems take turns going first (`turn` rotates the order): the second to read a
    page finds it warm in the processor's caches, which would favour one system's time.
    """
    start = time.perf_counter()
    try:
        data = read_source(Source(page.id, page.path))
    except Exception as exc:  # a page that cannot be read is a counted failure
        failed = Prediction(None, None, f"cannot read {page.path.name}: {exc}")
        return time.perf_counter() - start, failed.error, {name: (failed, 0.0) for name in systems}
    read = time.perf_counter() - start
    names = list(systems)
    shift = turn % len(names)
    order = names[shift:] + names[:shift]
    ran = {name: _run_one(systems[name], data, page) for name in order}
    return read, None, {name: ran[name] for name in names}


def warm_up(systems: dict[str, System], pages: list[Page]) -> None:
    """Run every system once on the first readable page, untimed: imports, compiled rules
    and lazily loaded models are paid before the clock starts, for every system alike."""
    for page in pages[:WARM_UP_PAGES]:
        try:
            data = read_source(Source(page.id, page.path))
        except Exception:
            continue
        for system in systems.values():
            _run_one(system, data, page)
        break
    # what is loaded now lives for the whole run: the collector need not scan it again and again
    gc.freeze()


_worker_systems: dict[str, System] = {}  # this worker process's systems


def _init_worker(options: Options, input_name: str, compare: Sequence[str], pages: list[Page]) -> None:
    _worker_systems.update(build_systems(options, input_name, compare))
    warm_up(_worker_systems, pages)


def _evaluate_in_worker(numbered: tuple[int, Page]) -> PageOutcome:
    return evaluate_page(numbered[1], _worker_systems, numbered[0])


def _outcomes(
    pages: list[Page], options: Options, input_name: str, compare: Sequence[str], workers: int
) -> Iterator[PageOutcome]:
    if workers <= 1:
        systems = build_systems(options, input_name, compare)
        warm_up(systems, pages)
        yield from (evaluate_page(page, systems, turn) for turn, page in enumerate(pages))
        return
    build_systems(options, input_name, compare)  # fail early, here, on a bad option
    initargs = (options, input_name, tuple(compare), pages[:WARM_UP_PAGES])
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=initargs) as pool:
        yield from pool.map(_evaluate_in_worker, enumerate(pages), chunksize=WORKER_CHUNK)


def evaluate(
    dataset: Path,
    input_name: str = "html",
    compare: Sequence[str] = (),
    options: Options | None = None,
    limit: int | None = None,
    progress: Callable[[], None] | None = None,
    workers: int = 1,
) -> Report:
    """Run the extractor and the `compare` systems over every page and score them.

    With `workers` > 1 pages are spread over processes; each system's time is still
    the sum of its per-page times, so docs/s stays a one-core figure.
    """
    wall = time.perf_counter()
    if input_name not in INPUTS:
        raise ExtractorError(f"unknown input {input_name!r} (choose from {', '.join(INPUTS)})")
    if not (dataset / "gold.jsonl").is_file():
        raise ExtractorError(f"{dataset}: no gold.jsonl (not a dataset folder)")
    options = options or Options(site_rules=False, plugins=False)
    names = [EXTRACTOR, *dict.fromkeys(compare)]
    pages = load_pages(dataset, input_name, limit)
    runs = {name: SystemRun(name) for name in names}
    read_seconds, read_errors = 0.0, 0
    for page, (read, error, outcome) in zip(
        pages, _outcomes(pages, options, input_name, compare, workers), strict=True
    ):
        read_seconds += read
        read_errors += error is not None
        for name, (prediction, seconds) in outcome.items():
            runs[name].add(page, prediction, seconds)
        if progress:
            progress()
    golds = [p.gold for p in pages]
    reports = {name: _score_run(run, golds) for name, run in runs.items()}
    metric = "shingle" if golds and "body" in golds[0] else "segment"
    return Report(
        dataset.resolve().name,
        input_name,
        metric,
        pages,
        runs,
        reports,
        time.perf_counter() - wall,
        read_seconds,
        read_errors,
    )


def _score_run(run: SystemRun, golds: list[dict[str, Any]]) -> SystemReport:
    result = score(golds, run.texts)
    per_type: dict[str, dict[str, Any]] = {}
    types = sorted({g["page_type"] for g in golds if g.get("page_type")})
    for page_type in types:
        subset = [g for g in golds if g.get("page_type") == page_type]
        per_type[page_type] = score(subset, run.texts).as_dict()
    has_meta = any(g.get(name) for g in golds for name in ("title", "author", "date"))
    has_predicted_meta = any(m is not None for m in run.metadata.values())
    metadata = score_metadata(golds, run.metadata) if has_meta and has_predicted_meta else None
    errors = list(run.errors.items())
    return SystemReport(
        run.name,
        result.as_dict(),
        result.per_page,
        per_type,
        metadata,
        len(golds),
        len(errors),
        errors[:ERRORS_SHOWN],
        run.seconds,
    )


# --- output -------------------------------------------------------------------------


def per_page_paths(target: str | Path, names: Iterable[str]) -> dict[str, Path]:
    """Where each system's per-page predictions go: `target` for the extractor when it is
    a file name (the others beside it as `<stem>.<system>.jsonl`), or `<system>.jsonl`
    inside `target` when it is a folder (existing, or written with a trailing slash)."""
    names, folder = list(names), str(target).endswith(("/", "\\"))
    target = Path(target)
    if folder or target.is_dir():
        return {name: target / f"{name}.jsonl" for name in names}
    stem = target.name.removesuffix(".jsonl")
    return {name: target if name == EXTRACTOR else target.with_name(f"{stem}.{name}.jsonl") for name in names}


def write_per_page(report: Report, target: str | Path) -> dict[str, Path]:
    """Write each system's predictions, one JSON line a page: `{id, url, text, metadata,
    error, precision, recall, f1}` (what the reference scorers read, plus the page scores)."""
    paths = per_page_paths(target, report.runs)
    for name, path in paths.items():
        run, scores = report.runs[name], report.systems[name].per_page
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for page in report.pages:
                record = {
                    "id": page.id,
                    "url": page.gold.get("url"),
                    "text": run.texts.get(page.id),
                    "metadata": run.metadata.get(page.id),
                    "error": run.errors.get(page.id),
                    **_rounded(scores[page.id]),
                }
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def format_report(report: Report, worst: int = 10) -> str:
    """The report as aligned plain-text tables."""
    metric = "word 4-gram shingles" if report.metric == "shingle" else "with/without segments"
    lines = [
        f"dataset {report.dataset}: {len(report.pages)} pages, input {report.input}, metric: {metric}",
        "",
        f"{'system':<22}{'precision':>10}{'recall':>8}{'F1':>8}{'failed':>8}{'docs/s':>9}{'seconds':>9}",
    ]
    for s in report.systems.values():
        sc = s.scores
        lines.append(
            f"{s.name:<22}{sc['precision']:>10.3f}{sc['recall']:>8.3f}{sc['f1']:>8.3f}"
            f"{s.failures:>8}{s.docs_per_second:>9.1f}{s.seconds:>9.2f}"
        )
    first = next(iter(report.systems.values()))
    if first.per_type:
        lines += ["", "F1 by page type:", f"{'type':<16}{'pages':>6}" + "".join(f"{n:>22}" for n in report.systems)]
        for page_type, sc in first.per_type.items():
            row = "".join(f"{s.per_type[page_type]['f1']:>22.3f}" for s in report.systems.values())
            lines.append(f"{page_type:<16}{sc['n']:>6}{row}")
    with_meta = [s for s in report.systems.values() if s.metadata]
    if with_meta:
        lines += ["", "metadata accuracy (pages with a gold value; null = no prediction):"]
        for s in with_meta:
            cells = "  ".join(
                f"{name} {m['accuracy']:.3f} (n={m['n']}, null={m['null']})"
                for name, m in s.metadata.items()
                if m["accuracy"] is not None
            )
            lines.append(f"{s.name:<22}{cells}")
    lines += [
        "",
        f"wall time {report.wall_seconds:.2f} s (reading {report.read_seconds:.2f} s; "
        "docs/s counts extraction time only, per core)",
    ]
    for s in report.systems.values():
        if s.failures:
            lines.append(f"{s.name}: {s.failures} failed, e.g.:")
            lines += [f"  {page_id}: {error}" for page_id, error in s.errors]
    if worst:
        lines += ["", f"worst {worst} pages ({EXTRACTOR}):"]
        for row in report.worst(worst):
            note = f"  [{row['error']}]" if row["error"] else ""
            lines.append(
                f"  F1 {row['f1']:.3f}  P {row['precision']:.3f}  R {row['recall']:.3f}  {row['id']}  {row['url']}{note}"
            )
    return "\n".join(lines)
