"""Rule packs and plugins are untrusted: malformed packs are rejected precisely, none can run code or hang."""

from __future__ import annotations

import importlib
import re
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import RulePackError
from extractor.rules.packs import load_pack
from extractor.rules.registry import RuleSet, plugin_rules

from .conftest import run_bounded

GOOD_RULE = """
[[rules]]
code = "MY001"
description = "The 'Listen to this article' label."
literal = ["listen to this article"]
remove = ["Listen to this article"]
keep = ["Listen to this article's author explain it."]
"""


def _pack(tmp_path: Path, body: str, name: str = "my.toml") -> Path:
    path = tmp_path / name
    path.write_text('[pack]\nfamily = "MY"\ndescription = "Mine."\n' + textwrap.dedent(body), encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("rule", "code", "message"),
    [
        ('description = "No code."\nliteral = ["x"]\nremove = ["x"]\nkeep = ["y"]', "?", "`code` must be"),
        ('code = "MY002"\nliteral = ["x"]\nremove = ["x"]\nkeep = ["y"]', "MY002", "`description` is required"),
        (
            'code = "MY002"\ndescription = "d"\nregex = ["(unclosed"]\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "bad regex",
        ),
        (
            'code = "MY002"\ndescription = "d"\nliteral = ["x"]\ncolour = "red"\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "unknown key(s) for a line rule: colour",
        ),
        (
            'code = "MY002"\ndescription = "d"\nliteral = ["x"]\nmax_words = "ten"\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "`max_words` must be int",
        ),
        (
            'code = "MY002"\ndescription = "d"\nliteral = ["x"]\npriority = true\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "`priority` must be int",
        ),
        (
            'code = "MY002"\ndescription = "d"\nliteral = 5\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "`literal` must be a string or a list",
        ),
        (
            'code = "MY002"\ndescription = 7\nliteral = ["x"]\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "`description` is required",
        ),
        (
            'code = "MY002"\ndescription = "d"\ntype = "span"\nstart = "x"\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "`start` must be a table",
        ),
        (
            'code = "MY002"\ndescription = "d"\ntype = "tail"\nliteral = ["x"]\nmin_position = "late"\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "`min_position` must be int or float",
        ),
        (
            'code = "MY002"\ndescription = "d"\ntype = "python"\nliteral = ["x"]\nremove = ["x"]\nkeep = ["y"]',
            "MY002",
            "unknown type 'python'",
        ),
        ('code = "MY002"\ndescription = "d"\nliteral = ["x"]\nremove = ["x"]', "MY002", "needs at least one positive"),
        (
            'code = "MY001"\ndescription = "d"\nliteral = ["x"]\nremove = ["x"]\nkeep = ["y"]',
            "MY001",
            "duplicate code in this pack",
        ),
    ],
)
def test_malformed_rule_is_rejected_with_file_line_and_code(tmp_path, rule, code, message):
    path = _pack(tmp_path, GOOD_RULE + "\n[[rules]]\n" + rule + "\n")
    lines = path.read_text().splitlines()
    marker = "[[rules]]" if code == "?" else f'code = "{code}"'
    line = max(i for i, text in enumerate(lines, 1) if text == marker)  # the second rule's
    error = _error(path)
    assert error.startswith(f"{path}:{line}: rule {code}: "), error
    assert message in error


def test_invalid_toml_names_the_file_and_line(tmp_path):
    path = _pack(tmp_path, GOOD_RULE + '\n[[rules]]\ncode = "MY002\n')
    error = _error(path)
    assert error.startswith(f"{path}: not valid TOML") and "line 13" in error


def test_pack_that_is_not_utf8_is_rejected(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'[pack]\nfamily = "MY"\ndescription = "caf\xe9"\n')
    assert "cannot read rule pack" in _error(path)


def test_duplicate_codes_across_packs_name_both_places(tmp_path):
    first = _pack(tmp_path, GOOD_RULE, "first.toml")
    second = _pack(tmp_path, "\n" + GOOD_RULE, "second.toml")
    with pytest.raises(RulePackError) as info:
        RuleSet.load(extra_packs=(first, second), plugins=False)
    assert str(info.value) == f"rule code MY001 is defined twice: {first}:6 and {second}:7"


def test_a_code_clashing_with_a_builtin_rule_is_rejected(tmp_path):
    path = tmp_path / "ads.toml"
    path.write_text(GOOD_RULE.replace("MY001", "AD001"), encoding="utf-8")
    with pytest.raises(RulePackError, match=r"AD001 is defined twice: builtin:ads.toml:\d+ and .*ads.toml:3"):
        RuleSet.load(extra_packs=(path,), plugins=False)


@pytest.mark.parametrize(
    "body",
    [
        '[tool]\nhook = "os:system"\n' + GOOD_RULE,  # no other tables
        GOOD_RULE + "python = \"import os; os.system('touch pwned')\"\n",  # no code keys
        GOOD_RULE.replace('literal = ["listen to this article"]', 'type = "python"\ncallable = "os:system"'),
    ],
)
def test_a_pack_cannot_reference_python(tmp_path, body):
    path = _pack(tmp_path, body)
    error = _error(path)
    assert re.search(r"unknown (top-level key|key|type)", error), error
    assert not (tmp_path / "pwned").exists()


def test_pack_header_is_checked(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[pack]\nfamily = "MY"\nloader = "mymodule:load"\n' + GOOD_RULE)
    assert "unknown [pack] key 'loader'" in _error(path)


def test_only_toml_files_are_read_as_packs(tmp_path):
    (tmp_path / "evil.py").write_text("raise SystemExit('a pack folder must never run Python')\n")
    _pack(tmp_path, GOOD_RULE)
    codes = {r.code for r in RuleSet.load(extra_packs=(tmp_path,), plugins=False)}
    assert "MY001" in codes


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", "no backreferences or lookarounds"),
        (r"(?P<w>\w+) (?P=w)", "no backreferences or lookarounds"),
        (r"(?=sponsored)\w+", "no backreferences or lookarounds"),
        (r"(?!news)\w+", "no backreferences or lookarounds"),
        (r"(?<=by )\w+", "no backreferences or lookarounds"),
        (r"(?<!not )sponsored", "no backreferences or lookarounds"),
        (r"(?:\pL|\pN){1000}", "MB of compiled pattern"),
        (r"((a{100}){100}){100}", "repetition counts up to 1000"),
    ],
)
def test_regex_features_re2_cannot_run_in_linear_time_are_rejected(tmp_path, pattern, reason):
    path = _pack(tmp_path, GOOD_RULE.replace('literal = ["listen to this article"]', f"regex = ['{pattern}']"))
    error = _error(path)
    assert error.startswith(f"{path}:6: rule MY001: bad regex ") and reason in error, error
    assert "b'" not in error  # the reason is text, not a bytes repr


def test_redos_patterns_run_in_linear_time_on_long_lines(tmp_path):
    """Patterns that make a backtracking engine hang finish promptly under RE2."""
    patterns = [r"(a+)+$", r"(a|aa)+$", r"(.*a){20}", r"^(\w+\s?)*$", r"(x+x+)+y"]
    packs = []
    for i, pattern in enumerate(patterns):
        rule = GOOD_RULE.replace("MY001", f"MY00{i + 1}").replace(
            'literal = ["listen to this article"]', f"regex = ['{pattern}']"
        )
        rule = rule.replace('remove = ["Listen to this article"]', "remove = ['aaaa']").replace(
            'keep = ["Listen to this article\'s author explain it."]', "keep = ['Bbbb']"
        )
        packs.append(str(_pack(tmp_path, rule, f"p{i}.toml")))
    out = run_bounded(
        f"""
        from pathlib import Path
        from extractor.readers.text import read_text
        from extractor.rules.registry import RuleSet
        rules = RuleSet.load(select=("MY",), extra_packs=[Path(p) for p in {packs!r}], plugins=False)
        lines = {{"a-then-b": "a" * 100_000 + "b", "words": "word " * 20_000 + "!", "x-then-z": "x" * 100_000 + "z"}}
        for name, line in lines.items():
            for rule in rules:
                print(rule.code, name, flush=True)
                doc = read_text(line + "\\n")
                rule.apply(doc)
                print(rule.code, name, "removed" if doc.blocks[0].removed_by else "kept")
        """
    )
    assert "MY001 a-then-b kept" in out  # `(a+)+$` needs the a's at the end of the line
    assert "MY003 a-then-b removed" in out  # `(.*a){20}` finds twenty a's
    assert out.count(" kept") + out.count(" removed") == 15


FAKE_PLUGIN = """
from extractor import Rule
from extractor.rules.base import Example


class ListenLabel(Rule):
    code = "PLG001"
    description = "A plugin rule: the 'Listen' label."
    examples = [Example("Listen", removed=["Listen"]), Example("Listen to me.", kept=["Listen to me."])]

    def apply(self, doc):
        for block in doc.kept:
            if block.text == "Listen":
                doc.remove(block, self.code)


def rules():
    return [ListenLabel]
"""


@pytest.fixture
def fake_plugin(tmp_path, monkeypatch):
    """An installed distribution with an `extractor.rules` entry point, found by importlib.metadata."""
    site = tmp_path / "site"
    (site / "fake_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "fake_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fake-plugin\nVersion: 1.0\n"
    )
    (site / "fake_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[extractor.rules]\nlisten = fake_plugin_rules:rules\n"
    )
    (site / "fake_plugin_rules.py").write_text(FAKE_PLUGIN)
    (site / "not_a_plugin.py").write_text("raise SystemExit('modules without an entry point are never imported')\n")
    monkeypatch.syspath_prepend(str(site))
    sys.modules.pop("fake_plugin_rules", None)
    yield site
    sys.modules.pop("fake_plugin_rules", None)


def test_plugins_load_from_installed_entry_points_with_their_origin(fake_plugin):
    rules = plugin_rules()
    assert [(r.code, r.origin) for r in rules] == [("PLG001", "plugin:fake-plugin:listen")]
    ruleset = RuleSet.load()
    assert ruleset.get("PLG001") is not None
    assert RuleSet.load(plugins=False).get("PLG001") is None


def test_rules_command_shows_each_rules_origin(fake_plugin, tmp_path):
    pack = _pack(tmp_path, GOOD_RULE)
    result = CliRunner().invoke(app, ["rules", "--rules", str(pack)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert lines["PLG001"].endswith("(plugin:fake-plugin:listen)")
    assert lines["MY001"].endswith(f"({pack}:6)")
    assert re.search(r"\(builtin:ads\.toml:\d+\)$", lines["AD001"])
    assert lines["CMT001"].endswith("(builtin:python/comments.py)")
    assert "origin: plugin:fake-plugin:listen" in CliRunner().invoke(app, ["rules", "PLG001"]).output


def test_a_broken_plugin_is_reported_not_skipped(fake_plugin):
    (fake_plugin / "fake_plugin_rules.py").write_text("raise ImportError('missing dependency foo')\n")
    importlib.invalidate_caches()
    with pytest.raises(
        RulePackError, match=r"plugin 'listen' \(fake_plugin_rules:rules\) failed to load: missing dependency foo"
    ):
        plugin_rules()
