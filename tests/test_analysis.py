"""Tests of kg.analysis as a whole: its settings, and the same bytes from every process.

The tests of each part are in tests/test_analysis_<module>.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import AnalysisSettings, load_analysis_settings, load_settings
from kg.errors import ConfigError


# --------------------------------------------------------------------------- settings
@pytest.mark.parametrize(
    "bad",
    [
        {"window": "page"},
        {"by": "week"},
        {"min_count": 0},
        {"backbone": 1.5},
        {"duplicates": -0.1},
        {"top_k": -1},
        {"max_entities": 1},
        {"seed": True},
        {"betweenness_sample": 0},
    ],
)
def test_bad_analysis_settings_are_errors(bad) -> None:
    with pytest.raises(ConfigError):
        AnalysisSettings(**bad)


def test_analysis_settings_from_a_file(tmp_path) -> None:
    path = tmp_path / "kg.toml"
    path.write_text(
        'backend = "jieba"\n[analysis]\nwindow = "paragraph"\nbackbone = 0.05\n', encoding="utf-8"
    )
    assert load_analysis_settings(path).window == "paragraph"
    assert load_analysis_settings(path, window="document").window == "document"
    assert load_settings(path).backend == "jieba"  # the [analysis] table is not a build setting
    path.write_text("[analysis]\nwindw = 'document'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="windw"):
        load_analysis_settings(path)


def test_same_bytes_across_processes(tmp_path) -> None:
    """Hash seeds differ between processes; nothing written may depend on them."""
    import os
    import subprocess
    import sys

    corpus = Path(__file__).parent / "fixtures" / "corpus"
    repo = Path(__file__).resolve().parent.parent
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(repo)}
        cmd = [
            sys.executable,
            "-m",
            "kg",
            "analyze",
            str(corpus),
            "-o",
            str(tmp_path / seed),
            "-q",
            "--by",
            "year",
        ]
        subprocess.run(cmd, check=True, env=env, cwd=tmp_path)
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*") if p.is_file())
    assert len(files) > 10
    for rel in files:
        assert (tmp_path / "1" / rel).read_bytes() == (tmp_path / "2" / rel).read_bytes(), rel
