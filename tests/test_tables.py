"""Tests of kg.export.tables: documents JSONL, entity/relation CSVs, manifest."""

from __future__ import annotations

import csv
import dataclasses
import json

import pytest
from conftest import BEIJING, D1, D2, D3, EVIL, EVIL_ORG, HUAWEI, MACRON, XI

from kg.config import Settings
from kg.model import COOCCURS, ENTITY_TYPES, RELATION_TYPES, FileRecord
from kg.export.tables import (
    ENTITY_COLUMNS,
    RELATION_COLUMNS,
    write_documents_jsonl,
    write_entities_csv,
    write_manifest,
    write_relations_csv,
)


def read_csv(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r\n" not in raw
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- documents.jsonl ---------------------------------------------------------------


@pytest.fixture
def documents(extraction, tmp_path):
    path = tmp_path / "documents.jsonl"
    write_documents_jsonl(extraction, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return text, [json.loads(line) for line in text.splitlines()]


def test_one_line_per_document_in_order(documents):
    _, rows = documents
    assert [r["doc"] for r in rows] == [D1, D2, D3]
    assert list(rows[0]) == ["doc", "title", "date", "script", "entities", "relations"]
    assert rows[0]["title"] == "习近平会见法国总统马克龙"
    assert rows[0]["date"] == "2024-11-05"


def test_not_ascii_escaped(documents):
    text, _ = documents
    assert "习近平" in text


def test_entities_sorted_by_type_then_name(documents):
    _, rows = documents
    ents = rows[1]["entities"]
    keys = [(ENTITY_TYPES.index(e["type"]), e["name"]) for e in ents]
    assert keys == sorted(keys)
    assert ents[0] == {"name": "王毅", "type": "Person", "aliases": []}
    assert {"name": "中国国际进口博览会", "type": "Event", "aliases": ["进博会"]} in ents


def test_document_level_names(documents):
    _, rows = documents
    evil = rows[2]
    assert {e["name"] for e in evil["entities"]} == {"华为", EVIL}
    (rel,) = evil["relations"]
    assert rel["head"] == "华为" and rel["tail"] == EVIL and rel["type"] == "cooperates_with"
    assert "<script>alert(1)</script>" in rel["evidence"]
    assert rel["rule"] == "cooperate_verb"


def test_relations_with_first_evidence(documents):
    _, rows = documents
    rels = rows[0]["relations"]
    assert list(rels[0]) == ["head", "type", "tail", "evidence", "rule"]
    met = next(r for r in rels if r["type"] == "met")
    assert met["evidence"].startswith("新华社北京11月5日电")
    assert met["rule"] == "meet_verb"
    # Ordered by the sentence of their first evidence.
    assert [r["type"] for r in rels] == ["met", "visited", "proposed"]


# --- entities.csv ------------------------------------------------------------------


def test_entities_csv(extraction, tmp_path):
    path = tmp_path / "entities.csv"
    write_entities_csv(extraction, path)
    rows = read_csv(path)
    assert tuple(rows[0]) == ENTITY_COLUMNS
    assert len(rows) == len(extraction.entities)
    by_id = {r["id"]: r for r in rows}
    bj = by_id[BEIJING]
    assert (bj["type"], bj["name"], bj["aliases"], bj["mentions"], bj["documents"]) == (
        "Place",
        "北京",
        "北京市",
        "2",
        "1",
    )
    assert (bj["adcode"], bj["parent"], bj["lon"], bj["lat"]) == ("110000", "CN", "116.405285", "39.904989")
    assert by_id[EVIL_ORG]["name"] == EVIL
    assert by_id[EVIL_ORG]["aliases"] == '"quotes" & ampersands'
    assert by_id[MACRON]["adcode"] == ""
    types = [ENTITY_TYPES.index(r["type"]) for r in rows]
    assert types == sorted(types)


@pytest.mark.parametrize("name", ["逗号, 分隔", '引号"里"', "换行\n第二行", 'all, of "them"\n'])
def test_awkward_names_survive_csv(extraction, tmp_path, name):
    e = dataclasses.replace(extraction.entities[0], name=name, aliases=("a,b", 'c"d'))
    ex = dataclasses.replace(extraction, entities=(e, *extraction.entities[1:]))
    ent_path, rel_path = tmp_path / "e.csv", tmp_path / "r.csv"
    write_entities_csv(ex, ent_path)
    write_relations_csv(ex, rel_path)
    row = next(r for r in read_csv(ent_path) if r["id"] == e.id)
    assert row["name"] == name
    assert row["aliases"] == 'a,b|c"d'
    heads = {r["head"] for r in read_csv(rel_path) if r["head_id"] == e.id}
    tails = {r["tail"] for r in read_csv(rel_path) if r["tail_id"] == e.id}
    assert heads | tails == {name}


# --- relations.csv -----------------------------------------------------------------


@pytest.fixture
def relation_rows(extraction, tmp_path):
    path = tmp_path / "relations.csv"
    write_relations_csv(extraction, path)
    return read_csv(path)


def test_relations_csv_columns_and_size(relation_rows, extraction):
    assert tuple(relation_rows[0]) == RELATION_COLUMNS
    assert len(relation_rows) == len(extraction.relations) + len(extraction.cooccurrences)
    typed = [r for r in relation_rows if r["type"] != COOCCURS]
    ranks = [RELATION_TYPES.index(r["type"]) for r in typed]
    assert ranks == sorted(ranks)
    # Typed relations come first, co-occurrences after.
    kinds = [r["type"] == COOCCURS for r in relation_rows]
    assert kinds == sorted(kinds)


def test_typed_relation_row(relation_rows):
    met = next(r for r in relation_rows if r["type"] == "met")
    assert (met["head_id"], met["head"], met["tail_id"], met["tail"]) == (XI, "习近平", MACRON, "马克龙")
    assert met["weight"] == "2"
    assert met["evidence_sentences"] == "2"
    assert met["documents"] == "1"
    assert met["pmi"] == met["npmi"] == ""
    assert met["rule"] == "meet_context|meet_verb"
    assert met["first_evidence"] == f"{D1}:新华社北京11月5日电 国家主席习近平5日在北京会见法国总统马克龙。"


def test_cooccurrence_row(relation_rows):
    co = next(
        r for r in relation_rows if r["type"] == COOCCURS and r["head_id"] == XI and r["tail_id"] == MACRON
    )
    assert co["weight"] == "2"
    assert co["documents"] == "1"
    assert co["pmi"] == "1.234568"
    assert co["npmi"] == "0.512346"
    assert co["rule"] == "cooccurrence"
    assert co["first_evidence"].startswith(f"{D1}:新华社")
    evil = next(r for r in relation_rows if r["type"] == COOCCURS and r["head_id"] == HUAWEI)
    assert evil["tail"] == EVIL
    assert "<script>alert(1)</script>" in evil["first_evidence"]


# --- manifest.json -----------------------------------------------------------------

FILES = [
    FileRecord("corpus/002.md", "ok", "", "md", "utf-8", 1),
    FileRecord("corpus/001.txt", "ok", "", "txt", "utf-8", 1),
    FileRecord("corpus/evil.jsonl", "partial", "line 3: not JSON", "jsonl", "gb18030", 1),
    FileRecord("corpus/broken.pdf", "error", "not a supported format", "", "", 0),
]


def write(extraction, path, settings=None):
    write_manifest(
        path,
        files=FILES,
        ex=extraction,
        settings=settings or Settings(),
        backend_info={"backend": "rjieba", "version": "0.2.2"},
        versions={"kg": "0.1.0", "python": "3.11", "rdflib": "7"},
    )


def test_manifest(extraction, tmp_path):
    path = tmp_path / "manifest.json"
    write(extraction, path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert sorted(data) == ["counts", "files", "homonym_candidates", "scripts", "segmenter", "settings", "versions"]
    assert [f["path"] for f in data["files"]] == sorted(f.path for f in FILES)
    evil = next(f for f in data["files"] if f["path"] == "corpus/evil.jsonl")
    assert evil == {
        "path": "corpus/evil.jsonl",
        "status": "partial",
        "reason": "line 3: not JSON",
        "format": "jsonl",
        "encoding": "gb18030",
        "documents": 1,
    }
    counts = data["counts"]
    assert counts["documents"] == 3
    assert counts["sentences"] == 9
    assert counts["entities"] == {
        "Person": 3,
        "Place": 2,
        "Organization": 2,
        "Enterprise": 1,
        "Initiative": 1,
        "Event": 1,
    }
    assert counts["entities_total"] == 10
    assert set(counts["relations"]) == set(RELATION_TYPES)
    assert counts["relations"]["part_of"] == 0
    assert counts["relations"]["met"] == 1
    assert counts["relations_total"] == len(extraction.relations)
    assert counts["cooccurrences"] == len(extraction.cooccurrences)
    # the fixture's documents were never extracted, so no script was told: simplified
    assert counts["scripts"] == {"simplified": 3}
    assert data["scripts"] == {}
    assert data["settings"] == Settings().as_dict()
    assert data["segmenter"]["backend"] == "rjieba"
    assert data["versions"]["kg"] == "0.1.0"
    # indent 2, sorted keys, no timestamps
    assert text.startswith('{\n  "counts": {')
    assert "time" not in text.lower()


def test_everything_deterministic(extraction, tmp_path):
    outputs = []
    for run in ("a", "b"):
        d = tmp_path / run
        write_documents_jsonl(extraction, d / "documents.jsonl")
        write_entities_csv(extraction, d / "entities.csv")
        write_relations_csv(extraction, d / "relations.csv")
        write(extraction, d / "manifest.json")
        outputs.append({p.name: p.read_bytes() for p in sorted(d.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 4
