"""The extraction pipeline: read, segment, find metadata, apply rules, assemble.

`Extractor` is configured once (rules loaded and compiled) and then called per
document; it keeps no state between documents, so a result never depends on what
was processed before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .errors import ExtractorError, InputError
from .metadata import finish_metadata, text_metadata
from .model import Document, Metadata, Removal
from .readers import MAX_BLOCKS, check_blocks, detect_input_type, read_document
from .rules.base import PRIORITY_METADATA
from .rules.registry import RuleSet

__all__ = ["MAX_BLOCKS", "MAX_INPUT_BYTES", "Extractor", "Options", "Result", "extract"]

Favor = Literal["precision", "balanced", "recall"]
InputType = Literal["auto", "text", "html"]

#: Inputs larger than this are refused as one document (a per-document error).
MAX_INPUT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """How to extract. Built once, shared by every document of a run."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()  # extra pack files or directories
    plugins: bool = True  # load rules from installed `extractor.rules` entry points
    site_rules: bool = True  # apply rules scoped to a site when the url matches
    favor: Favor = "balanced"
    input_type: InputType = "auto"

    def with_(self, **changes: Any) -> Options:
        return replace(self, **changes)


@dataclass
class Result:
    """What `extract` returns for one document."""

    text: str
    metadata: Metadata
    removed: list[Removal] = field(default_factory=list)
    status: Literal["ok", "empty", "error"] = "ok"
    error: str | None = None
    id: str | None = None
    document: Document | None = field(default=None, repr=False)

    def to_dict(self, removed: bool = True) -> dict[str, Any]:
        """The JSON record: the contract for pipelines (see README, "Output record")."""
        record: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "error": self.error,
            "text": self.text if self.status != "error" else None,
            "metadata": self.metadata.to_dict(),
        }
        if removed:
            record["removed"] = [{"code": r.code, "text": r.text} for r in self.removed]
        return record

    @classmethod
    def failure(cls, message: str, id: str | None = None, url: str | None = None) -> Result:
        return cls("", Metadata(url=url), status="error", error=message, id=id)


#: Cleaned by `Extractor.warm_up`: a text page, and an HTML page short of prose that declares no
#: language (so the language model is read and trafilatura's full extraction runs).
WARM_UP_TEXT = (
    "A short page to warm up the worker.\n\n"
    "This paragraph is long enough to be kept, and it makes every part of the pipeline run once."
)
WARM_UP_HTML = (
    "<html><head><title>Warm-up page</title></head><body><nav><a href='/'>Home</a></nav>"
    "<h1>Warm-up page</h1><p>This paragraph is long enough to be kept, and it makes every part of the "
    "pipeline run once.</p></body></html>"
)


class Extractor:
    """A configured extractor; reuse one for a batch of documents."""

    def __init__(self, options: Options | None = None, **kwargs: Any) -> None:
        self.options = (options or Options()).with_(**kwargs) if kwargs else (options or Options())
        o = self.options
        self.rules = RuleSet.load(
            select=o.select, ignore=o.ignore, extra_packs=o.rules, plugins=o.plugins, site_rules=o.site_rules
        )

    def extract(
        self,
        data: str | bytes,
        *,
        url: str | None = None,
        id: str | None = None,
        input_type: InputType | None = None,
    ) -> Result:
        """Clean one page given as raw text or HTML (str or bytes).

        Raises `InputError` for input that is not a page (binary, too large, too many blocks).
        """
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"input is {len(data) / 2**20:.0f} MB, over the {MAX_INPUT_BYTES >> 20} MB limit")
        kind = input_type or self.options.input_type
        if kind == "auto":
            kind = detect_input_type(data)
        doc = read_document(data, kind, url)
        doc.favor = self.options.favor
        check_blocks(len(doc.blocks))
        if url:
            doc.metadata.url = url
        self.rules.apply(doc, stop=PRIORITY_METADATA)
        if doc.source_type == "text":
            text_metadata(doc)
        self.rules.apply(doc, start=PRIORITY_METADATA)
        text = assemble_text(doc)
        finish_metadata(doc, text)
        status = "ok" if text.strip() else "empty"
        return Result(text, doc.metadata, doc.removed, status, id=id, document=doc)

    def warm_up(self) -> None:
        """Load what the pipeline loads on first use (the language model, trafilatura's fallbacks),
        so that it is not paid by the first documents of a run, nor counted in their time."""
        self.extract_safely(WARM_UP_TEXT, input_type="text")
        self.extract_safely(WARM_UP_HTML, input_type="html")

    def extract_safely(self, data: str | bytes, **kwargs: Any) -> Result:
        """Like `extract`, but a failure becomes an error result instead of raising."""
        try:
            return self.extract(data, **kwargs)
        except ExtractorError as exc:
            return Result.failure(str(exc), kwargs.get("id"), kwargs.get("url"))
        except RecursionError:
            return Result.failure("input nested too deeply to process", kwargs.get("id"), kwargs.get("url"))
        except Exception as exc:  # a bug must not take the batch down; report it with the record
            return Result.failure(f"internal error: {type(exc).__name__}: {exc}", kwargs.get("id"), kwargs.get("url"))


def assemble_text(doc: Document) -> str:
    """Kept blocks as plain text: a blank line between paragraphs, a newline within."""
    parts: list[str] = []
    for block in doc.kept:
        if parts:
            parts.append("\n\n" if block.gap_before or doc.source_type == "html" else "\n")
        parts.append(block.text)
    return "".join(parts)


_DEFAULT: dict[Options, Extractor] = {}


def extract(
    data: str | bytes,
    *,
    url: str | None = None,
    input_type: InputType = "auto",
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> Result:
    """Clean one page with the default rules: `extract(text).text`.

    For many documents build an `Extractor` once and call its `extract`.
    """
    options = Options(select=tuple(select), ignore=tuple(ignore))
    extractor = _DEFAULT.get(options)
    if extractor is None:
        extractor = _DEFAULT[options] = Extractor(options)
    return extractor.extract(data, url=url, input_type=input_type)
