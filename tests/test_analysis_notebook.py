"""Tests of kg.analysis.notebook: kg.load reads an analysis or a build back."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_toy import (
    EVIL,
    written_toy,
)

import kg
from kg.analysis import (
    load,
)
from kg.errors import QueryError


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, object]:
    return written_toy(tmp_path_factory.mktemp("analysis"))


def test_load_an_analysis(written) -> None:
    out, an = written
    k = kg.load(out)
    assert set(k.graph.nodes) == set(an.whole.graph.nodes)
    assert list(k.entities.columns[:3]) == ["id", "name", "type"]
    assert len(k.entities) == len(an.whole.nodes)
    row = k.cooccurrences[
        (k.cooccurrences["source_name"] == "乙") & (k.cooccurrences["target_name"] == "甲")
        | (k.cooccurrences["source_name"] == "甲") & (k.cooccurrences["target_name"] == "乙")
    ].iloc[0]
    assert (row["count"], row["weight"]) == (2, 1.5)
    assert k.entities.set_index("id").loc[f"person/{EVIL}", "name"] == EVIL
    assert set(k.documents["id"]) == {"d1", "d2", "evil"}
    assert k.summary["counts"]["documents"] == 3
    assert "nodes" in repr(k)


def test_load_a_build_without_analysis(extraction, tmp_path) -> None:
    from kg.export import tables

    tables.write_entities_csv(extraction, tmp_path / "entities.csv")
    tables.write_relations_csv(extraction, tmp_path / "relations.csv")
    tables.write_documents_jsonl(extraction, tmp_path / "documents.jsonl")
    k = load(tmp_path)
    assert len(k.entities) == len(extraction.entities)
    assert len(k.cooccurrences) == len(extraction.cooccurrences)
    assert len(k.relations) == len(extraction.relations)
    assert k.graph.number_of_edges() == len(extraction.cooccurrences)
    assert len(k.documents) == len(extraction.docs)


def test_load_an_empty_folder_is_an_error(tmp_path) -> None:
    with pytest.raises(QueryError, match="no kg output"):
        load(tmp_path)


def test_load_reads_excel_tables_with_codes_as_text(extraction, tmp_path) -> None:
    from kg.export import tables

    tables.write_entities_csv(extraction, tmp_path / "entities.csv", excel=True)
    tables.write_relations_csv(extraction, tmp_path / "relations.csv", excel=True)
    k = load(tmp_path)
    # the byte-order mark is not part of the first column's name
    assert list(k.entities.columns[:4]) == ["id", "name", "type", "iri"]
    beijing = k.entities.set_index("id").loc["place/cn-110000"]
    assert beijing["adcode"] == "110000" and isinstance(beijing["adcode"], str)
    assert beijing["lon"] == pytest.approx(116.405285)
    assert list(k.relations.columns[:3]) == ["source", "target", "relation"]
    assert set(k.graph.nodes) >= set(k.cooccurrences["source"]) | set(k.cooccurrences["target"])
    assert set(k.graph.nodes) == set(k.entities["id"])


def test_load_reads_an_export_made_before_the_shared_column_names(tmp_path) -> None:
    (tmp_path / "entities.csv").write_text(
        "id,type,name,aliases,mentions,documents,adcode,parent,lon,lat\n"
        "Place:北京,Place,北京,,2,1,110000,CN,116.4,39.9\n"
        "Person:甲,Person,甲,,1,1,,,,\n",
        encoding="utf-8",
    )
    (tmp_path / "relations.csv").write_text(
        "head_id,head,type,tail_id,tail,weight,evidence_sentences,documents,pmi,npmi,rule,first_evidence\n"
        "Person:甲,甲,visited,Place:北京,北京,1,1,1,,,visit,d1:甲到北京。\n"
        "Person:甲,甲,co_occurs_with,Place:北京,北京,2,2,1,0.5,0.25,cooccurrence,d1:甲到北京。\n",
        encoding="utf-8",
    )
    k = load(tmp_path)
    assert k.entities.set_index("id").loc["Place:北京", "adcode"] == "110000"
    assert k.relations[["source", "relation", "target_name"]].values.tolist() == [["Person:甲", "visited", "北京"]]
    assert k.graph.number_of_edges() == 1 and k.graph["Person:甲"]["Place:北京"]["weight"] == 2.0
