"""``report.html`` and the SVG charts it shows, from an analysis and its summary.

The drawing is :mod:`kg.analysis.charts`; this module chooses what is drawn and the
sections of the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.analysis.charts import (
    Html,
    communities_chart,
    link,
    links,
    report_html,
    table,
    timeline_chart,
    top_entities_chart,
)
from kg.analysis.layers import Analysis
from kg.analysis.network_svg import network_chart
from kg.analysis.summary import top_lists

__all__ = ["FILE_NOTES", "SITE_FILES", "chart_svgs", "report_page"]

#: Files of a build's output folder the report links to when ``analysis/`` sits in one
#: and they are there (``kg build`` writes them; ``kg analyze`` alone does not).
SITE_FILES = (
    ("graph.html", "the graph page: search, filter by type and time, evidence per edge"),
    ("map.html", "the map of places"),
    ("places.geojson", "places as GeoJSON points (QGIS, geopandas)"),
)

#: What each file ``kg analyze`` writes holds, in the order the report lists them; a file
#: is listed only when it was written (``neo4j/``: its files on one row, IMPORT.txt first).
FILE_NOTES = (
    ("nodes.csv", "entities: mentions, documents, units, first/last seen, centrality, community"),
    ("edges.csv", "co-occurrence pairs: count, weight, documents, PMI, NPMI, Jaccard, Dice, G², alpha, kept"),
    ("relations.csv", "typed relations with first/last seen"),
    ("documents.csv", "documents with date and duplicate_of"),
    ("communities.csv", "communities: size, types, members"),
    ("graph.gexf", "the kept co-occurrence graph for Gephi (laid out, with time intervals)"),
    ("graph.graphml", "the kept co-occurrence graph for igraph, Cytoscape and networkx"),
    ("graph.json", "the kept co-occurrence graph as node-link JSON (networkx)"),
    ("typed_graph.gexf", "the typed relations as a directed multigraph for Gephi"),
    ("typed_graph.graphml", "the typed relations for igraph, Cytoscape and networkx"),
    ("vosviewer_map.txt", "VOSviewer map file (items, positions, clusters)"),
    ("vosviewer_network.txt", "VOSviewer network file (links and strengths)"),
    ("neo4j/", "Neo4j import files (neo4j-admin database import); IMPORT.txt says how to load them"),
    ("summary.json", "settings, counts, duplicate groups, communities, top lists, periods"),
    ("charts/", "the report's charts as SVG files"),
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def chart_svgs(an: Analysis) -> dict[str, str]:
    """The charts of the report by file name: most mentioned entities, the network of the
    main communities, mentions per month (a first or last month the corpus covers only in
    part marked so), largest communities."""
    w = an.whole
    names = {row["id"]: row["name"] for row in w.nodes}
    by_mentions = {t: rows for t, rows in top_lists(w, 10, key="mentions").items()}
    series = {names.get(k, k): v for k, v in an.timeline.items() if k}
    dates = sorted(d["date"][:10] for d in an.documents if _DATE.fullmatch(str(d.get("date", ""))[:10]))
    return {
        "top_entities.svg": top_entities_chart(
            by_mentions, "mentions", 10, "Most mentioned entities by type"
        ),
        "network.svg": network_chart(
            w.graph,
            w.communities,
            {row["id"]: row for row in w.nodes},
            title="Network of the main communities",
        ),
        "timeline.svg": timeline_chart(
            series,
            an.timeline.get(""),
            "Mentions per month (most mentioned entities)",
            first_date=dates[0] if dates else "",
            last_date=dates[-1] if dates else "",
        ),
        "communities.svg": communities_chart(w.communities, names, 12, "Largest communities (Leiden)"),
    }


def _site_links(site: Path | None) -> list[tuple[str, str]]:
    """(text, href) of the build's own files beside ``analysis/`` that are there."""
    if site is None:
        return []
    return [(name, f"../{name}") for name, _what in SITE_FILES if (site / name).is_file()]


def _file_rows(files: Sequence[str], site: Path | None) -> list[tuple[Html, str]]:
    """Rows (links, what) of the Files table: the files written under ``analysis/``
    (``files`` relative to the folder holding it, as :func:`write_analysis` returns them),
    those that exist when ``site`` is given; the periods' files one row per period."""
    here = [f[len("analysis/"):] for f in files if f.startswith("analysis/")]
    if site is not None:
        here = [f for f in here if (site / "analysis" / f).is_file()]
    rows: list[tuple[Html, str]] = []
    for name, what in FILE_NOTES:
        if name.endswith("/"):
            inside = sorted((f for f in here if f.startswith(name)), key=lambda f: (not f.endswith(".txt"), f))
            if inside:
                rows.append((links([(f, f) for f in inside]), what))
        elif name in here:
            rows.append((link(name, name), what))
    periods: dict[str, list[str]] = {}
    for f in here:
        parts = f.split("/")
        if parts[0] == "periods" and len(parts) == 3:
            periods.setdefault(parts[1], []).append(f)
    for period, paths in sorted(periods.items()):
        rows.append(
            (links([(p.rsplit("/", 1)[1], p) for p in sorted(paths)]), f"period {period}: tables and GEXF")
        )
    return rows


def report_page(
    an: Analysis,
    data: Mapping[str, Any],
    svgs: Mapping[str, str],
    files: Sequence[str] = (),
    site: str | Path | None = None,
    pages: str | Path | None = None,
) -> str:
    """``report.html``: the summary ``data`` (:func:`kg.analysis.summary.summary`) as tables
    around the charts ``svgs`` of :func:`chart_svgs`.

    ``files``: the files written, relative to ``site``, the folder that holds
    ``analysis/`` (what :func:`kg.analysis.write_analysis` returns); the report links to
    those that exist. When ``site`` holds a build's graph page, map or GeoJSON (a build's
    output folder), the report links to them too; otherwise those links are left out.
    """
    site = Path(site) if site is not None else None
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
    sections: list[tuple[str, str, list[str]]] = []
    # the build's pages sit beside analysis/ once it is published; while it is written
    # into a staging folder, ``pages`` names the folder that will hold it
    page_links = _site_links(Path(pages) if pages is not None else site)
    if page_links:
        sections.append(("See also", "", [f"<p>{links(page_links, ' · ')}</p>"]))
    sections += [
        (
            "Corpus",
            settings_line,
            [table(["", "count"], [(k.replace("_", " "), v) for k, v in counts.items()])],
        ),
        (
            "Network",
            "The most connected entities of the largest communities, laid out as on the graph page.",
            [f"<figure>{svgs['network.svg']}</figure>"],
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
    rows = _file_rows(files, site)
    if rows:
        sections.append(("Files", "Written by kg analyze beside this report.", [table(["file", "what"], rows)]))
    return report_html("kg analysis", sections)
