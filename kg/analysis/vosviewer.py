"""VOSviewer map and network files of the co-occurrence graph.

VOSviewer ("Create a map based on network data") reads two tab-separated text files:

- the map file, one header line then one line per item: ``id`` (a positive integer; the
  network file refers to items by it), ``label``, ``x``, ``y``, ``cluster`` (an integer
  from 1 to 1000) and ``weight<Mentions>``, a weight column whose label VOSviewer shows;
- the network file, no header, one line per link: the two item ids and the link strength.

Items are numbered 1, 2, … in the order of the graph files' nodes (sorted by entity id),
so the numbering is the same on every run. Positions are the graph page's layout (as in
the GEXF), scaled into [-1, 1]; the cluster is the Leiden community, communities past
the 1000th (the smallest, as communities are numbered by size) share cluster 1000. The
strength is the co-occurrence weight.

The format has no escaping: a tab or line break in a label would break the line, so
those become spaces, and a label holding a comma, semicolon or double quote is put in
double quotes (the manual asks for that when a label holds a comma or semicolon) with its
own double quotes doubled.
"""

from __future__ import annotations

import re

from kg.analysis.xmlgraph import GraphData

__all__ = ["MAP_HEADER", "vosviewer_files"]

MAP_HEADER = ("id", "label", "x", "y", "cluster", "weight<Mentions>")
#: VOSviewer's largest cluster number.
MAX_CLUSTER = 1000
_BREAKS = re.compile(r"[\t\r\n\x0b\x0c\x85\u2028\u2029]+")


def _label(name: str) -> str:
    text = _BREAKS.sub(" ", name)
    if any(c in text for c in ',;"'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def _number(x: float) -> str:
    """A number as VOSviewer reads it: no exponent, at most six decimals, no trailing zeros."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def vosviewer_files(graph: GraphData) -> tuple[str, str]:
    """The map file and the network file of a co-occurrence graph (as ``cooccurrence_data``
    gives it: nodes with ``label``, ``x``, ``y``, ``community``, ``mentions``)."""
    number = {row["id"]: i for i, row in enumerate(graph.nodes, 1)}
    reach = max((max(abs(row["x"]), abs(row["y"])) for row in graph.nodes), default=0.0) or 1.0
    lines = ["\t".join(MAP_HEADER)]
    for row in graph.nodes:
        cluster = min(max(int(row["community"]), 1), MAX_CLUSTER)
        lines.append(
            "\t".join(
                (
                    str(number[row["id"]]),
                    _label(str(row["label"])),
                    _number(row["x"] / reach),
                    _number(row["y"] / reach),
                    str(cluster),
                    str(int(row["mentions"])),
                )
            )
        )
    links = sorted(
        (min(number[e["source"]], number[e["target"]]), max(number[e["source"]], number[e["target"]]), e["weight"])
        for e in graph.edges
    )
    network = [f"{a}\t{b}\t{_number(float(w))}" for a, b, w in links]
    return "\n".join(lines) + "\n", "\n".join(network) + ("\n" if network else "")
