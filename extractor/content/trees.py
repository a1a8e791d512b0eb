"""A gradient-boosted tree ensemble evaluated with numpy, a level at a time over every block and tree.

Each tree is stored complete to a fixed depth: internal node `k` has children `2k + 1`
(feature value <= threshold) and `2k + 2` (greater); a leaf reached early is padded
with never-taken splits (threshold +inf) down to the last level. The raw score of a row
is the sum of its leaf values, tree by tree in order, plus the baseline (a log-odds);
its probability is the logistic of that. `raw_reference` does the same row by row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True, eq=False)
class TreeEnsemble:
    features: tuple[str, ...]
    depth: int
    feature: np.ndarray  # (trees, 2**depth - 1) feature index of each internal node
    threshold: np.ndarray  # (trees, 2**depth - 1) go right when the value is greater
    leaf: np.ndarray  # (trees, 2**depth) leaf values
    baseline: float

    @classmethod
    def from_dict(cls, data: dict, names: tuple[str, ...]) -> TreeEnsemble:
        if tuple(data["features"]) != names:
            raise ValueError(f"trees were trained for features {data['features']}, code has {names}")
        depth = int(data["depth"])
        thresholds = [[math.inf if t is None else t for t in tree] for tree in data["threshold"]]
        ensemble = cls(
            names,
            depth,
            np.array(data["feature"], dtype=np.intp).reshape(-1, 2**depth - 1),
            np.array(thresholds, dtype=np.float64).reshape(-1, 2**depth - 1),
            np.array(data["leaf"], dtype=np.float64).reshape(-1, 2**depth),
            float(data["baseline"]),
        )
        if ensemble.feature.min(initial=0) < 0 or ensemble.feature.max(initial=0) >= len(names):
            raise ValueError("tree feature index out of range")
        return ensemble

    def to_dict(self) -> dict:
        return {
            "kind": "trees",
            "features": list(self.features),
            "depth": self.depth,
            "baseline": self.baseline,
            "feature": self.feature.tolist(),
            "threshold": [[None if math.isinf(t) else t for t in tree] for tree in self.threshold.tolist()],
            "leaf": self.leaf.tolist(),
        }

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of every row of `x` (rows, features), all trees at once."""
        rows, trees = len(x), len(self.leaf)
        internal = 2**self.depth - 1
        columns = np.ascontiguousarray(x, dtype=np.float64).T.ravel()  # feature-major: column j at j * rows
        feature = self.feature.ravel() * rows
        threshold = self.threshold.ravel()
        base = np.arange(trees, dtype=np.intp)[:, None] * internal
        row = np.arange(rows, dtype=np.intp)[None, :]
        node = np.zeros((trees, rows), dtype=np.intp)
        for _ in range(self.depth):
            at = base + node
            node = 2 * node + 1 + (columns[feature[at] + row] > threshold[at])
        values = self.leaf.ravel()[base // internal * (internal + 1) + node - internal]
        # cumsum adds tree after tree, as the per-row walk does (sum may pair them, whatever the row count)
        return np.cumsum(values, axis=0)[-1] + self.baseline

    def raw_reference(self, x: list[float]) -> float:
        """Log-odds of one row, walking each tree from its root: the plain form of `raw`."""
        total = 0.0
        for tree in range(len(self.leaf)):
            node = 0
            for _ in range(self.depth):
                go_right = x[self.feature[tree, node]] > self.threshold[tree, node]
                node = 2 * node + (2 if go_right else 1)
            total += float(self.leaf[tree, node - (2**self.depth - 1)])
        return total + self.baseline

    def probabilities(self, rows: list[list[float]] | np.ndarray) -> list[float]:
        if not len(rows):
            return []
        x = np.asarray(rows, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != len(self.features):
            raise ValueError(f"expected {len(self.features)} features, got {x.shape[-1]}")
        z = np.clip(self.raw(x), -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-z))).tolist()


def from_sklearn(model, names: tuple[str, ...], depth: int, digits: int = 7) -> TreeEnsemble:
    """Convert a fitted binary `HistGradientBoostingClassifier` (no categorical features) to complete trees.

    Leaf values are rounded to `digits` significant digits (the file stays small); thresholds are kept exact.
    """
    internal = 2**depth - 1
    trees = [predictors[0].nodes for predictors in model._predictors]
    feature = np.zeros((len(trees), internal), dtype=np.intp)
    threshold = np.full((len(trees), internal), math.inf)
    leaf = np.zeros((len(trees), internal + 1))

    def fill(nodes, t: int, k: int, at: int) -> None:
        node = nodes[k]
        if at >= internal:
            if not node["is_leaf"]:
                raise ValueError(f"tree {t} is deeper than {depth}")
            leaf[t, at - internal] = float(f"{float(node['value']):.{digits}g}")
            return
        if node["is_leaf"]:
            fill(nodes, t, k, 2 * at + 1)
            fill(nodes, t, k, 2 * at + 2)
            return
        feature[t, at] = int(node["feature_idx"])
        threshold[t, at] = float(node["num_threshold"])
        fill(nodes, t, int(node["left"]), 2 * at + 1)
        fill(nodes, t, int(node["right"]), 2 * at + 2)

    for t, nodes in enumerate(trees):
        fill(nodes, t, 0, 0)
    baseline = float(np.ravel(model._baseline_prediction)[0])
    return TreeEnsemble(names, depth, feature, threshold, leaf, baseline)
