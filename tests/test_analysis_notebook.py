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
        (k.cooccurrences["a_name"] == "乙") & (k.cooccurrences["b_name"] == "甲")
        | (k.cooccurrences["a_name"] == "甲") & (k.cooccurrences["b_name"] == "乙")
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
