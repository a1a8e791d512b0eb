"""The content scorer on small raw-text pages: article kept, boilerplate around it removed."""

from __future__ import annotations

import numpy as np
import pytest

from extractor import Extractor
from extractor.content.features import densest_region, with_neighbours
from extractor.content.model import WEIGHTS_FILE, load_model
from extractor.content.page import page_context, page_features
from extractor.content.scorer import score_blocks
from extractor.content.stopwords import stoplist
from extractor.content.trees import TreeEnsemble, from_sklearn

NAV = "Home\nNews\nSport\nWeather\nPodcasts\nContact us\n"
ARTICLE = [
    "The old river bridge reopened on Monday after two years of repairs to its steel frame, and the "
    "first buses crossed it shortly after dawn while a small crowd watched from the bank.",
    "Engineers said the new deck would last at least fifty years if it was inspected every spring, and "
    "that the cost had stayed within the budget the council set when the work began in 2022.",
    "Residents who had driven a long detour through the industrial estate said they were glad to have "
    "their short route back, although some of them complained about the price of the new toll.",
    "The mayor thanked the workers and the neighbours for their patience, and said that the city would "
    "now turn to the two smaller bridges upstream, which are due to close for repairs next year.",
]
FOOTER = "Terms of use\nPrivacy policy\nAdvertise with us\n\u00a9 2024 Example Media Group. All rights reserved.\n"
TEASERS = [
    "Council to vote on new cycle lanes at next month's meeting",
    "Five things to know before the marathon closes the city centre",
    "Why the river flooded twice in one winter",
]


def _page(*paragraphs: str) -> str:
    return NAV + "\nBridge reopens after two years of repairs\n\n" + "\n\n".join(paragraphs) + "\n\n" + FOOTER


@pytest.fixture(scope="module")
def extractors() -> dict[str, Extractor]:
    return {f: Extractor(plugins=False, favor=f) for f in ("precision", "balanced", "recall")}


def test_article_between_nav_and_footer(extractors):
    result = extractors["balanced"].extract(_page(*ARTICLE), input_type="text")
    for paragraph in ARTICLE:
        assert paragraph in result.text
    for boilerplate in ("Terms of use", "Privacy policy", "Advertise with us", "All rights reserved", "Podcasts"):
        assert boilerplate not in result.text
    scored_out = {r.text for r in result.removed if r.code == "SCR001"}
    assert {"Terms of use", "Privacy policy"} <= scored_out


def test_cjk_article_counts_characters(extractors):
    paragraphs = [
        "市政府周一宣布，经过两年的维修，老河桥重新开放。第一批公共汽车在黎明后不久就从桥上驶过，许多市民在河岸上观看。",
        "工程师们说，如果每年春天都进行检查，新的桥面至少可以使用五十年。他们还表示，整个工程的费用没有超出市议会的预算。",
        "住在附近的居民说，他们很高兴终于不用再绕远路了，但也有一些人对新设立的过桥费表示不满，希望政府能够重新考虑。",
    ]
    page = (
        "首页\n新闻\n体育\n天气\n联系我们\n\n老河桥维修两年后重新开放\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n图集：老河桥的百年变迁\n隐私政策\n使用条款\n版权所有 © 2024 示例新闻网\n"
    )
    result = extractors["balanced"].extract(page, input_type="text")
    assert "老河桥维修两年后重新开放" in result.text  # a CJK headline is not a menu item
    for paragraph in paragraphs:
        assert paragraph in result.text
    for boilerplate in ("首页", "隐私政策", "使用条款", "版权所有"):
        assert boilerplate not in result.text


def _wrap(text: str, width: int = 119) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def test_w3m_wrapped_page_is_rejoined_and_cleaned(extractors):
    nav = "".join(f"  \u2022 {item}\n" for item in ("Home", "News", "Sport", "Weather", "Contact us"))
    page = nav + "\n" + "\n\n".join(_wrap(p) for p in ARTICLE) + "\n\n[logo]\nTerms of use\nPrivacy policy\n"
    assert "\n" in _wrap(ARTICLE[0])  # the paragraphs really are hard-wrapped
    result = extractors["balanced"].extract(page, input_type="text")
    for paragraph in ARTICLE:
        assert paragraph in result.text
    assert "Weather" not in result.text
    assert "[logo]" not in result.text


def test_favor_is_monotonic(extractors):
    asides = ("Updated 9 May 2024, 10:14", "Tags: bridges, transport, council")
    page = _page(*ARTICLE[:2], *asides, *ARTICLE[2:]) + "\nMore from Example News\n" + "\n".join(TEASERS) + "\n"
    kept = {}
    for favor, extractor in extractors.items():
        doc = extractor.extract(page, input_type="text").document
        kept[favor] = {b.index for b in doc.kept}
    assert kept["precision"] <= kept["balanced"] <= kept["recall"]
    assert kept["precision"] < kept["recall"]  # the lines between paragraphs: kept only when recall is favoured
    assert all(any(p in b.text for b in doc.blocks if b.index in kept["precision"]) for p in ARTICLE)


def test_densest_region_prefers_the_long_run():
    probs = [0.9, 0.1, 0.1, 0.1, 0.8, 0.9, 0.4, 0.9, 0.1]
    sizes = [50, 20, 20, 20, 400, 500, 30, 450, 40]
    assert densest_region(probs, sizes) == (4, 7)


def _blocks(page: str):
    return Extractor(plugins=False, ignore=("SCR",)).extract(page, input_type="text").document.kept


def test_prose_scored_above_menu_and_footer():
    page = _page(*ARTICLE) + "\nMore from Example News\n" + "\n".join(TEASERS) + "\n"
    blocks = _blocks(page)
    scores = dict(zip((b.text for b in blocks), score_blocks(blocks, "en"), strict=True))
    prose = [scores[p] for p in ARTICLE]
    boilerplate = [scores[t] for t in ("Terms of use", "Privacy policy", "Advertise with us") if t in scores]
    assert boilerplate and min(prose) > max(boilerplate)
    assert min(prose) > 0.8 > 0.3 > max(boilerplate)


def test_shipped_model_is_small_trees():
    model = load_model()
    assert WEIGHTS_FILE.stat().st_size < 1_000_000
    for stage in (model.block, model.context):
        assert isinstance(stage, TreeEnsemble)
        assert stage.leaf.shape == (len(stage.feature), 2**stage.depth)
    assert model.thresholds["precision"] >= model.thresholds["balanced"] >= model.thresholds["recall"]


def test_tree_inference_equals_the_per_row_walk():
    model = load_model()
    blocks = _blocks(_page(*ARTICLE) + "\n".join(TEASERS))
    x = with_neighbours(page_features(blocks, stoplist("en")))
    rng = np.random.default_rng(7)
    x = np.vstack([x, x + rng.normal(scale=0.5, size=x.shape)])  # also values between the training ones
    assert model.block.raw(x).tolist() == [model.block.raw_reference(row) for row in x.tolist()]
    first = model.block.probabilities(x[: len(blocks)])
    context = page_context(first, [float(len(b.text)) for b in blocks])
    assert model.context.raw(context).tolist() == [model.context.raw_reference(row) for row in context.tolist()]
    assert model.block.raw(x[:1]).tolist() == model.block.raw(x)[:1].tolist()  # rows do not interact


def test_tree_export_matches_scikit_learn():
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 4))
    x[:, 3] = rng.integers(0, 3, size=2000)
    y = (x[:, 0] + x[:, 1] * (x[:, 3] == 1) + rng.normal(scale=0.5, size=2000) > 0).astype(float)
    fitted = ensemble.HistGradientBoostingClassifier(max_iter=30, max_depth=4, early_stopping=False).fit(x, y)
    trees = from_sklearn(fitted, ("a", "b", "c", "d"), depth=4, digits=17)
    trees = TreeEnsemble.from_dict(trees.to_dict(), ("a", "b", "c", "d"))  # through the file format
    assert np.allclose(trees.raw(x), fitted.decision_function(x), rtol=0, atol=1e-12)
    with pytest.raises(ValueError):
        TreeEnsemble.from_dict(trees.to_dict(), ("a", "b", "c"))


def test_neighbour_features_are_the_adjacent_rows():
    x = np.arange(5 * 23, dtype=float).reshape(5, 23)
    out = with_neighbours(x)
    assert out.shape == (5, 23 + 14)
    assert out[:, :23].tolist() == x.tolist()
    assert out[0, 23:30].tolist() == [0.0] * 7 and out[4, 30:].tolist() == [0.0] * 7  # nothing beyond the edges
    assert out[2, 23] == x[1, 0] and out[2, 30] == x[3, 0]  # prev_log_words, next_log_words
    assert with_neighbours(x[:1]).tolist() == [[*x[0].tolist(), *[0.0] * 14]]


def test_a_gold_of_segments_labels_only_the_blocks_holding_them():
    from extractor.content.train import segment_labels

    texts = [
        "Home",
        "The old river  bridge reopened on Monday after two years of repairs.",
        "Share this article:",
        "Engineers said the new deck would last fifty years.",
        "Terms of use",
    ]
    y, known = segment_labels(texts, ["river bridge reopened on Monday"], ["Share this article", "Terms of use"])
    assert known.tolist() == [0, 1, 1, 0, 1]
    assert y[known == 1].tolist() == [1, 0, 0]
