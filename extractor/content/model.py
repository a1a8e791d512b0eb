"""The content scorer's model: two stacked stages read from `weights.json`.

Stage one scores each block on its own features; stage two rescores it from its own
score, its neighbours' scores and where it sits relative to the densest run of
prose. Each stage is a gradient-boosted tree ensemble (`trees.py`) or a logistic
regression (`Logistic`), as the file says (`kind`). Inference is a few numpy operations
a page; the file is rebuilt with `python -m extractor.content.train` (see that module).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .features import CONTEXT_FEATURES, STAGE_ONE_FEATURES
from .trees import TreeEnsemble

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
#: Features are clipped to this many standard deviations around their training mean.
CLIP_SD = 4.0


@dataclass(frozen=True, slots=True)
class Logistic:
    """A standardised logistic regression: p = sigmoid(b + sum(w * (x - mean) / scale))."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    low: tuple[float, ...]  # features are clipped to the training range (mean +- CLIP_SD sd):
    high: tuple[float, ...]  # a value never seen in training must not swing the score
    terms: tuple[tuple[float, float, float], ...] = ()  # (coef, low, high) per feature, for `probability`

    def __post_init__(self) -> None:
        if not self.terms:
            object.__setattr__(self, "terms", tuple(zip(self.coef, self.low, self.high, strict=True)))

    @classmethod
    def from_dict(cls, data: dict, names: tuple[str, ...]) -> Logistic:
        if tuple(data["features"]) != names:
            raise ValueError(f"weights were trained for features {data['features']}, code has {names}")
        # Fold the standardisation into the weights once.
        coef = [w / s for w, s in zip(data["coef"], data["scale"], strict=True)]
        intercept = data["intercept"] - sum(c * m for c, m in zip(coef, data["mean"], strict=True))
        low = tuple(m - CLIP_SD * s for m, s in zip(data["mean"], data["scale"], strict=True))
        high = tuple(m + CLIP_SD * s for m, s in zip(data["mean"], data["scale"], strict=True))
        return cls(names, tuple(coef), intercept, low, high)

    def probability(self, row: list[float]) -> float:
        return self.probabilities([row])[0]

    def probabilities(self, rows: list[list[float]] | np.ndarray) -> list[float]:
        """The probability of each row, computed a feature at a time over all rows.

        Each element sees the same float operations in the same order as a per-row loop
        (clip, multiply, add), so results do not depend on how many rows come together.
        """
        if not len(rows):
            return []
        x = np.array(rows, dtype=np.float64)
        if x.shape[1] != len(self.terms):
            raise ValueError(f"expected {len(self.terms)} features, got {x.shape[1]}")
        z = np.full(len(rows), self.intercept, dtype=np.float64)
        for j, (c, lo, hi) in enumerate(self.terms):
            z += c * np.clip(x[:, j], lo, hi)
        return [_sigmoid(v) for v in z.tolist()]


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z)) if z < 30 else 1.0


Stage = Logistic | TreeEnsemble


@dataclass(frozen=True, slots=True)
class ContentModel:
    block: Stage
    context: Stage
    thresholds: dict[str, float]  # by `favor`: precision, balanced, recall


def load_stage(data: dict, names: tuple[str, ...]) -> Stage:
    """One stage from its record in the weights file (`kind`: trees or logistic, the default)."""
    if data.get("kind", "logistic") == "trees":
        return TreeEnsemble.from_dict(data, names)
    return Logistic.from_dict(data, names)


@cache
def load_model(path: Path = WEIGHTS_FILE) -> ContentModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return ContentModel(
        load_stage(data["block"], STAGE_ONE_FEATURES),
        load_stage(data["context"], CONTEXT_FEATURES),
        dict(data["thresholds"]),
    )
