"""Tests of kg.analysis.counting: units, pairs, weights and mentions of the toy corpus by hand."""

from __future__ import annotations

import math

import pytest
from analysis_toy import (
    NAMES,
    A,
    B,
    C,
    D,
    edge,
    node,
    toy,
    toy_doc,
    toy_extraction,
)

from kg.analysis import (
    analyze,
    log_likelihood,
    pmi,
)
from kg.config import AnalysisSettings


def test_toy_corpus_counts_and_measures() -> None:
    _ex, an = toy()
    w = an.whole
    assert w.units == 8 and w.documents == 2
    ab, bc, ac, ad = edge(w, A, B), edge(w, B, C), edge(w, A, C), edge(w, A, D)
    assert (ab["count"], ab["weight"], ab["documents"]) == (2, 1.5, 1)
    assert (bc["count"], bc["weight"], bc["documents"]) == (2, 1.5, 2)
    assert (ac["count"], ac["weight"]) == (1, 0.5)
    assert (ad["count"], ad["weight"]) == (1, 1.0)
    assert len(w.edges["a"]) == 4
    assert ab["pmi"] == pytest.approx(pmi(2, 5, 3, 8), abs=1e-6)
    assert ab["npmi"] == pytest.approx(math.log2(16 / 15) / 2, abs=1e-6)
    assert ab["jaccard"] == pytest.approx(1 / 3, abs=1e-6)
    assert ab["dice"] == pytest.approx(0.5)
    assert ab["g2"] == pytest.approx(log_likelihood(2, 5, 3, 8), abs=1e-6)
    assert {row["id"]: row["units"] for row in w.nodes} == {A: 5, B: 3, C: 2, D: 2}
    assert {row["id"]: row["mentions"] for row in w.nodes} == {A: 5, B: 3, C: 2, D: 2}


@pytest.mark.parametrize(
    ("window", "units", "ab", "ab_weight", "unit_counts"),
    [
        ("sentence", 8, 2, 1.5, {A: 5, B: 3, C: 2, D: 2}),
        # paragraphs: d1p0 {A,B}, d1p1 {A,B,C}, d2p0 {A,B,C}, d2p1 {A,D}: AB weighs 1 + 1/2 + 1/2
        ("paragraph", 4, 3, 2.0, {A: 4, B: 3, C: 2, D: 1}),
        # documents: d1 {A,B,C}, d2 {A,B,C,D}: AB weighs 1/2 + 1/3
        ("document", 2, 2, round(1 / 2 + 1 / 3, 6), {A: 2, B: 2, C: 2, D: 1}),
    ],
)
def test_windows(window, units, ab, ab_weight, unit_counts) -> None:
    _ex, an = toy(window=window)
    assert an.whole.units == units
    assert edge(an.whole, A, B)["count"] == ab
    assert edge(an.whole, A, B)["weight"] == pytest.approx(ab_weight)
    assert {row["id"]: row["units"] for row in an.whole.nodes} == unit_counts
    assert edge(an.whole, A, B)["pmi"] == pytest.approx(
        pmi(ab, unit_counts[A], unit_counts[B], units), abs=1e-6
    )


def test_an_attendee_list_is_down_weighted_or_dropped() -> None:
    crowd = [f"官员{i:02d}" for i in range(12)]
    names = dict(NAMES)
    NAMES.update({c: c for c in crowd})
    try:
        dx = toy_doc("list", "2024-03-01", [[crowd, ["官员00", "官员01"]]])
    finally:
        NAMES.clear()
        NAMES.update(names)
    ex = toy_extraction([dx])
    w = analyze(ex, AnalysisSettings(duplicates=0)).whole
    first, second, third = (f"person/官员{i:02d}" for i in range(3))
    # 官员00-官员01 share the list (1/11) and a sentence of two (1); 官员01-官员02 only the list
    assert edge(w, first, second)["weight"] == pytest.approx(1 + 1 / 11, abs=1e-6)
    assert edge(w, second, third)["weight"] == pytest.approx(1 / 11, abs=1e-6)
    assert edge(w, second, third)["count"] == 1
    # each person's pair weights in the list add up to one sentence's worth
    in_list = [edge(w, first, f"person/{c}")["weight"] for c in crowd[1:]]
    assert sum(in_list) - 1 == pytest.approx(1.0, abs=1e-5)
    capped = analyze(ex, AnalysisSettings(duplicates=0, max_entities=10)).whole
    assert len(capped.edges["a"]) == 1 and edge(capped, first, second)["count"] == 1
    assert node(capped, third)["units"] == 1  # the list still counts as a unit naming them
