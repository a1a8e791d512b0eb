"""Render a `Result` as text, markdown, JSON, or an --explain listing."""

from __future__ import annotations

import json
from typing import Literal

from .model import Block, Document
from .pipeline import Result

Format = Literal["text", "markdown", "json", "jsonl"]
EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".json"}


def render(result: Result, fmt: Format) -> str:
    """The document in `fmt`; text formats end with a newline."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
    if result.status == "error":
        return ""
    if fmt == "markdown":
        body = to_markdown(result.document) if result.document else result.text
        title = result.metadata.title
        return (f"# {title}\n\n" if title else "") + body + ("\n" if body else "")
    return result.text + ("\n" if result.text else "")


def to_markdown(doc: Document) -> str:
    """Kept blocks as markdown: headings, lists, quotes, code and tables where known."""
    parts: list[str] = []
    previous: Block | None = None
    for block in doc.kept:
        line = _markdown_line(block)
        if previous is not None:
            tight = (
                block.kind == previous.kind in ("list_item", "table")
                and not (block.kind == "table" and block.level == 1)
            ) or (not block.gap_before and doc.source_type == "text")
            parts.append("\n" if tight else "\n\n")
        parts.append(line)
        previous = block
    return "".join(parts)


def _markdown_line(block: Block) -> str:
    text = block.text
    if block.kind == "heading":
        return "#" * min(max(block.level, 2), 6) + " " + text
    if block.kind == "list_item":
        return "  " * max(block.level - 1, 0) + "- " + text
    if block.kind == "quote":
        return "\n".join("> " + line for line in text.split("\n"))
    if block.kind == "code":
        return "```\n" + text + "\n```"
    if block.kind == "table":
        return _table_row(block)
    return text


def _table_row(block: Block) -> str:
    """A table row (cells joined by " | " by the HTML reader) as a markdown row.

    The first row of a table (`level` 1) is its header and gets the separator line.
    """
    cells = [c.replace("\n", " ").strip() for c in block.text.split(" | ")]
    row = "| " + " | ".join(cells) + " |"
    if block.level == 1:
        row += "\n|" + "|".join(" --- " for _ in cells) + "|"
    return row


def explain(result: Result) -> str:
    """Every block in page order, marked KEEP or with the code of the rule that removed it.

    Blocks the content scorer saw show its probability that they are article.
    """
    if result.document is None:
        return f"! error: {result.error}\n"
    lines = []
    trims = {r.index: r for r in result.document.trims}
    width = max([len(b.removed_by or "") for b in result.document.blocks] + [4])
    for block in result.document.blocks:
        mark = block.removed_by or "KEEP"
        score = f"{block.score:.2f}" if block.score is not None else "    "
        lines.append(f"{mark:<{width}} {score} | {block.text}")
        if block.index in trims:
            lines.append(f"{trims[block.index].code:<{width}} |   (cut: {trims[block.index].text})")
    return "\n".join(lines) + "\n"
