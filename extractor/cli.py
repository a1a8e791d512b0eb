"""The `extractor` command line: a thin layer over the library."""

from __future__ import annotations

import os
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .batch import Summary, find_sources, run, safe_output_path, write_atomic
from .config import load_config
from .errors import ExtractorError
from .output import EXTENSIONS, explain, render
from .pipeline import Options, Result
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


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output", "-o", help="Output file, or a folder (existing or ending in /) to mirror the input tree."
        ),
    ] = None,
    explain_: Annotated[
        bool, typer.Option("--explain", help="Show every block, kept or removed with the rule code.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-j", help="Worker processes (0: all cores when there are many files).")
    ] = 0,
    url: Annotated[Optional[str], typer.Option("--url", help="The page's URL (enables site-scoped rules).")] = None,
    input_type: Annotated[
        InputType, typer.Option("--input-type", help="Treat input as text or html (default: detect).")
    ] = InputType.auto,
    favor: Annotated[Optional[Favor], typer.Option("--favor", help="Precision/recall trade-off.")] = None,
    progress: Annotated[
        Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")
    ] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    site_rules: SiteOpt = True,
    plugins: PluginsOpt = True,
) -> None:
    """Clean pages: print or write the article body and metadata.

    Example: extractor clean page.txt --format json --explain
    """
    try:
        options = build_options(
            select, ignore, rules, config, site_rules, plugins, favor and favor.value, input_type.value
        )
        RuleSet.load(select=options.select, ignore=options.ignore, extra_packs=options.rules, plugins=options.plugins)
    except ExtractorError as exc:
        _fail(str(exc))
    failures: list[Result] = []
    sources = list(find_sources(paths, failures))
    n_workers = workers or (os.cpu_count() or 1 if len(sources) > 8 else 1)
    to_dir = output is not None and (Path(output).is_dir() or output.endswith(("/", os.sep)))
    out_path = Path(output) if output is not None else None
    keep_documents = explain_ or fmt is Format.markdown
    summary = Summary()
    start = time.perf_counter()
    show_progress = progress if progress is not None else (sys.stderr.isatty() and len(sources) > 1)
    results = run(sources, options, n_workers, url=url, keep_documents=keep_documents)
    chunks: list[str] = []
    with _progress(show_progress, len(sources) + len(failures)) as advance:
        for result in [*failures, *results]:
            summary.add(result)
            advance()
            if result.status == "error":
                typer.echo(f"extractor: {result.id}: {result.error}", err=True)
            text = explain(result) if explain_ else render(result, fmt.value)
            if to_dir:
                if result.status != "error" or fmt in (Format.json, Format.jsonl):
                    try:
                        write_atomic(safe_output_path(out_path, result.id or "document", EXTENSIONS[fmt.value]), text)
                    except (ExtractorError, OSError) as exc:
                        typer.echo(f"extractor: {result.id}: cannot write output: {exc}", err=True)
            elif output is not None:
                chunks.append(_framed(text, result, fmt, len(sources) + len(failures)))
            else:
                sys.stdout.write(_framed(text, result, fmt, len(sources) + len(failures)))
                sys.stdout.flush()
    if output is not None and not to_dir:
        write_atomic(out_path, "".join(chunks))
    summary.seconds = time.perf_counter() - start
    if summary.documents > 1 or summary.errors:
        typer.echo(summary.line(), err=True)
    if summary.documents == 0:
        _fail("no input documents found")
    raise typer.Exit(1 if summary.errors else 0)


def _framed(text: str, result: Result, fmt: Format, total: int) -> str:
    """Separate documents in one text stream with a header line (JSON lines need none)."""
    if total <= 1 or fmt in (Format.json, Format.jsonl):
        return text
    return f"==> {result.id} <==\n{text}\n"


class _progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total = enabled, total

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("cleaning"),
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


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
