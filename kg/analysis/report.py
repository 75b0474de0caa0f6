"""``report.html`` and the SVG charts it shows, from an analysis and its summary.

The drawing is :mod:`kg.analysis.charts`; this module chooses what is drawn and the
sections of the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.analysis.charts import communities_chart, report_html, table, timeline_chart, top_entities_chart
from kg.analysis.layers import Analysis
from kg.analysis.summary import top_lists

__all__ = ["chart_svgs", "report_page"]


def chart_svgs(an: Analysis) -> dict[str, str]:
    """The charts of the report by file name: most mentioned entities, mentions per month,
    largest communities."""
    w = an.whole
    names = {row["id"]: row["name"] for row in w.nodes}
    by_mentions = {t: rows for t, rows in top_lists(w, 10, key="mentions").items()}
    series = {names.get(k, k): v for k, v in an.timeline.items() if k}
    return {
        "top_entities.svg": top_entities_chart(
            by_mentions, "mentions", 10, "Most mentioned entities by type"
        ),
        "timeline.svg": timeline_chart(
            series, an.timeline.get(""), "Mentions per month (most mentioned entities)"
        ),
        "communities.svg": communities_chart(w.communities, names, 12, "Largest communities (Leiden)"),
    }


def report_page(an: Analysis, data: Mapping[str, Any], svgs: Mapping[str, str]) -> str:
    """``report.html``: the summary ``data`` (:func:`kg.analysis.summary.summary`) as tables
    around the charts ``svgs`` of :func:`chart_svgs`."""
    w = an.whole
    s = an.settings
    counts = data["counts"]
    names = {row["id"]: row["name"] for row in w.nodes}
    settings_line = (
        f"window: {s.window}; pair weight 1/(n-1)"
        + (f"; units over {s.max_entities} entities add no pairs" if s.max_entities else "")
        + f"; min count {s.min_count}"
        + (f"; disparity backbone alpha < {s.backbone}" if s.backbone else "")
        + (f"; top {s.top_k} edges per node" if s.top_k else "")
        + (
            f"; near-duplicates at Jaccard ≥ {s.duplicates} within {s.duplicate_days} days"
            if s.duplicates
            else ""
        )
    )
    sections: list[tuple[str, str, list[str]]] = [
        (
            "Corpus",
            settings_line,
            [table(["", "count"], [(k.replace("_", " "), v) for k, v in counts.items()])],
        ),
        (
            "Most mentioned entities",
            "Bylines, agency credits, page furniture and duplicates left out.",
            [f"<figure>{svgs['top_entities.svg']}</figure>"],
        ),
        (
            "Top entities by PageRank",
            "PageRank over the kept co-occurrence graph, per type.",
            [
                f"<h3>{t}</h3>"
                + table(
                    [
                        "name",
                        "mentions",
                        "degree",
                        "weighted degree",
                        "betweenness",
                        "PageRank",
                        "community",
                        "first seen",
                        "last seen",
                    ],
                    [
                        (
                            r["name"],
                            r["mentions"],
                            r["degree"],
                            r["weighted_degree"],
                            r["betweenness"],
                            r["pagerank"],
                            r["community"],
                            r["first_seen"],
                            r["last_seen"],
                        )
                        for r in rows
                    ],
                )
                for t, rows in top_lists(w, min(s.top_n, 10)).items()
            ],
        ),
        (
            "Communities",
            f"{len(w.communities)} Leiden communities (seed {s.seed}); the largest below.",
            [
                f"<figure>{svgs['communities.svg']}</figure>",
                table(
                    ["community", "size", "types", "members (most connected first)"],
                    [
                        (
                            c.id,
                            len(c.members),
                            ", ".join(f"{t} {k}" for t, k in c.types.items()),
                            "、".join(names.get(m, m) for m in c.members[:12]),
                        )
                        for c in w.communities[:20]
                    ],
                ),
            ],
        ),
        (
            "Over time",
            f"{counts['documents_dated']} of {counts['documents_counted']} counted documents have a date.",
            [f"<figure>{svgs['timeline.svg']}</figure>"],
        ),
    ]
    if an.periods:
        sections.append(
            (
                "Periods",
                f"Tables and graphs per {s.by} under periods/.",
                [
                    table(
                        ["period", "documents", "entities", "pairs", "edges kept", "top entities (PageRank)"],
                        [
                            (
                                p["period"],
                                p["documents"],
                                p["entities"],
                                p["pairs"],
                                p["graph_edges"],
                                "、".join(r["name"] for r in p["top"]),
                            )
                            for p in data["periods"]
                        ],
                    )
                ],
            )
        )
    titles = {d["id"]: d["title"] for d in an.documents}
    sections.append(
        (
            "Near-duplicate documents",
            "Each group is counted once: the first document is kept, the others are left out of every count.",
            [
                table(
                    ["kept", "duplicates (Jaccard similarity)", "title"],
                    [
                        (
                            g.kept,
                            ", ".join(f"{d} ({sim})" for d, sim in zip(g.duplicates, g.similarity)),
                            titles.get(g.kept, ""),
                        )
                        for g in an.duplicates
                    ],
                )
            ]
            if an.duplicates
            else ["<p>none</p>"],
        )
    )
    sections.append(
        (
            "Files",
            "",
            [
                table(
                    ["file", "what"],
                    [
                        (
                            "nodes.csv",
                            "entities: mentions, documents, units, first/last seen, centrality, community",
                        ),
                        (
                            "edges.csv",
                            "co-occurrence pairs: count, weight, documents, PMI, NPMI, Jaccard, Dice, G², alpha, kept",
                        ),
                        ("relations.csv", "typed relations with first/last seen"),
                        ("documents.csv", "documents with date and duplicate_of"),
                        ("communities.csv", "communities: size, types, members"),
                        ("graph.gexf, graph.graphml, graph.json", "the kept graph for Gephi and networkx"),
                        (
                            "summary.json",
                            "settings, counts, duplicate groups, communities, top lists, periods",
                        ),
                    ],
                )
            ],
        )
    )
    return report_html("kg analysis", sections)
