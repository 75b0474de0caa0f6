"""What ``summary.json`` holds, and the top lists per type the summary and report show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.analysis.layers import Analysis, Layer
from kg.graph import type_rank

__all__ = ["summary", "top_lists"]


def top_lists(layer: Layer, n: int = 20, key: str = "pagerank") -> dict[str, list[dict[str, Any]]]:
    """The ``n`` first entities of each type by ``key`` (then mentions, then id)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(
        layer.nodes, key=lambda r: (type_rank(r["type"]), r["type"], -r[key], -r["mentions"], r["id"])
    ):
        items = out.setdefault(row["type"], [])
        if len(items) < n:
            items.append(row)
    return out


def summary(an: Analysis) -> dict[str, Any]:
    """What ``summary.json`` holds: settings, counts, duplicate groups, communities, top
    lists per type and one line per period."""
    w = an.whole
    s = an.settings
    names = {row["id"]: row["name"] for row in w.nodes}

    def brief(row: Mapping[str, Any]) -> dict[str, Any]:
        return {
            k: row[k]
            for k in (
                "id",
                "name",
                "mentions",
                "degree",
                "weighted_degree",
                "betweenness",
                "pagerank",
                "community",
                "first_seen",
                "last_seen",
            )
        }

    return {
        "settings": an.settings.as_dict(),
        "counts": {
            "documents": len(an.documents),
            "documents_counted": w.documents,
            "documents_dated": sum(1 for d in an.documents if d["date"] and not d["duplicate_of"]),
            "duplicates": sum(len(g.duplicates) for g in an.duplicates),
            "units": w.units,
            "entities": len(w.nodes),
            "pairs": len(w.edges["a"]),
            "graph_nodes": w.graph.number_of_nodes(),
            "graph_edges": w.graph.number_of_edges(),
            "graph_edges_exported": min(
                w.graph.number_of_edges(), s.export_max_edges or w.graph.number_of_edges()
            ),
            "communities": len(w.communities),
            "relations": len(an.relations),
        },
        "duplicate_groups": [
            {"kept": g.kept, "duplicates": list(g.duplicates), "similarity": list(g.similarity)}
            for g in an.duplicates
        ],
        "communities": [
            {
                "id": c.id,
                "size": len(c.members),
                "types": c.types,
                "members": [{"id": m, "name": names.get(m, m)} for m in c.members[:10]],
            }
            for c in w.communities[: an.settings.top_n]
        ],
        "top": {t: [brief(r) for r in rows] for t, rows in top_lists(w, an.settings.top_n).items()},
        "periods": [
            {
                "period": p.name,
                "documents": p.documents,
                "units": p.units,
                "entities": len(p.nodes),
                "pairs": len(p.edges["a"]),
                "graph_edges": p.graph.number_of_edges(),
                "communities": len(p.communities),
                "top": [brief(r) for r in sorted(p.nodes, key=lambda r: (-r["pagerank"], r["id"]))[:5]],
            }
            for p in an.periods
        ],
    }
