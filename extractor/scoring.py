"""The benchmark metrics, computed exactly as the reference scorers do.

- shingle metric (scrapinghub, wcxb): bags of word 4-grams (tokens are `\\w+` runs);
  per page TP/FP/FN normalised to sum 1; precision and recall averaged over pages
  that have predicted/gold shingles; F1 from the two averages.
- segment metric (trafilatura set): each `with`/`without` segment, whitespace
  normalised, is looked up as a substring of the output; counts pooled over pages.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text: str | None, n: int = SHINGLE) -> Counter:
    toks = TOKEN.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_counts(gold: str, predicted: str | None) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(gold), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def normalise_space(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    n: int
    missing: int
    per_page: dict[str, dict[str, float]]
    accuracy: float | None = None  # segment metric only: (tp + tn) / all segments

    def as_dict(self) -> dict[str, float | int]:
        out = {
            "n": self.n,
            "missing": self.missing,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }
        if self.accuracy is not None:
            out["accuracy"] = round(self.accuracy, 4)
        return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_bodies(gold: Iterable[Mapping], predictions: Mapping[str, str | None]) -> Score:
    """The shingle metric over pages with a gold `body`."""
    gold = list(gold)
    counts, per_page = [], {}
    for g in gold:
        c = shingle_counts(g["body"], predictions.get(g["id"]) or "")
        counts.append(c)
        per_page[g["id"]] = {"precision": page_precision(*c), "recall": page_recall(*c)}
    with_pred = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    with_gold = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(with_pred) if with_pred else 0.0
    r = statistics.mean(with_gold) if with_gold else 0.0
    for scores in per_page.values():
        scores["f1"] = _f1(scores["precision"], scores["recall"])
    missing = sum(1 for g in gold if predictions.get(g["id"]) is None)
    return Score(p, r, _f1(p, r), len(gold), missing, per_page)


def score_segments(gold: Iterable[Mapping], predictions: Mapping[str, str | None]) -> Score:
    """The with/without segment metric, pooled over pages."""
    gold = list(gold)
    tp = fp = fn = tn = 0
    per_page = {}
    for g in gold:
        text = normalise_space(predictions.get(g["id"]))
        t = sum(1 for w in g["with"] if normalise_space(w) in text) if text else 0
        f = sum(1 for w in g["without"] if normalise_space(w) in text) if text else 0
        tp, fp, fn, tn = tp + t, fp + f, fn + len(g["with"]) - t, tn + len(g["without"]) - f
        pp = t / (t + f) if t + f else 0.0
        pr = t / len(g["with"]) if g["with"] else 1.0
        per_page[g["id"]] = {"precision": pp, "recall": pr, "f1": _f1(pp, pr)}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    missing = sum(1 for g in gold if predictions.get(g["id"]) is None)
    total = tp + fp + fn + tn
    return Score(p, r, _f1(p, r), len(gold), missing, per_page, (tp + tn) / total if total else 0.0)


def score(gold: list[Mapping], predictions: Mapping[str, str | None]) -> Score:
    """Pick the metric the gold calls for (`body`, or `with`/`without`)."""
    return score_bodies(gold, predictions) if gold and "body" in gold[0] else score_segments(gold, predictions)


# --- metadata (title, author, date), as the reference metadata scorer computes it ---

#: The metadata fields a gold may carry.
META_FIELDS = ("title", "author", "date")
_SPACE = re.compile(r"\s+")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_BY_PREFIX = re.compile(r"^by\s+", re.I)


def fold(value: object) -> str:
    """Case and space folding: the comparison key of titles and names."""
    return _SPACE.sub(" ", str(value or "")).strip().casefold()


def author_names(value: object) -> set[str]:
    """Folded names of a list, or of a string of names separated by , ; & or 'and'."""
    if value is None:
        return set()
    items = value if isinstance(value, list) else _NAME_SEPARATORS.split(str(value))
    return {fold(_BY_PREFIX.sub("", str(x))) for x in items if fold(x)}


def _predicted_field(metadata: Mapping, name: str) -> object:
    if name == "author":
        return metadata.get("authors") if metadata.get("authors") is not None else metadata.get("author")
    return metadata.get(name)


def metadata_hit(name: str, predicted: object, gold: object) -> bool:
    """Whether one predicted field matches the gold: title folded-equal, one author name in
    common, date equal on its first 10 characters (YYYY-MM-DD)."""
    if name == "author":
        return bool(author_names(predicted) & author_names(gold))
    if name == "date":
        return bool(predicted) and str(predicted)[:10] == str(gold)[:10]
    return fold(predicted) == fold(gold)


def score_metadata(gold: Iterable[Mapping], predictions: Mapping[str, Mapping | None]) -> dict[str, dict]:
    """Accuracy per field over pages whose gold field is set: `{field: {n, accuracy, null}}`.

    `predictions` maps page id to its metadata (`title`, `author` or `authors`, `date`).
    """
    gold = list(gold)
    out: dict[str, dict] = {}
    for name in META_FIELDS:
        n = ok = null = 0
        for g in gold:
            if not g.get(name):
                continue
            n += 1
            predicted = _predicted_field(predictions.get(g["id"]) or {}, name)
            null += predicted in (None, "", [])
            ok += metadata_hit(name, predicted, g[name])
        out[name] = {"n": n, "accuracy": round(ok / n, 4) if n else None, "null": null}
    return out
