"""Shared fixtures: paths to samples and to ../shared (absent in a user's fresh clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def extractor_default():
    from extractor import Extractor

    return Extractor(plugins=False)


def need_shared(path: Path) -> Path:
    """Skip the test when the workplace data beside the checkout is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (it exists only beside a developer checkout)")
    return path
