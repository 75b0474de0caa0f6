"""Tests of kg.analysis.neo4j: the import CSVs of a real export read against the header
format of ``neo4j-admin database import`` and back into the rows they came from."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from analysis_toy import EVIL, A, B, D

from kg.analysis.neo4j import import_note, neo4j_files
from kg.analysis.xmlgraph import GraphData

# The import tool's header format: a field is "name", "name:type" (type optionally an
# array, "type[]"), an id field "name:ID" or ":ID", or one of the special fields.
NEO4J_TYPES = {
    "int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
    "date", "localtime", "time", "localdatetime", "datetime", "duration",
}  # fmt: skip
FIELD = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<type>[A-Za-z_]+)(?P<array>\[\])?)?")
SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}


def parse_header(header: list[str]) -> list[tuple[str, str]]:
    """``(property name or "", type)`` per column; asserts the documented header format."""
    out = []
    for field in header:
        m = FIELD.fullmatch(field)
        assert m, field
        name, kind = m["name"] or "", m["type"] or "string"
        if kind in SPECIAL:
            assert not m["array"], field
            assert kind == "ID" or not name, field  # only :ID may name the property it keeps
        else:
            assert name and kind in NEO4J_TYPES, field
        out.append((name, kind + ("[]" if m["array"] else "")))
    return out


def _read(path: Path) -> tuple[list[tuple[str, str]], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return parse_header(rows[0]), rows[1:]


def _check_value(value: str, kind: str) -> None:
    if value == "":
        return  # the importer sets no property
    base = kind.removesuffix("[]")
    for item in value.split(";") if kind.endswith("[]") else [value]:
        if base == "int":
            int(item)
        elif base == "double":
            float(item)
        elif base == "date":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item), item


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    from typed_toy import written_typed

    return written_typed(tmp_path_factory.mktemp("neo4j"))


def test_csv_headers_follow_the_import_format_and_values_their_types(typed) -> None:
    out, _an = typed
    folder = out / "analysis" / "neo4j"
    node_files = sorted(p.name for p in folder.glob("nodes_*.csv"))
    assert node_files == ["nodes_Person.csv", "nodes_Place.csv"]
    ids: set[str] = set()
    for name in node_files:
        header, rows = _read(folder / name)
        kinds = [k for _n, k in header]
        assert kinds.count("ID") == 1 and kinds.count("LABEL") == 1
        assert ("id", "ID") in header and ("mentions", "int") in header
        assert ("adcode", "string") in header and ("first_seen", "date") in header
        label = kinds.index("LABEL")
        for row in rows:
            assert len(row) == len(header)
            assert row[label] == "Entity;" + name[len("nodes_") : -len(".csv")]
            for value, (_n, kind) in zip(row, header):
                _check_value(value, kind)
            ids.add(row[kinds.index("ID")])
    for name in ("relationships.csv", "cooccurrence.csv"):
        header, rows = _read(folder / name)
        kinds = [k for _n, k in header]
        assert [kinds.count(k) for k in ("START_ID", "END_ID", "TYPE")] == [1, 1, 1]
        assert rows
        for row in rows:
            assert row[kinds.index("START_ID")] in ids and row[kinds.index("END_ID")] in ids
            for value, (_n, kind) in zip(row, header):
                _check_value(value, kind)
    header, _rows = _read(folder / "relationships.csv")
    assert ("rules", "string[]") in header and ("evidence", "int") in header


def test_rows_read_back_as_exported(typed) -> None:
    from typed_toy import ADCODE, E

    out, an = typed
    folder = out / "analysis" / "neo4j"
    with open(folder / "nodes_Place.csv", encoding="utf-8", newline="") as f:
        places = list(csv.DictReader(f))
    assert [(p["id:ID"], p["adcode"]) for p in places] == [(D, ADCODE)]
    with open(folder / "nodes_Person.csv", encoding="utf-8", newline="") as f:
        people = {p["id:ID"]: p for p in csv.DictReader(f)}
    assert people[E]["name"] == EVIL  # quotes and commas survive the CSV quoting
    assert int(people[A]["mentions:int"]) == next(r for r in an.whole.nodes if r["id"] == A)["mentions"]
    with open(folder / "relationships.csv", encoding="utf-8", newline="") as f:
        rels = {(r[":START_ID"], r[":TYPE"], r[":END_ID"]): r for r in csv.DictReader(f)}
    assert set(rels) == {(r["head_id"], r["type"], r["tail_id"]) for r in an.relations}
    assert rels[(A, "visited", D)]["rules:string[]"] == "visited.place;visited.verb"
    assert rels[(A, "met", B)]["evidence:int"] == "3"
    with open(folder / "cooccurrence.csv", encoding="utf-8", newline="") as f:
        co = list(csv.DictReader(f))
    assert len(co) == an.whole.graph.number_of_edges()
    assert {r[":TYPE"] for r in co} == {"co_occurs_with"}


def test_import_note_gives_the_command_for_every_file(typed, tmp_path) -> None:
    out, _an = typed
    note = (out / "analysis" / "neo4j" / "IMPORT.txt").read_text(encoding="utf-8")
    command = note.split("run\n\n", 1)[1].split("\n\n", 1)[0]
    parts = [p.strip(" \\") for p in command.splitlines()]
    assert parts[0] == "bin/neo4j-admin database import full neo4j"
    assert parts[1:] == [
        "--nodes=import/kg/nodes_Person.csv",
        "--nodes=import/kg/nodes_Place.csv",
        "--relationships=import/kg/relationships.csv",
        "--relationships=import/kg/cooccurrence.csv",
    ]
    assert "--multiline-fields" not in note
    assert "--multiline-fields=true" in import_note(["nodes_Person.csv"], multiline=True)


def test_a_name_with_a_line_break_asks_for_multiline_fields(typed) -> None:
    _out, an = typed
    node = {"id": "x", "label": "two\nlines", "color": "#000000"}
    typed_graph = GraphData("t", "", True, [], [], [node], [
        {"source": "x", "target": "x", "relation": "met", "evidence": 1, "documents": 1,
         "first_seen": "", "last_seen": "", "rules": "r"},
    ])  # fmt: skip
    an.entities["x"] = {"name": "two\nlines", "type": "Person", "adcode": ""}
    try:
        files = neo4j_files(an, typed_graph, GraphData("c", "", False, [], [], [], []))
    finally:
        del an.entities["x"]
    assert "--multiline-fields=true" in files["IMPORT.txt"]
    assert list(csv.reader(files["nodes_Person.csv"].splitlines(keepends=True)))[1][1] == "two\nlines"
