"""``kg.load``: an output directory of ``kg analyze`` (or of ``kg build``) read back for a
notebook, as a networkx graph and pandas DataFrames."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError, QueryError
from kg.export.tables import CODE_COLUMNS
from kg.model import COOCCURS

__all__ = ["Loaded", "load"]


@dataclass
class Loaded:
    """What :func:`load` returns: the graph and the tables of an output directory.

    ``graph`` is the kept co-occurrence graph (``analysis/graph.graphml``) with every node
    and edge attribute, or, for a directory ``kg build`` wrote alone, the co-occurrence
    graph of ``relations.csv``. The DataFrames: ``entities`` (``analysis/nodes.csv``, or
    ``entities.csv``), ``relations`` (typed relations), ``cooccurrences``
    (``analysis/edges.csv``, or the co-occurrence rows of ``relations.csv``) and
    ``documents``. ``summary`` is ``analysis/summary.json`` (empty without an analysis).
    """

    graph: nx.Graph
    entities: Any
    relations: Any
    cooccurrences: Any
    documents: Any
    summary: dict[str, Any]
    path: Path

    def __repr__(self) -> str:
        return (
            f"<kg output {self.path}: {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges; "
            f"{len(self.entities)} entities, {len(self.relations)} relations, "
            f"{len(self.cooccurrences)} co-occurrences, {len(self.documents)} documents>"
        )


#: Columns read as text: names, dates, and the codes and ids of
#: ``kg.export.tables.CODE_COLUMNS`` (an adcode stays ``500101``, not ``500101.0``).
_TEXT_COLUMNS = {
    *CODE_COLUMNS,
    "name",
    "type",
    "relation",
    "source_name",
    "target_name",
    "first_seen",
    "last_seen",
    "date",
    "title",
    "path",
    "aliases",
    "rule",
    "first_evidence",
}
#: Edge-table columns of exports made before the tables shared their names, read under
#: today's names so a notebook works on an older output folder too.
_OLD_EDGE_NAMES = {
    "a": "source",
    "b": "target",
    "a_name": "source_name",
    "b_name": "target_name",
    "head_id": "source",
    "tail_id": "target",
    "head": "source_name",
    "tail": "target_name",
}


def _read_csv(path: Path, edges: bool = False) -> Any:
    """A table of kg as a DataFrame, codes, ids and names as text (``_TEXT_COLUMNS``),
    with or without the byte-order mark of ``--excel``. ``edges``: an edge table, whose older
    column names (head/tail, a/b, type) are renamed to today's."""
    import pandas as pd

    with open(path, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), [])
    if edges and "relation" not in header:
        renames = {**_OLD_EDGE_NAMES, "type": "relation"}
    else:
        renames = {}
    text = {c for c in header if renames.get(c, c) in _TEXT_COLUMNS}
    table = pd.read_csv(
        path,
        encoding="utf-8-sig",
        dtype={c: str for c in text},
        keep_default_na=False,
        na_values={c: [""] for c in header if c not in text},
    )
    if renames:
        table = table.rename(columns=renames)
        if "relation" not in table.columns:  # an old edges.csv: co-occurrences without a type column
            table.insert(2, "relation", "co_occurs_with")
    return table


def load(outdir: str | Path = "output") -> Loaded:
    """Read an output directory of ``kg analyze`` (or of ``kg build``) for a notebook.

    Needs pandas (``pip install 'kg[analysis]'``). Raises ``QueryError`` when the folder
    holds neither ``analysis/`` nor the tables of ``kg build``.
    """
    root = Path(outdir)
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - pandas is in the test extra
        raise KGError("kg.load needs pandas: pip install 'kg[analysis]'") from e
    an = root / "analysis"
    try:
        if (an / "nodes.csv").is_file():
            summary_path = an / "summary.json"
            return Loaded(
                graph=nx.read_graphml(an / "graph.graphml"),
                entities=_read_csv(an / "nodes.csv"),
                relations=_read_csv(an / "relations.csv", edges=True),
                cooccurrences=_read_csv(an / "edges.csv", edges=True),
                documents=_read_csv(an / "documents.csv"),
                summary=json.loads(summary_path.read_text(encoding="utf-8"))
                if summary_path.is_file()
                else {},
                path=root,
            )
        if (root / "entities.csv").is_file() and (root / "relations.csv").is_file():
            entities = _read_csv(root / "entities.csv")
            rel = _read_csv(root / "relations.csv", edges=True)
            co = rel[rel["relation"] == COOCCURS].reset_index(drop=True)
            typed = rel[rel["relation"] != COOCCURS].reset_index(drop=True)
            docs = []
            if (root / "documents.jsonl").is_file():
                with open(root / "documents.jsonl", encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            rec = json.loads(line)
                            docs.append({k: v for k, v in rec.items() if not isinstance(v, list | dict)})
            g = nx.Graph()
            for row in entities.itertuples(index=False):
                g.add_node(row.id, label=row.name, type=row.type)
            for row in co.itertuples(index=False):
                g.add_edge(row.source, row.target, weight=float(row.weight))
            return Loaded(g, entities, typed, co, pd.DataFrame(docs), {}, root)
    except (OSError, ValueError, KeyError, csv.Error) as e:
        raise QueryError(f"{root}: cannot read the kg output: {e}") from e
    raise QueryError(f"{root}: no kg output here (run kg analyze or kg build first)")
