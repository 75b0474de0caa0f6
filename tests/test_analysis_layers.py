"""Tests of kg.analysis.layers (analyze): filters, reprints, time, periods, centrality in
the node table, and the sample corpus."""

from __future__ import annotations

import networkx as nx
import pytest
from analysis_toy import (
    D1,
    A,
    B,
    C,
    D,
    edge,
    node,
    sample_corpus_analysis,
    toy,
    toy_doc,
    toy_extraction,
)

from kg.analysis import (
    analyze,
)
from kg.config import AnalysisSettings, load_settings
from kg.model import (
    Document,
)


def test_disparity_alpha_of_the_toy_edges() -> None:
    _ex, an = toy()
    w = an.whole
    # strengths: A = 1.5 + 0.5 + 1 = 3, B = 3, C = 2, D = 1; degrees 3, 2, 2, 1
    assert edge(w, A, B)["alpha"] == pytest.approx(min((1 - 1.5 / 3) ** 2, (1 - 1.5 / 3) ** 1))  # 0.25
    assert edge(w, B, C)["alpha"] == pytest.approx(min((1 - 1.5 / 3) ** 1, (1 - 1.5 / 2) ** 1))  # 0.25
    assert edge(w, A, C)["alpha"] == pytest.approx(min((1 - 0.5 / 3) ** 2, (1 - 0.5 / 2) ** 1), abs=1e-6)
    assert edge(w, A, D)["alpha"] == pytest.approx(
        (1 - 1 / 3) ** 2, abs=1e-6
    )  # D has one edge: alpha 1 there


def test_backbone_top_k_and_min_count_filters() -> None:
    _ex, an = toy(backbone=0.3)
    assert {frozenset(e) for e in an.whole.graph.edges} == {frozenset((A, B)), frozenset((B, C))}
    # tables keep every pair, with the verdict
    assert [edge(an.whole, *p)["kept"] for p in ((A, B), (B, C), (A, C), (A, D))] == [1, 1, 0, 0]
    # top 1: A keeps AB, B keeps BC (tie with AB at 1.5: the smaller other id, person/丙 < person/甲),
    # C keeps BC, D keeps AD; AC is nobody's first
    _ex, an = toy(top_k=1)
    assert {frozenset(e) for e in an.whole.graph.edges} == {frozenset(p) for p in ((A, B), (B, C), (A, D))}
    _ex, an = toy(min_count=2)
    assert {frozenset(e) for e in zip(an.whole.edges["a"], an.whole.edges["b"])} == {
        frozenset((A, B)),
        frozenset((B, C)),
    }


# --------------------------------------------------------------------------- duplicates
STORY = (
    "国家主席习近平23日在北京人民大会堂同来华进行国事访问的法国总统马克龙举行会谈。"
    "两国元首就中法关系和共同关心的国际和地区问题深入交换意见，一致同意加强在经贸、航空航天、"
    "民用核能、农业、文化等领域的务实合作。习近平指出，中法都是具有独立自主精神的大国。"
    "马克龙表示，法方愿同中方加强沟通协调，共同应对气候变化等全球性挑战。"
)


@pytest.fixture(scope="module")
def tools():
    from kg.pipeline import make_tools

    return make_tools(load_settings())


def test_a_reprint_is_counted_once(tools) -> None:
    from kg.pipeline import extract_document, merge

    wire = Document("wire", "新华社北京3月23日电（记者谢希瑶）\n" + STORY, date="2024-03-23")
    reprint = Document("reprint", "习近平同马克龙举行会谈\n本报讯 据新华社电\n" + STORY, date="2024-03-24")
    other = Document(
        "other", "晋中市委书记常书铭在榆次区调研，强调要加快推进“晋创谷·晋中”建设。", date="2024-03-23"
    )
    dxs = [extract_document(d, tools) for d in (wire, reprint, other)]
    both = merge(dxs, tools.resources, tools.settings)
    alone = merge([dxs[0], dxs[2]], tools.resources, tools.settings)
    an_both = analyze(both)
    an_alone = analyze(alone)
    # the extraction finds the story's people in both copies ...
    assert {"习近平", "马克龙"} <= {e.name for e in both.entities}
    xi = next(e.id for e in both.entities if e.name == "习近平")
    assert set(both.entity(xi).documents) >= {"wire", "reprint"}
    # ... and the analysis counts the story once: the same nodes and edges as without the reprint
    assert [(g.kept, g.duplicates) for g in an_both.duplicates] == [("wire", ("reprint",))]
    # (but ``mentions``, which counts every document as entities.csv does: an entity named
    # only in the reprint, 新华社 of 据新华社电, is a row with mentions and nothing else)
    def deduped(rows):
        return [{k: v for k, v in r.items() if k != "mentions"} for r in rows if r["mentions_dedup"] or r["units"]]

    assert deduped(an_both.whole.nodes) == deduped(an_alone.whole.nodes)
    assert an_both.whole.edges == an_alone.whole.edges
    assert node(an_both.whole, xi)["documents"] == 1
    assert node(an_both.whole, xi)["mentions"] == both.entity(xi).mentions
    assert node(an_both.whole, xi)["mentions_dedup"] == alone.entity(xi).mentions < both.entity(xi).mentions
    assert an_both.whole.documents == an_alone.whole.documents == 2
    assert next(d for d in an_both.documents if d["id"] == "reprint")["duplicate_of"] == "wire"
    # without detection the reprint counts again
    doubled = analyze(both, AnalysisSettings(duplicates=0))
    assert node(doubled.whole, xi)["documents"] == 2
    assert node(doubled.whole, xi)["mentions"] > node(an_alone.whole, xi)["mentions"]


# --------------------------------------------------------------------------- time
def test_first_and_last_seen() -> None:
    _ex, an = toy()
    w = an.whole
    assert (node(w, A)["first_seen"], node(w, A)["last_seen"]) == ("2024-01-05", "2024-02-10")
    assert (node(w, D)["first_seen"], node(w, D)["last_seen"]) == ("2024-02-10", "2024-02-10")
    assert (edge(w, B, C)["first_seen"], edge(w, B, C)["last_seen"]) == ("2024-01-05", "2024-02-10")
    assert (edge(w, A, B)["first_seen"], edge(w, A, B)["last_seen"]) == ("2024-01-05", "2024-01-05")
    [met] = an.relations
    assert (met["first_seen"], met["last_seen"], met["documents"], met["evidence_sentences"]) == (
        "2024-01-05",
        "2024-02-10",
        2,
        3,
    )


def test_undated_documents_have_no_first_seen_and_no_period() -> None:
    undated = toy_doc("d3", "", [[["A", "C"]]])
    ex = toy_extraction([D1, undated])
    an = analyze(ex, AnalysisSettings(duplicates=0, by="month"))
    assert edge(an.whole, A, C)["first_seen"] == "2024-01-05"  # from d1 only
    assert node(an.whole, C)["first_seen"] == "2024-01-05"
    assert [p.name for p in an.periods] == ["2024-01"]


def test_periods_by_month_and_year() -> None:
    _ex, an = toy(by="month")
    assert [(p.name, p.documents, p.units) for p in an.periods] == [("2024-01", 1, 4), ("2024-02", 1, 4)]
    jan, feb = an.periods
    assert edge(jan, A, B)["count"] == 2 and edge(feb, B, C)["count"] == 1
    with pytest.raises(KeyError):
        edge(feb, A, B)
    assert {row["id"] for row in jan.nodes} == {A, B, C}
    _ex, an = toy(by="year")
    assert [p.name for p in an.periods] == ["2024"]
    assert an.periods[0].edges == an.whole.edges
    assert an.timeline[""] == {"2024-01": 1, "2024-02": 1}
    assert an.timeline[A] == {"2024-01": 3, "2024-02": 2}


def test_centrality_in_the_node_table() -> None:
    _ex, an = toy()
    w = an.whole
    # graph: A-B, B-C, A-C, A-D; A lies on every shortest path from D
    assert node(w, A)["degree"] == 3 and node(w, D)["degree"] == 1
    assert node(w, A)["weighted_degree"] == pytest.approx(3.0)
    assert node(w, A)["betweenness"] == pytest.approx(nx.betweenness_centrality(w.graph)[A], abs=1e-6)
    assert node(w, D)["betweenness"] == 0.0
    assert sum(row["pagerank"] for row in w.nodes) == pytest.approx(1.0, abs=1e-5)
    assert all(row["community"] >= 1 for row in w.nodes)


# --------------------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def sample():
    return sample_corpus_analysis()


def test_sample_corpus_leaves_bylines_out(sample) -> None:
    ex, an = sample
    reporters = {"闫杰", "刘通", "李兆民", "孙荣祥", "谢希瑶", "郑钧天", "刘冬冬", "张文军"}
    # the extraction finds the reporters ...
    found = {m.key for dx in ex.docs for m in dx.mentions} & reporters
    assert len(found) >= 5, found
    # ... the analysis does not count them
    assert not {row["name"] for row in an.whole.nodes} & reporters
    # nor the papers of the bylines and source notes (山西日报记者刘通摄, (据《山西日报》))
    assert "山西日报" in {e.name for e in ex.entities}
    assert "山西日报" not in {row["name"] for row in an.whole.nodes}
