"""kg: a knowledge-graph builder for Chinese news.

For notebooks: ``kg.load(OUTDIR)`` reads what ``kg analyze`` (or ``kg build``) wrote
and returns the graph (networkx) and the tables (pandas DataFrames); see
:func:`kg.analysis.load`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from kg.analysis import Loaded


def load(outdir: str | Path = "output") -> Loaded:
    """The graph and tables of an output directory: ``.graph``, ``.entities``,
    ``.relations``, ``.cooccurrences``, ``.documents`` (DataFrames) and ``.summary``.

    Imported on first use, so ``import kg`` stays light (pandas, networkx and igraph are
    loaded only here).
    """
    from kg.analysis import load as _load

    return _load(outdir)
