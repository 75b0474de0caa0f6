"""Import files for ``neo4j-admin database import full``: the typed graph and co-occurrence.

``analysis/neo4j/`` holds one nodes CSV per entity type (``nodes_Person.csv`` …), the
typed relations (``relationships.csv``), the kept co-occurrence edges
(``cooccurrence.csv``) and ``IMPORT.txt``, which gives the exact command. The headers
follow the import tool's format: ``id:ID`` (the kg entity id, kept as the ``id``
property, one id space for all files), ``:LABEL`` (``Entity`` plus the type, ``;``
between them), ``:START_ID``/``:END_ID``/``:TYPE`` on relationships, and a type suffix
on every property that is not a string (``mentions:int``, ``first_seen:date``,
``rules:string[]``). An empty field means "no property" to the importer, so undated
entities get no ``first_seen`` rather than a bad date. The adcode stays a string.

The CSVs are written with Python's ``csv`` module: fields quoted when they hold a comma,
quote or line break, quotes doubled, which is what the importer reads by default
(``--quote='"'``). A name with a line break needs ``--multiline-fields=true``, so the
command in ``IMPORT.txt`` has it only when some field does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from kg.analysis.layers import Analysis
from kg.analysis.xmlgraph import GraphData
from kg.model import COOCCURS, ENTITY_TYPES

__all__ = ["COOCCURRENCE_HEADER", "NODE_HEADER", "RELATIONSHIP_HEADER", "neo4j_files"]

#: Header of every nodes file: (column header, key of the node row).
NODE_HEADER = (
    ("id:ID", "id"),
    ("name", "name"),
    ("type", "type"),
    ("mentions:int", "mentions"),
    ("documents:int", "documents"),
    ("adcode", "adcode"),
    ("first_seen:date", "first_seen"),
    ("last_seen:date", "last_seen"),
    ("pagerank:double", "pagerank"),
    ("community:int", "community"),
    (":LABEL", "labels"),
)
#: Header of ``relationships.csv`` (typed relations).
RELATIONSHIP_HEADER = (
    (":START_ID", "source"),
    (":END_ID", "target"),
    (":TYPE", "relation"),
    ("evidence:int", "evidence"),
    ("documents:int", "documents"),
    ("first_seen:date", "first_seen"),
    ("last_seen:date", "last_seen"),
    ("rules:string[]", "rules"),
)
#: Header of ``cooccurrence.csv`` (kept co-occurrence edges, type ``co_occurs_with``;
#: Neo4j relationships have a direction, this one means nothing: query it undirected).
COOCCURRENCE_HEADER = (
    (":START_ID", "source"),
    (":END_ID", "target"),
    (":TYPE", "relation"),
    ("weight:double", "weight"),
    ("count:int", "count"),
    ("documents:int", "documents"),
    ("pmi:double", "pmi"),
    ("npmi:double", "npmi"),
    ("first_seen:date", "first_seen"),
    ("last_seen:date", "last_seen"),
)


def _csv(header: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h for h, _k in header])
    w.writerows([[row[k] for _h, k in header] for row in rows])
    return buf.getvalue()


def _file_type(entity_type: str) -> str:
    """The type as a file-name part and label: one of ``ENTITY_TYPES``, else ``Entity``."""
    return entity_type if entity_type in ENTITY_TYPES else "Entity"


def neo4j_files(an: Analysis, typed: GraphData, cooccurrence: GraphData) -> dict[str, str]:
    """File name (inside ``analysis/neo4j/``) -> text, ``IMPORT.txt`` included.

    The nodes are every entity at an end of a typed relation or a kept co-occurrence edge
    (``typed`` and ``cooccurrence`` are the graphs the other graph files are written from).
    """
    counts = {row["id"]: row for row in an.whole.nodes}
    ends = {e[k] for g in (typed, cooccurrence) for e in g.edges for k in ("source", "target")}
    by_type: dict[str, list[dict[str, Any]]] = {}
    for eid in sorted(ends):
        entity = an.entities.get(eid, {})
        row = counts.get(eid, {})
        etype = entity.get("type", row.get("type", ""))
        kind = _file_type(etype)
        by_type.setdefault(kind, []).append(
            {
                "id": eid,
                "name": entity.get("name", row.get("name", eid)),
                "type": etype,
                "mentions": row.get("mentions", 0),
                "documents": row.get("documents", 0),
                "adcode": entity.get("adcode", ""),
                "first_seen": row.get("first_seen", ""),
                "last_seen": row.get("last_seen", ""),
                "pagerank": row.get("pagerank", 0.0),
                "community": row.get("community", 0),
                "labels": "Entity" if kind == "Entity" else f"Entity;{kind}",
            }
        )
    files: dict[str, str] = {}
    order = [t for t in (*ENTITY_TYPES, "Entity") if t in by_type]
    for kind in order:
        files[f"nodes_{kind}.csv"] = _csv(NODE_HEADER, by_type[kind])
    # the array delimiter is ";": a rule name never holds one, but make sure
    relations = [{**e, "rules": e["rules"].replace(";", ",").replace("|", ";")} for e in typed.edges]
    files["relationships.csv"] = _csv(RELATIONSHIP_HEADER, relations)
    files["cooccurrence.csv"] = _csv(
        COOCCURRENCE_HEADER, [{**e, "relation": COOCCURS} for e in cooccurrence.edges]
    )
    multiline = any(_has_line_break(rows) for rows in [*by_type.values(), typed.edges])
    files["IMPORT.txt"] = import_note([f"nodes_{k}.csv" for k in order], multiline)
    return files


def _has_line_break(rows: Sequence[dict[str, Any]]) -> bool:
    return any(isinstance(v, str) and ("\n" in v or "\r" in v) for row in rows for v in row.values())


def import_note(node_files: Sequence[str], multiline: bool = False) -> str:
    """The text of ``IMPORT.txt``: what the files are and the command that loads them."""
    args = ["bin/neo4j-admin database import full neo4j"]
    if multiline:
        args.append("--multiline-fields=true")
    args += [f"--nodes=import/kg/{name}" for name in node_files]
    args += ["--relationships=import/kg/relationships.csv", "--relationships=import/kg/cooccurrence.csv"]
    command = " \\\n        ".join(args)
    return f"""Neo4j import files written by `kg analyze`
==========================================

nodes_<Type>.csv    one file per entity type; id:ID is the kg entity id (also kept as the
                    `id` property), :LABEL is Entity plus the type (Person, Place, ...)
relationships.csv   the typed relations (holds_position, located_in, part_of, visited,
                    attended, proposed, participates_in, cooperates_with, met), one per
                    head, type and tail, with evidence (sentences), documents,
                    first_seen/last_seen (dates) and rules (a string array)
cooccurrence.csv    the kept co-occurrence edges, type co_occurs_with (count, weight,
                    documents, pmi, npmi, first_seen/last_seen); their direction means
                    nothing, so match them undirected: (a)-[:co_occurs_with]-(b)

To load them into a new database (Neo4j 5.19 or later; the DBMS stopped, the database
`neo4j` not created yet, or add --overwrite-destination=true to replace it):

1. copy this folder to the Neo4j installation as import/kg/
2. from the Neo4j home folder run

    {command}

3. start Neo4j and try
    MATCH (p:Person)-[r:holds_position]->(o) RETURN p.name, o.name, r.evidence
    ORDER BY r.evidence DESC LIMIT 20

The headers follow the import tool's CSV header format: name:type for every property
that is not a string (int, double, date, string[]), ";" between labels and between the
items of an array, empty fields for missing properties.
"""
