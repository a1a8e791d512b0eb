"""Train the content scorer's weights from the benchmark pages beside the checkout.

    pip install -e ".[train]"
    python -m extractor.content.train --bench ../shared/bench --out extractor/content/weights.json

builds the shipped file (defaults: wcxb, scrapinghub and the trafilatura set, all three
renderers, half 0, tree stages; about fifteen minutes on two cores, then the held-out half
is scored).

Data recipe: every page of the training datasets and renderers is cleaned by the
pattern rules (the scorer itself off); each kept block is labelled by aligning it
with the gold body: content when most of its word 4-grams are in the gold (short
blocks: when its words appear in the gold as a run). Blocks are weighted by their
share of the page's words, so each page counts once, as in the page-averaged metric.
The trafilatura set has no full bodies but must-have and must-not-have segments: there
only the blocks holding a segment are labelled (content, or not), and they share the
page's weight; it adds many languages and hard boilerplate, and takes no part in
choosing the thresholds.
Pages are split by a stable hash of their id: the `--train-half` is fitted, the
other half (and every dataset not named in `--datasets`) is left for validation.
Stage two is fitted on out-of-fold stage-one scores (two folds by page).
Thresholds for `--favor` maximise F1 (balanced), F0.5 (precision) and F2 (recall)
of the page-averaged shingle metric on the training pages, averaged over datasets.

Each stage is a gradient-boosted tree ensemble (`--model trees`, the default, fitted with
scikit-learn's `HistGradientBoostingClassifier` and exported to complete trees, `trees.py`)
or a logistic regression (`--model logistic`). With `--train-half` 0 or 1 the script
then prints the page-averaged shingle figures of the other half, by dataset and renderer,
at the balanced threshold: the held-out check (the scorer alone, after the pattern rules).
`--cache DIR` keeps the collected pages for the next run (a pickle a dataset, renderer and half).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
from pathlib import Path

import numpy as np

from ..pipeline import Extractor
from ..scoring import TOKEN, shingles
from .features import CONTEXT_FEATURES, STAGE_ONE_FEATURES, block_features, context_features, with_neighbours
from .model import CLIP_SD
from .scorer import page_language
from .stopwords import stoplist
from .trees import TreeEnsemble, from_sklearn

#: Share of a block's 4-grams that must be in the gold for the block to count as content.
CONTENT_SHARE = 0.5
L2 = 1.0
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 19)]
#: Tree ensemble settings: trees, their depth, learning rate, leaf size and L2 penalty.
TREES = 150
DEPTH = 5
RATE = 0.08
MIN_LEAF = 40
TREE_L2 = 1.0


def half(doc_id: str) -> int:
    """0 or 1: a stable split of pages by id."""
    return hashlib.sha1(doc_id.encode()).digest()[0] & 1


def label(text: str, gold_shingles: set, gold_tokens: str) -> int:
    toks = TOKEN.findall(text)
    if len(toks) >= 4:
        grams = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
        return int(sum(g in gold_shingles for g in grams) >= CONTENT_SHARE * len(grams))
    if not toks:
        return 0
    return int(f" {' '.join(toks)} " in gold_tokens)


def segment_labels(texts: list[str], with_: list[str], without: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Labels and a 0/1 mask from a gold of segments: a block holding a must-have segment is
    content, one holding a must-not-have segment is not; blocks holding neither are unlabelled."""
    y, known = np.zeros(len(texts)), np.zeros(len(texts))
    flat = [" ".join(t.split()) for t in texts]
    for segments, value in ((without, 0.0), (with_, 1.0)):
        for segment in segments:
            want = " ".join(segment.split())
            for i, text in enumerate(flat):
                if want and want in text:
                    y[i], known[i] = value, 1.0
    return y, known


def collect(bench: Path, dataset: str, renderer: str, keep_half: int | None) -> list[dict]:
    """One record a page: block texts, first-stage features, sizes, labels, weights and gold.

    A gold with a `body` labels every block; one with `with`/`without` segments (the
    trafilatura set) labels only the blocks holding a segment, and the others weigh nothing.
    """
    extractor = Extractor(ignore=("SCR",), plugins=False, site_rules=False)
    pages = []
    for line in (bench / dataset / "gold.jsonl").open():
        gold = json.loads(line)
        segmented = "body" not in gold and "with" in gold
        if ("body" not in gold and not segmented) or (keep_half is not None and half(gold["id"]) != keep_half):
            continue
        data = gzip.decompress((bench / dataset / renderer / f"{gold['id']}.txt.gz").read_bytes())
        doc = extractor.extract(data, input_type="text").document
        blocks = doc.kept
        if not blocks:
            continue
        stops = stoplist(page_language(blocks))
        n = len(blocks)
        texts = [b.text for b in blocks]
        words = np.array([max(1, len(TOKEN.findall(t))) for t in texts], float)
        if segmented:
            y, known = segment_labels(texts, gold["with"], gold.get("without", []))
            if not known.any():
                continue
            words = words * known
        else:
            toks = TOKEN.findall(gold["body"])
            gold_shingles = set(shingles(gold["body"]))
            gold_tokens = f" {' '.join(toks)} "
            y = np.array([label(t, gold_shingles, gold_tokens) for t in texts], float)
        page = {
            "id": f"{dataset}/{renderer}/{gold['id']}",
            "texts": texts,
            "x": np.array([block_features(b, i / n, stops) for i, b in enumerate(blocks)]),
            "sizes": [float(len(t)) for t in texts],
            "y": y,
            "w": words / words.sum(),
        }
        if not segmented:
            page["gold"] = gold["body"]
        pages.append(page)
    return pages


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, iters: int = 30) -> dict:
    """Weighted, L2-regularised logistic regression by Newton's method on standardised features."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = w / w.mean()
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], L2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + reg * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": beta[1:].tolist(), "intercept": float(beta[0])}


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...]) -> dict:
    """A weighted gradient-boosted tree ensemble, exported as complete trees (`TreeEnsemble.to_dict`)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        learning_rate=RATE,
        max_iter=TREES,
        max_depth=DEPTH,
        max_leaf_nodes=2**DEPTH,
        min_samples_leaf=MIN_LEAF,
        l2_regularization=TREE_L2,
        early_stopping=False,
        random_state=0,
    )
    model.fit(x, y, sample_weight=w / w.mean())
    return from_sklearn(model, names, DEPTH).to_dict()


def fit_stage(kind: str, x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...]) -> dict:
    if kind == "trees":
        return fit_trees(x, y, w, names)
    return {"kind": "logistic", "features": list(names), **fit(x, y, w)}


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    """Probabilities as `ContentModel` computes them (logistic: features clipped to the training range)."""
    if model.get("kind") == "trees":
        return np.array(TreeEnsemble.from_dict(model, tuple(model["features"])).probabilities(x))
    mean, scale = np.array(model["mean"]), np.array(model["scale"])
    x = np.clip(x, mean - CLIP_SD * scale, mean + CLIP_SD * scale)
    z = model["intercept"] + ((x - mean) / scale) @ np.array(model["coef"])
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def context_matrix(page: dict, first: np.ndarray) -> np.ndarray:
    return np.array(context_features(first.tolist(), page["sizes"]))


def page_scores(pages: list[dict], probs: list[np.ndarray], cut: float) -> tuple[float, float]:
    """Page-averaged shingle precision and recall when blocks with p >= cut are kept."""
    ps, rs = [], []
    for page, p in zip(pages, probs, strict=True):
        text = "\n".join(t for t, q in zip(page["texts"], p, strict=True) if q >= cut)
        if "gold_shingles" not in page:
            page["gold_shingles"] = shingles(page["gold"])
        g, s = page["gold_shingles"], shingles(text)
        tp = sum((g & s).values())
        if sum(s.values()) and tp + sum((s - g).values()):
            ps.append(tp / sum(s.values()))
        if sum(g.values()):
            rs.append(tp / sum(g.values()))
    return float(np.mean(ps)), float(np.mean(rs))


def f_beta(p: float, r: float, beta: float) -> float:
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def train(pages: list[dict], kind: str = "trees", context_kind: str = "trees") -> dict:
    x = np.vstack([p["x1"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate([p["w"] for p in pages])
    fold = np.concatenate([np.full(len(p["y"]), k % 2) for k, p in enumerate(pages)])
    first = np.zeros(len(y))
    for k in (0, 1):
        model = fit_stage(kind, x[fold != k], y[fold != k], w[fold != k], STAGE_ONE_FEATURES)
        first[fold == k] = predict(model, x[fold == k])
    block = fit_stage(kind, x, y, w, STAGE_ONE_FEATURES)
    rows, at = [], 0
    for page in pages:
        rows.append(context_matrix(page, first[at : at + len(page["y"])]))
        at += len(page["y"])
    context = fit_stage(context_kind, np.vstack(rows), y, w, CONTEXT_FEATURES)
    probs = []
    for page in pages:
        probs.append(predict(context, context_matrix(page, predict(block, page["x1"]))))
    datasets = sorted({page["id"].split("/")[0] for page in pages if "gold" in page})  # thresholds: full bodies only
    curves = {}
    for name in datasets:  # each dataset counts once in the choice of thresholds
        chosen = [k for k, page in enumerate(pages) if page["id"].startswith(name + "/")]
        curves[name] = {
            cut: page_scores([pages[k] for k in chosen], [probs[k] for k in chosen], cut) for cut in THRESHOLDS
        }

    def objective(cut: float, beta: float) -> float:
        return float(np.mean([f_beta(*curves[name][cut], beta) for name in datasets]))

    thresholds = {
        name: max(THRESHOLDS, key=lambda c, b=beta: objective(c, b))
        for name, beta in (("precision", 0.5), ("balanced", 1.0), ("recall", 2.0))
    }
    for cut in THRESHOLDS:
        row = "  ".join(f"{name} P {curves[name][cut][0]:.3f} R {curves[name][cut][1]:.3f}" for name in datasets)
        print(f"  cut {cut:.2f}: {row}  mean F1 {objective(cut, 1.0):.3f}")
    return {"block": block, "context": context, "thresholds": thresholds}


def held_out(model: dict, pages: list[dict]) -> None:
    """Print page-averaged shingle P, R, F1 by dataset and renderer at the balanced threshold."""
    cut = model["thresholds"]["balanced"]
    groups: dict[str, list[dict]] = {}
    for page in pages:
        if "gold" in page:
            groups.setdefault(page["id"].rsplit("/", 1)[0], []).append(page)
    for name, group in sorted(groups.items()):
        probs = [predict(model["context"], context_matrix(p, predict(model["block"], p["x1"]))) for p in group]
        p, r = page_scores(group, probs, cut)
        print(f"  held out {name} ({len(group)} pages): P {p:.3f} R {r:.3f} F1 {f_beta(p, r, 1.0):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"))
    ap.add_argument(
        "--datasets",
        default="wcxb,scrapinghub,trafilatura",
        help="comma-separated datasets with a gold `body` or `with`/`without` segments",
    )
    ap.add_argument("--renderers", default="text-chromium,text-w3m,text-inscriptis")
    ap.add_argument("--train-half", type=int, default=0, help="0 or 1; -1 trains on every page")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("weights.json"))
    ap.add_argument("--model", choices=("trees", "logistic"), default="trees", help="first stage")
    ap.add_argument("--context-model", choices=("trees", "logistic"), default="trees", help="second stage")
    ap.add_argument("--cache", type=Path, help="folder of collected pages (one pickle a dataset, renderer and half)")
    args = ap.parse_args()
    keep = None if args.train_half < 0 else args.train_half
    pages = load_pages(args, keep)
    model = train(pages, args.model, args.context_model)
    model["trained_on"] = {"datasets": args.datasets, "renderers": args.renderers, "half": args.train_half}
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: thresholds {model['thresholds']}")
    if keep is not None:
        held_out(model, load_pages(args, 1 - keep))


def load_pages(args: argparse.Namespace, keep: int | None) -> list[dict]:
    """Collected pages of every dataset and renderer named (one half, or all when `keep` is None)."""
    pages: list[dict] = []
    tag = -1 if keep is None else keep
    for dataset in args.datasets.split(","):
        for renderer in args.renderers.split(","):
            cached = args.cache / f"{dataset}-{renderer}-{tag}.pkl" if args.cache else None
            if cached and cached.exists():
                pages += pickle.loads(cached.read_bytes())
                continue
            got = collect(args.bench, dataset, renderer, keep)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(pickle.dumps(got))
            pages += got
            print(f"{dataset}/{renderer} half {tag}: {len(got)} pages")
    for page in pages:  # the first stage also reads each block's neighbours
        page["x1"] = with_neighbours(page["x"])
    return pages


if __name__ == "__main__":
    main()
