"""``write_analysis``: the files of ``OUTDIR/analysis/``.

CSV tables (nodes, edges, communities per layer; relations and documents once), the graph
files of :mod:`kg.analysis.graphfiles` (co-occurrence: ``graph.gexf``, ``graph.graphml``,
``graph.json``, ``vosviewer_map.txt``, ``vosviewer_network.txt``; typed relations:
``typed_graph.gexf``, ``typed_graph.graphml``; both for Neo4j under ``neo4j/``),
``summary.json``, the charts and ``report.html`` of :mod:`kg.analysis.report`, and the
same tables and GEXF per period under ``periods/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.analysis.graphfiles import cooccurrence_data, node_link, typed_data
from kg.analysis.layers import Analysis, Layer
from kg.analysis.neo4j import neo4j_files
from kg.analysis.report import chart_svgs, report_page
from kg.analysis.summary import summary
from kg.analysis.vosviewer import vosviewer_files
from kg.analysis.xmlgraph import GraphData, gexf_document, graphml_document
from kg.export.tables import EDGE_KEY_COLUMNS, write_csv
from kg.model import COOCCURS
from kg.progress import ProgressFn, Step, begin, end, stage

__all__ = [
    "COMMUNITY_COLUMNS",
    "DOCUMENT_COLUMNS",
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "RELATION_COLUMNS",
    "write_analysis",
]

NODE_COLUMNS = (
    "id",
    "name",
    "type",
    "mentions",
    "mentions_dedup",
    "documents",
    "units",
    "first_seen",
    "last_seen",
    "degree",
    "weighted_degree",
    "betweenness",
    "pagerank",
    "community",
)
EDGE_COLUMNS = (
    *EDGE_KEY_COLUMNS,
    "count",
    "weight",
    "documents",
    "pmi",
    "npmi",
    "jaccard",
    "dice",
    "g2",
    "alpha",
    "kept",
    "first_seen",
    "last_seen",
)
RELATION_COLUMNS = (
    *EDGE_KEY_COLUMNS,
    "evidence_sentences",
    "documents",
    "first_seen",
    "last_seen",
)
DOCUMENT_COLUMNS = ("id", "date", "title", "source", "path", "characters", "duplicate_of")
COMMUNITY_COLUMNS = (
    "community",
    "size",
    *(t for t in ("Person", "Place", "Organization", "Enterprise", "Initiative", "Event")),
    "members",
)


#: Where the analysis keeps a column under another name than the tables' (edge tables
#: say source/target/relation everywhere, as kg build's relations.csv does).
_EDGE_KEYS = {"source": "a", "target": "b", "source_name": "a_name", "target_name": "b_name"}
_RELATION_KEYS = {"source": "head_id", "target": "tail_id", "relation": "type", "source_name": "head",
                  "target_name": "tail"}


def _dict_rows(
    columns: Sequence[str], rows: Iterable[Mapping[str, Any]], keys: Mapping[str, str] | None = None
) -> Iterable[list[Any]]:
    keys = keys or {}
    return ([row.get(keys.get(c, c), "") for c in columns] for row in rows)


def _edge_rows(table: Mapping[str, Sequence[Any]]) -> Iterable[tuple[Any, ...]]:
    """The rows of ``edges.csv`` from the layer's column table; every edge a co-occurrence."""
    n = len(table["a"])
    return zip(*(table[_EDGE_KEYS.get(c, c)] if c != "relation" else [COOCCURS] * n for c in EDGE_COLUMNS))


def _community_rows(layer: Layer) -> list[dict[str, Any]]:
    names = {row["id"]: row["name"] for row in layer.nodes}
    return [
        {
            "community": c.id,
            "size": len(c.members),
            **{t: c.types.get(t, 0) for t in COMMUNITY_COLUMNS[2:-1]},
            "members": "|".join(names.get(m, m) for m in c.members[:20]),
        }
        for c in layer.communities
    ]


def _write_layer(
    layer: Layer, folder: Path, excel: bool = False, progress: ProgressFn | None = None
) -> tuple[list[Path], GraphData]:
    begin(progress, "write tables")
    write_csv(folder / "nodes.csv", NODE_COLUMNS, _dict_rows(NODE_COLUMNS, layer.nodes), excel=excel)
    write_csv(folder / "edges.csv", EDGE_COLUMNS, _edge_rows(layer.edges), excel=excel)
    write_csv(
        folder / "communities.csv",
        COMMUNITY_COLUMNS,
        _dict_rows(COMMUNITY_COLUMNS, _community_rows(layer)),
        excel=excel,
    )
    end(progress, "write tables")
    with stage(progress, "layout"):
        graph = cooccurrence_data(layer)  # laid out once for every file of the layer
    (folder / "graph.gexf").write_text(gexf_document(graph), encoding="utf-8")
    return [folder / n for n in ("nodes.csv", "edges.csv", "communities.csv", "graph.gexf")], graph


def write_analysis(
    an: Analysis, outdir: str | Path, *, progress: ProgressFn | None = None, pages: str | Path | None = None
) -> list[str]:
    """Write ``OUTDIR/analysis/``; return the files written, relative to ``outdir``.

    ``periods/`` is emptied first, so a run without ``--by`` leaves none from an earlier one.
    ``pages``: the folder whose graph.html, map.html and places.geojson the report links to
    (default ``outdir``). ``progress`` is told of the stages (:mod:`kg.progress`): write tables, layout, write
    (the graph files and the other tables), write periods and report (charts and page).
    """

    root = Path(outdir)
    out = root / "analysis"
    out.mkdir(parents=True, exist_ok=True)
    excel = an.settings.excel
    written, graph = _write_layer(an.whole, out, excel, progress)
    begin(progress, "write", 6)
    step = Step(progress, "write", 6)  # six groups of files
    write_csv(out / "relations.csv", RELATION_COLUMNS, _dict_rows(RELATION_COLUMNS, an.relations, _RELATION_KEYS),
              excel=excel)
    write_csv(out / "documents.csv", DOCUMENT_COLUMNS, _dict_rows(DOCUMENT_COLUMNS, an.documents), excel=excel)
    (out / "graph.graphml").write_text(graphml_document(graph), encoding="utf-8")
    step(1)
    typed = typed_data(an)
    (out / "typed_graph.gexf").write_text(gexf_document(typed), encoding="utf-8")
    (out / "typed_graph.graphml").write_text(graphml_document(typed), encoding="utf-8")
    written += [out / "typed_graph.gexf", out / "typed_graph.graphml"]
    step(2)
    vos_map, vos_network = vosviewer_files(graph)
    (out / "vosviewer_map.txt").write_text(vos_map, encoding="utf-8")
    (out / "vosviewer_network.txt").write_text(vos_network, encoding="utf-8")
    written += [out / "vosviewer_map.txt", out / "vosviewer_network.txt"]
    step(3)
    neo4j = out / "neo4j"
    if neo4j.exists():  # a type gone since an earlier run leaves no stale nodes file
        import shutil

        shutil.rmtree(neo4j)
    neo4j.mkdir()
    for name, text in neo4j_files(an, typed, graph).items():
        (neo4j / name).write_text(text, encoding="utf-8")
        written.append(neo4j / name)
    step(4)
    (out / "graph.json").write_text(
        json.dumps(node_link(an.whole), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    step(5)
    data = summary(an)
    (out / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written += [
        out / n for n in ("relations.csv", "documents.csv", "graph.graphml", "graph.json", "summary.json")
    ]

    end(progress, "write", 6)

    periods = out / "periods"
    if periods.exists():
        import shutil

        shutil.rmtree(periods)
    with stage(progress if an.periods else None, "write periods", len(an.periods)) as step:
        for i, layer in enumerate(an.periods, 1):
            written += _write_layer(layer, periods / layer.name, excel)[0]
            step(i)

    begin(progress, "report")
    svgs = chart_svgs(an)
    (out / "charts").mkdir(exist_ok=True)
    for name, svg in svgs.items():
        (out / "charts" / name).write_text(svg, encoding="utf-8")
        written.append(out / "charts" / name)
    (out / "report.html").write_text(
        report_page(an, data, svgs, [p.relative_to(root).as_posix() for p in written], root, pages), encoding="utf-8"
    )
    written.append(out / "report.html")
    end(progress, "report")
    return [p.relative_to(root).as_posix() for p in written]
