"""Tests of kg.analysis.write: the files of OUTDIR/analysis/, byte-identical on every run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_toy import (
    D1,
    D2,
    toy_doc,
    toy_extraction,
    written_toy,
)

from kg.analysis import (
    analyze,
    write_analysis,
)
from kg.config import AnalysisSettings


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, object]:
    return written_toy(tmp_path_factory.mktemp("analysis"))


def test_write_analysis_files(written) -> None:
    out, an = written
    root = out / "analysis"
    for name in (
        "nodes.csv",
        "edges.csv",
        "relations.csv",
        "documents.csv",
        "communities.csv",
        "graph.gexf",
        "graph.graphml",
        "graph.json",
        "summary.json",
        "report.html",
        "charts/top_entities.svg",
        "charts/timeline.svg",
        "charts/communities.svg",
        "periods/2024-01/nodes.csv",
        "periods/2024-02/graph.gexf",
    ):
        assert (root / name).is_file(), name
    summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["units"] == an.whole.units
    assert summary["settings"]["by"] == "month"
    assert [p["period"] for p in summary["periods"]] == ["2024-01", "2024-02"]


def test_output_is_byte_identical(written, tmp_path) -> None:
    out, _an = written
    evil_doc = toy_doc("evil", "2024-02-11", [[["E", "A"], ["E", "D"]]])
    again = analyze(toy_extraction([D1, D2, evil_doc]), AnalysisSettings(duplicates=0, by="month"))
    write_analysis(again, tmp_path)
    first = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert (out / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_a_run_without_periods_removes_old_ones(written, tmp_path) -> None:
    _out, an = written
    write_analysis(an, tmp_path)
    assert (tmp_path / "analysis" / "periods" / "2024-01").is_dir()
    write_analysis(analyze(toy_extraction([D1, D2]), AnalysisSettings(duplicates=0)), tmp_path)
    assert not (tmp_path / "analysis" / "periods").exists()
