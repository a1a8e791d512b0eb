"""`extractor eval`: scores on tiny hand-made datasets, baselines, and agreement with the reference scorers."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.baselines import c4_filter, html_visible_text, text_as_html
from extractor.cli import app
from extractor.evaluate import evaluate, per_page_paths, write_per_page
from extractor.scoring import score_metadata

from .conftest import BENCH, need_shared

runner = CliRunner()

ARTICLE = (
    "The harbour town voted on Tuesday to rebuild its old stone pier before the winter storms arrive.\n\n"
    "Engineers said the work would take six months and cost less than the council had feared.\n"
)


def _write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def _dataset(root: Path, gold: list[dict], texts: dict[str, str], html: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    for page_id, text in texts.items():
        _write_gz(root / "text-chromium" / f"{page_id}.txt.gz", text)
    for page_id, page in (html or {}).items():
        _write_gz(root / "html" / f"{page_id}.html.gz", page)
    return root


def _eval_json(*args: str) -> dict:
    result = runner.invoke(app, ["eval", *args, "--json", "--no-progress"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def body_dataset(tmp_path: Path) -> Path:
    gold = [
        {"id": "a", "url": "https://example.org/a", "body": "one two three four five six", "page_type": "article"},
        {"id": "b", "url": "https://example.org/b", "body": "alpha beta gamma delta", "page_type": "forum"},
    ]
    return _dataset(tmp_path / "body", gold, {"a": "one two three four five", "b": "alpha beta gamma delta epsilon"})


def test_keep_all_shingle_scores_by_hand(body_dataset: Path) -> None:
    # page a: gold has 3 shingles, the text 2 of them: P 1, R 2/3.
    # page b: gold 1 shingle, the text 2 (one right): P 1/2, R 1.
    # P = 0.75, R = 5/6, F1 = 2PR/(P+R) = 0.7895.
    report = _eval_json(str(body_dataset), "--input", "text-chromium", "--compare", "keep-all")
    keep_all = report["systems"]["keep-all"]
    assert (keep_all["precision"], keep_all["recall"], keep_all["f1"]) == (0.75, 0.8333, 0.7895)
    assert keep_all["per_type"]["article"]["f1"] == 0.8
    assert keep_all["per_type"]["forum"]["f1"] == 0.6667
    assert report["metric"] == "shingle"
    assert report["pages"] == 2
    assert set(report["systems"]) == {"extractor", "keep-all"}


def test_segment_scores_by_hand(tmp_path: Path) -> None:
    gold = [
        {"id": "p1", "url": "x::1", "with": ["alpha beta", "gamma"], "without": ["menu item"]},
        {"id": "p2", "url": "x::2", "with": ["delta"], "without": ["footer"]},
    ]
    root = _dataset(tmp_path / "seg", gold, {"p1": "alpha\n  beta gamma\nmenu   item", "p2": "nothing here"})
    report = _eval_json(str(root), "--input", "text-chromium", "--compare", "keep-all")
    # pooled: tp 2 (both segments of p1), fp 1 (menu item), fn 1 (delta), tn 1 (footer):
    # P = R = F1 = 2/3, accuracy (tp + tn) / 5 = 0.6.
    keep_all = report["systems"]["keep-all"]
    assert (keep_all["precision"], keep_all["recall"], keep_all["f1"]) == (0.6667, 0.6667, 0.6667)
    assert keep_all["accuracy"] == 0.6
    assert report["metric"] == "segment"


def test_extractor_keeps_a_clean_article_whole(tmp_path: Path) -> None:
    gold = [{"id": "news", "url": "https://example.org/news", "body": ARTICLE}]
    root = _dataset(tmp_path / "clean", gold, {"news": ARTICLE})
    report = _eval_json(str(root), "--input", "text-chromium")
    assert report["systems"]["extractor"]["f1"] == 1.0
    assert report["systems"]["extractor"]["failures"] == 0


def test_failures_are_counted_not_fatal(tmp_path: Path) -> None:
    gold = [
        {"id": "good", "url": "https://example.org/good", "body": ARTICLE},
        {"id": "corrupt", "url": "https://example.org/corrupt", "body": ARTICLE},
        {"id": "absent", "url": "https://example.org/absent", "body": ARTICLE},
    ]
    root = _dataset(tmp_path / "bad", gold, {"good": ARTICLE})
    (root / "text-chromium" / "corrupt.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    report = _eval_json(str(root), "--input", "text-chromium", "--compare", "keep-all", "--worst", "3")
    for system in report["systems"].values():
        assert system["failures"] == 2
        assert system["missing"] == 2
        assert {e["id"] for e in system["errors"]} == {"corrupt", "absent"}
    assert "corrupt gzip" in next(e["error"] for e in report["systems"]["extractor"]["errors"] if e["id"] == "corrupt")
    assert [w["id"] for w in report["worst"]][:2] == ["absent", "corrupt"]
    assert report["worst"][2]["id"] == "good"


def test_html_input_every_page_has_text_or_a_counted_error(tmp_path: Path) -> None:
    page = f"<html><head><title>Pier vote</title></head><body><p>{ARTICLE}</p></body></html>"
    gold = [{"id": "h", "url": "https://example.org/h", "body": ARTICLE}]
    root = _dataset(tmp_path / "html", gold, {}, {"h": page})
    result = runner.invoke(app, ["eval", str(root), "--per-page", str(tmp_path / "pred.jsonl"), "--no-progress"])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "pred.jsonl").read_text(encoding="utf-8"))
    assert (record["text"] is None) == (record["error"] is not None)
    assert "system" in result.stdout and "extractor" in result.stdout


def test_keep_all_on_html_is_the_visible_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<p>one two three four five</p><script>var six = 7;</script></body></html>"
    )
    gold = [{"id": "h", "url": "https://example.org/h", "body": "one two three four five"}]
    root = _dataset(tmp_path / "html", gold, {}, {"h": page})
    report = _eval_json(str(root), "--compare", "keep-all")
    assert report["systems"]["keep-all"]["f1"] == 1.0


def test_per_page_file_rescored_gives_the_same_figures(body_dataset: Path, tmp_path: Path) -> None:
    report = evaluate(body_dataset, "text-chromium", ["keep-all", "c4"])
    paths = write_per_page(report, tmp_path / "out" / "preds.jsonl")
    assert paths["extractor"] == tmp_path / "out" / "preds.jsonl"
    assert paths["c4"] == tmp_path / "out" / "preds.c4.jsonl"
    rows = [json.loads(line) for line in paths["keep-all"].read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["text"], r["precision"], r["recall"]) for r in rows] == [
        ("a", "one two three four five", 1.0, 0.6667),
        ("b", "alpha beta gamma delta epsilon", 0.5, 1.0),
    ]


def test_per_page_folder_names() -> None:
    paths = per_page_paths("out/", ["extractor", "keep-all"])
    assert paths == {"extractor": Path("out/extractor.jsonl"), "keep-all": Path("out/keep-all.jsonl")}


def test_metadata_accuracy_by_hand() -> None:
    gold = [
        {"id": "1", "title": "The  Pier Vote", "author": "Ann Lee and Bo Chen", "date": "2024-05-01"},
        {"id": "2", "title": "Storms", "author": None, "date": "2023-01-09"},
        {"id": "3", "title": "Harbour", "author": "Cy Dow", "date": None},
    ]
    predictions = {
        "1": {"title": "the pier vote", "authors": ["By Bo Chen"], "author": "Bo Chen", "date": "2024-05-01T08:00"},
        "2": {"title": "Storms!", "author": "Someone", "date": "2023-01-10"},
        "3": {"title": None, "authors": [], "author": "Cy Dow", "date": "2020-01-01"},
    }
    scores = score_metadata(gold, predictions)
    # titles: 1 folds equal, 2 differs, 3 null. authors: 1 shares a name; 3 gives an empty
    # `authors` list, which wins over `author` (as in the reference scorer). dates: 1 same day.
    assert scores["title"] == {"n": 3, "accuracy": 0.3333, "null": 1}
    assert scores["author"] == {"n": 2, "accuracy": 0.5, "null": 1}
    assert scores["date"] == {"n": 2, "accuracy": 0.5, "null": 0}


def test_c4_filter_keeps_sentences_and_drops_boilerplate() -> None:
    page = "\n".join(
        [
            "Home | News | Sport",
            "The council met on Tuesday to discuss the pier.",
            "We use cookies to improve your experience.",
            "Please enable JavaScript to view the comments.",
            "Read more...",
            "Engineers expect the work to take six months. It starts soon.",
            "Residents welcomed the news [1].",
            "Ok.",
            "The mayor said it was overdue!",
        ]
    )
    kept = [
        "The council met on Tuesday to discuss the pier.",
        "Engineers expect the work to take six months. It starts soon.",
        "Residents welcomed the news .",
        "The mayor said it was overdue!",
    ]
    assert c4_filter(page).split("\n") == kept
    assert c4_filter(page + "\nSee the {code} block here.") == ""  # curly bracket: page rejected
    assert c4_filter(page + "\nSee the {code} block here.", page_filters=False).split("\n") == kept
    assert c4_filter("Only one sentence here.") == ""  # fewer than 5 sentences
    assert c4_filter("Only one sentence here.", page_filters=False) == "Only one sentence here."


def test_html_visible_text_and_text_as_html() -> None:
    page = "<html><head><title>T</title></head><body><!-- c -->x<div>Hi <b>there</b><script>s()</script></div></body>"
    assert html_visible_text(page) == "x\nHi there"
    assert text_as_html("a < b\n\n  c\n") == "<html><body>\n<p>a &lt; b</p>\n<p>c</p>\n</body></html>"


# --- agreement with the reference scorers on real benchmark pages ---------------------


def _reference(script: str, dataset: Path, predictions: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(BENCH / script), str(dataset), str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize(("name", "systems"), [("scrapinghub", ["keep-all", "c4"]), ("trafilatura", ["keep-all"])])
def test_agrees_with_reference_scorer(tmp_path: Path, name: str, systems: list[str]) -> None:
    source = need_shared(BENCH / name)
    report = evaluate(source, "text-chromium", systems, limit=25)
    subset = tmp_path / name  # a dataset folder holding only the scored pages' gold
    subset.mkdir()
    (subset / "gold.jsonl").write_text("".join(json.dumps(p.gold) + "\n" for p in report.pages), encoding="utf-8")
    paths = write_per_page(report, tmp_path / "preds/")
    for system, path in paths.items():
        reference = _reference("score.py", subset, path)
        ours = report.systems[system].scores
        for key in ("precision", "recall", "f1"):
            assert round(ours[key], 3) == round(reference[key], 3), (system, key)
        assert ours["missing"] == reference["missing"]
        assert ours.get("accuracy") == reference.get("accuracy")


def test_agrees_with_reference_metadata_scorer(tmp_path: Path) -> None:
    source = need_shared(BENCH / "wcxb")
    report = evaluate(source, "text-chromium", limit=40)
    subset = tmp_path / "wcxb"
    subset.mkdir()
    (subset / "gold.jsonl").write_text("".join(json.dumps(p.gold) + "\n" for p in report.pages), encoding="utf-8")
    path = write_per_page(report, tmp_path / "preds/")["extractor"]
    reference = _reference("meta_score.py", subset, path)
    ours = report.systems["extractor"].metadata
    for field in ("title", "author", "date"):
        assert ours[field] == reference[field], field


def test_text_baselines_refuse_html_input(body_dataset: Path) -> None:
    result = runner.invoke(app, ["eval", str(body_dataset), "--compare", "c4", "--no-progress"])
    assert result.exit_code == 2
    assert "raw-text baseline" in result.stderr


def test_not_a_dataset_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path), "--no-progress"])
    assert result.exit_code == 2
    assert "no gold.jsonl" in result.stderr


def test_workers_give_the_same_figures(body_dataset: Path) -> None:
    one = _eval_json(str(body_dataset), "--input", "text-chromium", "--compare", "keep-all")
    two = _eval_json(str(body_dataset), "--input", "text-chromium", "--compare", "keep-all", "--workers", "2")
    for name in ("extractor", "keep-all"):
        for key in ("precision", "recall", "f1", "failures"):
            assert one["systems"][name][key] == two["systems"][name][key]


def test_systems_take_turns_going_first_and_are_warmed_up_untimed(tmp_path: Path) -> None:
    from extractor.baselines import Prediction
    from extractor.evaluate import Page, evaluate_page, warm_up

    page_path = tmp_path / "a.txt.gz"
    _write_gz(page_path, ARTICLE)
    page = Page("a", None, {"id": "a", "body": ARTICLE}, page_path)
    calls: list[str] = []

    def system(name: str):
        def run(data: bytes, page: Page) -> Prediction:
            calls.append(name)
            return Prediction(data.decode())

        return run

    systems = {"extractor": system("extractor"), "trafilatura": system("trafilatura")}
    warm_up(systems, [page])
    assert calls == ["extractor", "trafilatura"]
    calls.clear()
    for turn in range(3):
        _, error, outcome = evaluate_page(page, systems, turn)
        assert error is None and list(outcome) == ["extractor", "trafilatura"]
    assert calls == ["extractor", "trafilatura", "trafilatura", "extractor", "extractor", "trafilatura"]
