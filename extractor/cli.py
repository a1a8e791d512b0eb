"""The `extractor` command line: a thin layer over the library."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .config import load_config
from .corpus.inputs import InputSpec
from .corpus.runner import CHUNK_SIZE, DEFAULT_TIMEOUT, RunConfig, run_corpus
from .corpus.work import Encoded
from .errors import ExtractorError
from .pipeline import Options
from .rules.registry import RuleSet

app = typer.Typer(
    help="Extract the main content and metadata from web pages and raw page text.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"
    parquet = "parquet"


class Favor(StrEnum):
    precision = "precision"
    balanced = "balanced"
    recall = "recall"


class InputType(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


SelectOpt = Annotated[
    Optional[list[str]], typer.Option("--select", help="Rule code prefixes to run (repeatable; default: all).")
]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Rule code prefixes to skip (repeatable).")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule pack file or folder (repeatable).")]
ConfigOpt = Annotated[
    Optional[Path], typer.Option("--config", help="TOML config file (default: [tool.extractor] in pyproject.toml).")
]
SiteOpt = Annotated[bool, typer.Option("--site-rules/--no-site-rules", help="Apply rules scoped to a site.")]
PluginsOpt = Annotated[bool, typer.Option("--plugins/--no-plugins", help="Load rules from installed plugins.")]


def build_options(
    select: list[str] | None,
    ignore: list[str] | None,
    rules: list[Path] | None,
    config: Path | None,
    site_rules: bool = True,
    plugins: bool = True,
    favor: str | None = None,
    input_type: str = "auto",
) -> Options:
    """Options from the config file, overridden by what the command line says."""
    settings = load_config(config)
    extend = settings.pop("extend_select", [])
    chosen = tuple(select or settings.get("select") or ("ALL",)) + tuple(extend)
    return Options(
        select=chosen,
        ignore=tuple(ignore or settings.get("ignore") or ()),
        rules=tuple(Path(p) for p in (*settings.get("rules", ()), *(rules or ()))),
        plugins=plugins and settings.get("plugins", True),
        site_rules=site_rules and settings.get("site_rules", True),
        favor=favor or settings.get("favor", "balanced"),
        input_type=input_type,
    )


def _fail(message: str) -> None:
    typer.echo(f"extractor: {message}", err=True)
    raise typer.Exit(2)


class InputFormat(StrEnum):
    auto = "auto"
    files = "files"
    warc = "warc"
    jsonl = "jsonl"
    parquet = "parquet"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
def clean(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (searched recursively), WARC/JSONL/Parquet files, or - for stdin."),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output_: Annotated[
        Optional[str],
        typer.Option(
            "--output",
            "-o",
            help="Output file (out.jsonl, out.parquet), or a folder (existing or ending in /): "
            "a tree of files for text/markdown/json, part files for jsonl/parquet.",
        ),
    ] = None,
    explain_: Annotated[
        bool, typer.Option("--explain", help="Show every block, kept or removed with the rule code.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0: all cores).")] = 0,
    url: Annotated[Optional[str], typer.Option("--url", help="The page's URL (enables site-scoped rules).")] = None,
    input_type: Annotated[
        InputType, typer.Option("--input-type", help="Treat pages as text or html (default: detect).")
    ] = InputType.auto,
    input_format: Annotated[
        InputFormat, typer.Option("--input-format", help="How to read the inputs (default: by file name).")
    ] = InputFormat.auto,
    field_: Annotated[str, typer.Option("--field", help="JSONL/Parquet: the field holding the page.")] = "text",
    id_field: Annotated[
        Optional[str], typer.Option("--id-field", help="JSONL/Parquet: the field holding the record id.")
    ] = None,
    url_field: Annotated[
        Optional[str], typer.Option("--url-field", help="JSONL/Parquet: the field holding the page URL.")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a document may take before it is stopped (0: no limit).")
    ] = DEFAULT_TIMEOUT,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into the same --output.")
    ] = False,
    ordered: Annotated[bool, typer.Option("--ordered", help="Print records in input order.")] = False,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Records a worker task and a part file hold.")
    ] = CHUNK_SIZE,
    removed_sidecar: Annotated[
        Optional[Path], typer.Option("--removed-sidecar", help="Write removed blocks to this JSONL file.")
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="Run here, or on Ray (pip install '.[ray]').")] = (
        Engine.local
    ),
    address: Annotated[
        Optional[str], typer.Option("--address", help="Ray cluster address (default: start a local Ray).")
    ] = None,
    favor: Annotated[Optional[Favor], typer.Option("--favor", help="Precision/recall trade-off.")] = None,
    progress: Annotated[
        Optional[bool], typer.Option("--progress/--no-progress", help="Progress line (default: on a terminal).")
    ] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    site_rules: SiteOpt = True,
    plugins: PluginsOpt = True,
) -> None:
    """Clean pages: print or write the article body and metadata.

    Example: extractor clean page.txt --format json --explain;
    extractor clean crawl.warc.gz -f parquet -o out.parquet --resume
    """
    try:
        options = build_options(
            select, ignore, rules, config, site_rules, plugins, favor and favor.value, input_type.value
        )
        RuleSet.load(select=options.select, ignore=options.ignore, extra_packs=options.rules, plugins=options.plugins)
    except ExtractorError as exc:
        _fail(str(exc))
    to_dir = output_ is not None and (os.path.isdir(output_) or output_.endswith(("/", os.sep)))
    output = Path(output_) if output_ is not None else None
    inputs = InputSpec(
        input_format.value,
        field_,
        id_field,
        url_field,
        None if input_type is InputType.auto else input_type.value,
    )
    if engine is Engine.ray:
        _clean_on_ray(paths, options, inputs, fmt, output, address, removed_sidecar)
        return
    run = RunConfig(
        paths=paths,
        options=options,
        inputs=inputs,
        fmt="explain" if explain_ else fmt.value,
        output=output,
        to_dir=to_dir,
        workers=workers,
        timeout=timeout,
        resume=resume,
        ordered=ordered,
        chunk_size=chunk_size,
        sidecar=removed_sidecar,
        progress=progress if progress is not None else sys.stderr.isatty(),
        url=url,
    )

    def report(record: Encoded) -> None:
        typer.echo(f"extractor: {record.id}: {record.error}", err=True)

    try:
        summary = run_corpus(run, on_error=report)
    except ExtractorError as exc:
        _fail(str(exc))
    if summary.documents + summary.resumed > 1 or summary.errors:
        typer.echo(summary.line(), err=True)
    if summary.documents + summary.resumed == 0:
        _fail("no input documents found")
    raise typer.Exit(1 if summary.errors else 0)


class _progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int, label: str = "cleaning") -> None:
        self.enabled, self.total, self.label = enabled, total, label

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("clean", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()


def _clean_on_ray(
    paths: list[str],
    options: Options,
    inputs: InputSpec,
    fmt: Format,
    output: Path | None,
    address: str | None,
    sidecar: Path | None,
) -> None:
    """`clean --engine ray`: read, clean and write with Ray Data; output is a folder of parts."""
    if fmt not in (Format.jsonl, Format.parquet) or output is None:
        _fail("--engine ray writes --format jsonl or parquet to an --output folder")
    if sidecar is not None:
        _fail("--removed-sidecar is not supported with --engine ray (the records keep `removed`)")
    try:
        from .corpus.ray import run_on_ray
    except ImportError as exc:
        _fail(f"--engine ray needs Ray: pip install 'extractor[ray]' ({exc})")
    counts = run_on_ray(paths, output, fmt=fmt.value, inputs=inputs, options=options, address=address)
    typer.echo(
        f"{counts['documents']} documents: {counts['ok']} ok, {counts['empty']} empty, {counts['error']} failed",
        err=True,
    )
    raise typer.Exit(1 if counts["error"] else 0)


@app.command("rules")
def list_rules(
    code: Annotated[Optional[str], typer.Argument(help="Show one rule with its examples.")] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    plugins: PluginsOpt = True,
) -> None:
    """List rules (code, family, description, origin), or show one rule.

    Example: extractor rules AD001
    """
    try:
        options = build_options(select, ignore, rules, config, plugins=plugins)
        ruleset = RuleSet.load(
            select=options.select, ignore=options.ignore, extra_packs=options.rules, plugins=options.plugins
        )
    except ExtractorError as exc:
        _fail(str(exc))
    if code is None:
        for rule in ruleset:
            scope = f" [site: {rule.site}]" if rule.site else ""
            typer.echo(f"{rule.code:<8} {rule.family:<5} {rule.description}{scope}  ({rule.origin})")
        return
    rule = ruleset.get(code.upper())
    if rule is None:
        _fail(f"no rule {code!r} (see `extractor rules`)")
    typer.echo(
        f"{rule.code}  {rule.name}\nfamily: {rule.family}\norigin: {rule.origin}\nkind: {getattr(rule, 'kind', '') or 'python'}"
    )
    if rule.site:
        typer.echo(f"site: {rule.site}")
    typer.echo(f"\n{rule.description}\n")
    for example in rule.examples:
        typer.echo("example:" if "\n" in example.page.strip() else f"example: {example.page!r}")
        if "\n" in example.page.strip():
            typer.echo("".join(f"    {line}\n" for line in example.page.strip().split("\n")), nl=False)
        for line in example.removed:
            typer.echo(f"  removes: {line}")
        for line in example.kept:
            typer.echo(f"  keeps:   {line}")


class EvalInput(StrEnum):
    html = "html"
    text_chromium = "text-chromium"
    text_w3m = "text-w3m"
    text_inscriptis = "text-inscriptis"


class Compare(StrEnum):
    trafilatura = "trafilatura"
    trafilatura_comments = "trafilatura-comments"
    keep_all = "keep-all"
    c4 = "c4"
    c4_lines = "c4-lines"


@app.command("eval")
def eval_(
    dataset: Annotated[
        Path, typer.Argument(help="Dataset folder: gold.jsonl, html/<id>.html.gz, text-<renderer>/<id>.txt.gz.")
    ],
    input_name: Annotated[EvalInput, typer.Option("--input", help="Which rendering of the pages to read.")] = (
        EvalInput.html
    ),
    compare: Annotated[
        Optional[list[Compare]],
        typer.Option(
            "--compare",
            help="Also score a reference system (repeatable): trafilatura (include_comments=False; on text "
            "inputs it gets the text as HTML, one <p> a line), trafilatura-comments (its default, with "
            "comments), keep-all (the input whole; for html all visible text), c4 (C4 line filter with its "
            "page-level rejections), c4-lines (C4 line filter only). See extractor/baselines.py.",
        ),
    ] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N pages of the gold.")] = None,
    per_page: Annotated[
        Optional[str],
        typer.Option(
            "--per-page",
            help="Write per-page predictions and scores as JSONL (a file, others beside it; or a folder/).",
        ),
    ] = None,
    worst: Annotated[int, typer.Option("--worst", help="List the N pages with the lowest F1.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object with every figure.")] = False,
    favor: Annotated[Optional[Favor], typer.Option("--favor", help="Precision/recall trade-off.")] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    site_rules: Annotated[
        bool, typer.Option("--site-rules/--no-site-rules", help="Apply site-scoped rules (off for benchmark figures).")
    ] = False,
    plugins: Annotated[bool, typer.Option("--plugins/--no-plugins", help="Load rules from installed plugins.")] = False,
    progress: Annotated[
        Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-j", help="Worker processes (docs/s stays per core: summed page times).")
    ] = 1,
) -> None:
    """Score the extractor on a benchmark dataset: precision, recall, F1, metadata, speed.

    Example: extractor eval bench/wcxb --input text-chromium --compare keep-all --compare c4
    """
    from .evaluate import evaluate, format_report, load_pages, write_per_page

    try:
        options = build_options(select, ignore, rules, config, site_rules, plugins, favor and favor.value)
        total = len(load_pages(dataset, input_name.value, limit)) if (dataset / "gold.jsonl").is_file() else 0
        show = progress if progress is not None else sys.stderr.isatty()
        with _progress(show, total, "evaluating") as advance:
            report = evaluate(
                dataset,
                input_name.value,
                [c.value for c in compare or ()],
                options,
                limit,
                progress=advance,
                workers=workers,
            )
    except (ExtractorError, OSError, ValueError) as exc:
        _fail(str(exc))
    if per_page is not None:
        for name, path in write_per_page(report, per_page).items():
            typer.echo(f"extractor: {name} per-page predictions in {path}", err=True)
    if as_json:
        typer.echo(json.dumps(report.to_dict(worst), ensure_ascii=False))
    else:
        typer.echo(format_report(report, worst))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
