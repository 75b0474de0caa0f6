"""Association measures and weights of co-occurrence counts: pure functions over numbers or
numpy arrays, so one call scores every pair of a layer.

``n`` is the number of units, ``n_a`` the units naming ``a``, ``n_ab`` the units naming
both. PMI and NPMI (Bouma 2009), Jaccard, Dice and Dunning's log-likelihood ratio G²
(1993) are defined on these counts. :func:`disparity_alpha` is the significance of the
disparity filter of Serrano, Boguñá and Vespignani (2009), and :func:`pair_weight` the
1/(n-1) weight a unit naming ``n`` entities gives each of its pairs (Newman's
collaboration weighting): the pair weights of one entity in one unit add up to 1, so an
attendee list of twelve officials weighs as much per person as a sentence naming two,
instead of eleven times more.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["dice", "disparity_alpha", "jaccard", "log_likelihood", "npmi", "pair_weight", "pmi"]


def _arr(x: Any) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _out(x: np.ndarray) -> Any:
    return float(x) if np.ndim(x) == 0 else x


def pmi(n_ab: Any, n_a: Any, n_b: Any, n: Any) -> Any:
    """Pointwise mutual information in bits: log2(P(a,b) / (P(a) P(b))) = log2(n_ab n / (n_a n_b)).

    >>> pmi(2, 2, 2, 4)
    1.0
    """
    n_ab, n_a, n_b, n = map(_arr, (n_ab, n_a, n_b, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out(np.log2(n_ab * n / (n_a * n_b)))


def npmi(n_ab: Any, n_a: Any, n_b: Any, n: Any) -> Any:
    """Normalised PMI: PMI / -log2 P(a,b), in [-1, 1]; 1 when the pair is in every unit.

    >>> npmi(2, 2, 2, 4), npmi(4, 4, 4, 4)
    (1.0, 1.0)
    """
    n_ab, n_a, n_b, n = map(_arr, (n_ab, n_a, n_b, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = -np.log2(n_ab / n)
        value = np.where(denom > 0, _arr(pmi(n_ab, n_a, n_b, n)) / np.where(denom > 0, denom, 1.0), 1.0)
    return _out(np.clip(value, -1.0, 1.0))


def jaccard(n_ab: Any, n_a: Any, n_b: Any) -> Any:
    """Units naming both over units naming either: n_ab / (n_a + n_b - n_ab).

    >>> jaccard(1, 2, 3)
    0.25
    """
    n_ab, n_a, n_b = map(_arr, (n_ab, n_a, n_b))
    return _out(n_ab / (n_a + n_b - n_ab))


def dice(n_ab: Any, n_a: Any, n_b: Any) -> Any:
    """Dice coefficient: 2 n_ab / (n_a + n_b).

    >>> dice(1, 2, 3)
    0.4
    """
    n_ab, n_a, n_b = map(_arr, (n_ab, n_a, n_b))
    return _out(2 * n_ab / (n_a + n_b))


def log_likelihood(n_ab: Any, n_a: Any, n_b: Any, n: Any) -> Any:
    """Dunning's log-likelihood ratio G² of the 2×2 table of units (a or not, b or not).

    G² = 2 Σ k_ij ln(k_ij / E_ij) over the four cells, E_ij = row_i · col_j / n, a cell with
    k_ij = 0 adding nothing. Large when the pair is far from independence, in either
    direction (compare PMI's sign); 3.84 is the 5 % point of χ² with one degree of freedom.

    >>> round(log_likelihood(2, 2, 2, 4), 4)  # cells 2, 0, 0, 2, expected 1 each: 2·(2 ln 2 + 2 ln 2)
    5.5452
    """
    n_ab, n_a, n_b, n = map(_arr, (n_ab, n_a, n_b, n))
    k = (n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab)
    e = (n_a * n_b / n, n_a * (n - n_b) / n, (n - n_a) * n_b / n, (n - n_a) * (n - n_b) / n)
    total = np.zeros(np.broadcast(*k).shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        for kij, eij in zip(k, e):
            total = total + np.where(
                kij > 0, kij * np.log(np.where(kij > 0, kij, 1.0) / np.where(eij > 0, eij, 1.0)), 0.0
            )
    return _out(np.maximum(2.0 * total, 0.0))


def disparity_alpha(w: Any, s: Any, k: Any) -> Any:
    """Significance of an edge of weight ``w`` at a node of strength ``s`` and degree ``k``
    under the disparity filter's null model (weights spread uniformly at random):
    alpha = (1 - w/s)^(k-1); 1 for a node with a single edge.

    >>> disparity_alpha(3, 4, 3), disparity_alpha(5, 5, 1)
    (0.0625, 1.0)
    """
    w, s, k = map(_arr, (w, s, k))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(k > 1, (1.0 - w / np.where(s > 0, s, 1.0)) ** (k - 1), 1.0)
    return _out(value)


def pair_weight(n: int) -> float:
    """Weight of each pair of a unit naming ``n`` entities: 1/(n-1).

    >>> pair_weight(2), pair_weight(12)
    (1.0, 0.09090909090909091)
    """
    return 1.0 / (n - 1)
