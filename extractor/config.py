"""Configuration from `[tool.extractor]` in pyproject.toml or a TOML config file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import ExtractorError

#: Keys a config may set, with their Options field names.
KEYS = {
    "select": "select",
    "ignore": "ignore",
    "rules": "rules",
    "favor": "favor",
    "site-rules": "site_rules",
    "site_rules": "site_rules",
    "plugins": "plugins",
    "extend-select": "extend_select",
    "extend_select": "extend_select",
}


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.extractor] table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return None
            return candidate if "extractor" in data.get("tool", {}) else None
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> dict[str, Any]:
    """Settings from `path` (a TOML file) or the nearest pyproject.toml; {} when none.

    Relative `rules` paths are resolved against the config file's folder.
    """
    if path is None:
        path = find_pyproject(start or Path.cwd())
        if path is None:
            return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ExtractorError(f"{path}: cannot read config: {exc}") from None
    table = data.get("tool", {}).get("extractor", data)
    settings: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ExtractorError(f"{path}: unknown setting {key!r} (known: {', '.join(sorted(set(KEYS.values())))})")
        settings[KEYS[key]] = value
    if "rules" in settings:
        settings["rules"] = [str(Path(path).parent / p) for p in settings["rules"]]
    return settings
