"""Tests of kg.analysis.summary: the top lists and summary.json of the toy corpus."""

from __future__ import annotations

import json

from analysis_toy import A, B, C, D, toy

from kg.analysis import summary, top_lists


def test_top_lists_rank_each_type_by_the_key_then_mentions() -> None:
    _ex, an = toy()
    # mentions: A 5, B 3, C 2, D 2 (D before C: the same mentions, and person/丁 < person/丙)
    assert [r["id"] for r in top_lists(an.whole, 10, key="mentions")["Person"]] == [A, B, D, C]
    assert [r["id"] for r in top_lists(an.whole, 2, key="mentions")["Person"]] == [A, B]
    by_rank = top_lists(an.whole)["Person"]
    assert [r["pagerank"] for r in by_rank] == sorted((r["pagerank"] for r in by_rank), reverse=True)


def test_summary_counts_the_toy_corpus() -> None:
    _ex, an = toy(by="month")
    data = summary(an)
    assert data["counts"] == {
        "documents": 2,
        "documents_counted": 2,
        "documents_dated": 2,
        "duplicates": 0,
        "units": 8,
        "entities": 4,
        "pairs": 4,
        "graph_nodes": 4,
        "graph_edges": 4,
        "graph_edges_exported": 4,
        "communities": len(an.whole.communities),
        "relations": 1,
    }
    assert data["settings"]["window"] == "sentence"
    assert [(p["period"], p["documents"], p["units"]) for p in data["periods"]] == [
        ("2024-01", 1, 4),
        ("2024-02", 1, 4),
    ]
    assert data["top"]["Person"][0]["name"] in {"甲", "乙"}
    json.dumps(data)  # all of it is JSON
