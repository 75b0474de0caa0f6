"""Tests of kg.analysis.measures: every measure against a hand computation."""

from __future__ import annotations

import math

import pytest

from kg.analysis import (
    dice,
    disparity_alpha,
    jaccard,
    log_likelihood,
    npmi,
    pair_weight,
    pmi,
)


def test_measures_on_counts() -> None:
    # pair in 2 of 8 units, a in 5, b in 3
    assert pmi(2, 5, 3, 8) == pytest.approx(math.log2((2 / 8) / ((5 / 8) * (3 / 8))))  # log2(16/15)
    assert npmi(2, 5, 3, 8) == pytest.approx(math.log2(16 / 15) / -math.log2(2 / 8))
    assert jaccard(2, 5, 3) == pytest.approx(2 / (5 + 3 - 2))
    assert dice(2, 5, 3) == pytest.approx(2 * 2 / (5 + 3))
    # the 2x2 table: k11 = 2, k12 = 5-2 = 3, k21 = 3-2 = 1, k22 = 8-5-3+2 = 2;
    # expected E = row * column / n: 5*3/8, 5*5/8, 3*3/8, 3*5/8
    g2 = 2 * (
        2 * math.log(2 / 1.875) + 3 * math.log(3 / 3.125) + 1 * math.log(1 / 1.125) + 2 * math.log(2 / 1.875)
    )
    assert log_likelihood(2, 5, 3, 8) == pytest.approx(g2)


def test_measures_at_the_edges_of_their_range() -> None:
    assert npmi(4, 4, 4, 4) == 1.0  # in every unit
    assert npmi(1, 1, 1, 2) == pytest.approx(1.0)  # always together
    assert npmi(1, 4, 4, 5) == pytest.approx(
        math.log2(5 / 16) / -math.log2(1 / 5)
    )  # less than chance: negative
    assert npmi(1, 4, 4, 5) < 0
    assert log_likelihood(1, 2, 2, 4) == pytest.approx(0.0)  # exactly independent: 1 = 2*2/4
    assert jaccard(3, 3, 3) == 1.0 and dice(3, 3, 3) == 1.0


def test_disparity_alpha_and_pair_weight() -> None:
    # (1 - w/s)^(k-1): an edge of 3 at a node of strength 4 with 3 edges
    assert disparity_alpha(3, 4, 3) == pytest.approx((1 - 3 / 4) ** 2)
    assert disparity_alpha(1, 1, 1) == 1.0  # a node's only edge says nothing
    assert pair_weight(2) == 1.0
    assert pair_weight(12) == pytest.approx(1 / 11)


def test_measures_take_arrays() -> None:
    import numpy as np

    values = pmi(np.array([2, 1]), np.array([5, 5]), np.array([3, 2]), 8)
    assert values.tolist() == pytest.approx([math.log2(16 / 15), math.log2(8 / 10)])
