"""Tests of kg.sparql.bundled: the bundled research queries on the sample corpus, their
parameters and query resolution.

The sample corpus (``data/corpus``) is built once per session into a temporary directory
(the ``sample_export`` fixture of tests/conftest.py); each bundled query runs on
it and its rows are checked against what the five documents say. A small hand-written Turtle
graph covers what the sample lacks (a ``kg:partOf`` chain below a city).
"""

from __future__ import annotations

import json
import re

import pytest
from test_query import pairs, select

from kg.errors import QueryError
from kg.sparql.bundled import (
    apply_params,
    bundled_queries,
    bundled_query,
    param_term,
    queries_dir,
    resolve_query,
)
from kg.sparql.prefixes import PREFIXES
from kg.sparql.store import GraphStore

KG = PREFIXES["kg"]
ID = PREFIXES["id"]


# --------------------------------------------------------------------------- bundled queries
def test_there_are_at_least_ten_bundled_queries_each_with_its_question() -> None:
    queries = bundled_queries()
    assert len(queries) >= 10
    for q in queries:
        assert q.path.parent == queries_dir()
        assert q.question.endswith("?"), q.name
        assert re.search(r"[\u4e00-\u9fff]", q.question_zh), q.name
        assert q.params, f"{q.name} declares no parameter"
        for p in q.params:
            assert p.description and p.default, (q.name, p.name)


def test_every_bundled_query_is_covered_by_a_test_below() -> None:
    assert {q.name for q in bundled_queries()} == set(EXPECTED)


def test_officials_of_a_province(sample_store) -> None:
    rows = select(sample_store, "@officials-of-province")
    found = pairs(rows, "personName", "bodyName")
    assert {
        ("常书铭", "晋中市委"),
        ("刘俊义", "山西省科技厅"),
        ("闫林", "山西省工业和信息化厅"),
        ("潘海燕", "山西省工业和信息化厅"),
        ("赵江燕", "山西省发改委"),
        ("冀杰", "山西新元煤炭有限责任公司"),
    } <= found
    bodies = {body for _person, body in found}
    # bodies of other provinces and national bodies are not Shanxi's
    assert not bodies & {"宁德市委", "四川省委", "国务院", "中共中央政治局", "全国人民代表大会"}
    # another province through the parameter: 潘国强 is 宁德市委书记 (Fujian)
    fujian = pairs(
        select(sample_store, "@officials-of-province", provinceName="福建"), "personName", "bodyName"
    )
    assert fujian == {("潘国强", "宁德市委"), ("潘国强", "宁德市")}


def test_enterprises_in_a_city_by_administrative_code(sample_store) -> None:
    rows = select(sample_store, "@enterprises-in-city")
    # 祁县红海玻璃公司 and 灵石县广宇通科技 keep their county in the name and give no
    # located_in (GUIDELINES); 寿阳县 | 山西新元煤炭有限责任公司 is a county before a name
    # that opens with its own place
    assert pairs(rows, "enterpriseName", "placeName") >= {("山西新元煤炭有限责任公司", "寿阳县")}
    assert all(r["adcode"].startswith("1407") for r in rows)
    assert select(sample_store, "@enterprises-in-city", cityName="天津") == []


def test_enterprises_in_a_city_through_a_part_of_chain(tmp_path) -> None:
    """A village without a code, part of a town, part of a county of the city: the
    property path finds the enterprise; a place elsewhere does not count."""
    (tmp_path / "graph.ttl").write_text(
        f"""
        @prefix kg: <{KG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix id: <{ID}> .
        id:place\\/cn-140700 a kg:Place ; rdfs:label "晋中市"@zh ; kg:adcode "140700" .
        id:place\\/town a kg:Place ; rdfs:label "某镇"@zh ; kg:partOf id:place\\/cn-140700 .
        id:place\\/village a kg:Place ; rdfs:label "某村"@zh ; kg:partOf id:place\\/town .
        id:place\\/far a kg:Place ; rdfs:label "远村"@zh .
        id:enterprise\\/a a kg:Enterprise ; rdfs:label "甲公司"@zh ; kg:locatedIn id:place\\/village .
        id:enterprise\\/b a kg:Enterprise ; rdfs:label "乙公司"@zh ; kg:locatedIn id:place\\/far .
        """,
        encoding="utf-8",
    )
    with GraphStore.open(tmp_path) as gs:
        rows = select(gs.store, "@enterprises-in-city", cityName="晋中市")
    assert [(r["enterpriseName"], r["placeName"]) for r in rows] == [("甲公司", "某村")]


def test_events_and_their_attendees(sample_store) -> None:
    rows = select(sample_store, "@events-and-attendees")
    top = rows[0]
    assert top["eventName"] == "新时代推动西部大开发座谈会"
    assert int(top["attendees"]) >= 9
    assert {"习近平", "李强", "蔡奇", "丁薛祥", "袁家军"} <= set(top["who"].split("、"))
    assert top["where"] == "重庆市"
    attended = {r["eventName"]: set(r["who"].split("、")) for r in rows}
    assert attended["全球发展高层对话会"] == {"习近平"}
    # the parameter keeps only events with many attendees
    assert [r["eventName"] for r in select(sample_store, "@events-and-attendees", minAttendees="5")] == [
        "新时代推动西部大开发座谈会"
    ]


def test_initiatives_and_their_participants(sample_store) -> None:
    rows = {
        r["initiativeName"]: set(r["who"].split("、"))
        for r in select(sample_store, "@initiative-participants")
    }
    assert {"山西省", "长治市"} <= rows["能源革命综合改革试点"]
    assert "中共中央" in rows["西部大开发"]
    # 国家发展改革委主任郑栅洁…先后发言，就推动西部大开发…: the body of a titled speaker
    # does not take part by that sentence (the gold has 中共中央 alone)
    assert "国家发展和改革委员会" not in rows["西部大开发"]
    assert "吕梁市" in rows["黄河流域横向生态补偿试点"]


def test_who_proposed_what(sample_store) -> None:
    rows = select(sample_store, "@who-proposed-what")
    assert pairs(rows, "proposerName", "initiativeName") >= {
        ("习近平", "全球发展倡议"),
        ("习近平", "全球安全倡议"),
        ("习近平", "全球文明倡议"),
        ("习近平", "一带一路"),
    }
    for r in rows:  # each answer comes with a sentence naming the initiative
        assert r["initiativeName"] in r["evidence"]
    # the parameter keeps proposers of one type, persons by default: the persons'
    # proposals and the places' are apart
    persons = pairs(select(sample_store, "@who-proposed-what", proposerType="kg:Person"), "proposerName", "initiativeName")
    places = pairs(select(sample_store, "@who-proposed-what", proposerType="kg:Place"), "proposerName", "initiativeName")
    assert persons == pairs(rows, "proposerName", "initiativeName") and not persons & places
    assert not any(who == "习近平" for who, _what in places)
    # 支持其设立“吕梁生态银行”，开展林业碳汇交易试点 states no proposal by 吕梁市 of the 试点
    assert ("吕梁市", "林业碳汇交易试点") not in places


def test_cooccurrence_partners(sample_store) -> None:
    rows = select(sample_store, "@cooccurrence-partners")
    assert rows[0]["partnerName"] == "中国"
    counts = [int(r["sentences"]) for r in rows]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    names = {r["partnerName"] for r in rows}
    assert {"中国", "山西省", "河北省"} <= names
    for r in rows:
        assert -1.0 <= float(r["npmi"]) <= 1.0
    # a lower threshold gives more partners, a higher one fewer
    assert len(select(sample_store, "@cooccurrence-partners", minCount="5")) < len(rows)


def test_evidence_behind_a_relation(sample_store) -> None:
    rows = select(sample_store, "@relation-evidence")
    assert rows, "习近平 proposed 全球发展倡议 has evidence"
    docs = {}
    for r in rows:
        assert "全球发展倡议" in r["sentence"] and r["rule"].startswith("proposed")
        assert int(r["start"]) < int(r["end"])
        docs.setdefault(r["document"], []).append(r)
    # the offsets index the document text (documents.jsonl is not needed: read the file)
    assert set(docs) == {"000_8a172954b6b5d8ba"}
    # another relation through the parameters
    post = select(
        sample_store,
        "@relation-evidence",
        headName="常书铭",
        relation="kg:holdsPosition",
        tailName="晋中市委",
    )
    assert post and all("常书铭" in r["sentence"] for r in post)


def test_mentions_per_month(sample_store) -> None:
    rows = select(sample_store, "@mentions-per-month")
    months = {r["month"]: (int(r["documentsNaming"]), int(r["documents"])) for r in rows}
    # 001 is dated 2022-05-26 in its front matter and names 习近平
    assert months["2022-05"] == (1, 1)
    assert all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months)
    assert [r["month"] for r in rows] == sorted(months)
    assert all(naming <= total for naming, total in months.values())


def test_places_visited_by_a_person(sample_store) -> None:
    rows = select(sample_store, "@places-visited")
    assert rows[0]["placeName"] == "山西省" and int(rows[0]["weight"]) >= 2
    assert (rows[0]["adcode"], rows[0]["lat"][:5], rows[0]["long"][:6]) == ("140000", "37.87", "112.56")
    assert {"美国", "希腊", "巴黎"} <= {r["placeName"] for r in rows}
    assert pairs(select(sample_store, "@places-visited", personName="马克龙"), "placeName", "weight") == {
        ("中国", "1")
    }


def test_cooperating_bodies(sample_store) -> None:
    rows = select(sample_store, "@cooperating-bodies")
    # named source and target as in relations.csv
    found = {frozenset((r["sourceName"], r["targetName"])) for r in rows}
    assert frozenset(("山西国际能源集团", "榆社县人民政府")) in found
    assert frozenset(("天津市", "吕梁市")) in found
    for r in rows:
        assert r["sourceName"][:2] in r["evidence"] or r["targetName"][:2] in r["evidence"]


def test_places_in_a_province_with_coordinates(sample_store) -> None:
    rows = select(sample_store, "@places-in-province")
    by_code = {r["adcode"]: r["placeName"] for r in rows}
    assert {
        "140000": "山西省",
        "140700": "晋中市",
        "140727": "祁县",
        "141100": "吕梁市",
    }.items() <= by_code.items()
    assert all(code.startswith("14") for code in by_code)
    assert list(by_code) == sorted(by_code)
    for r in rows:  # Shanxi lies between 34.5 and 40.8 N, 110 and 114.6 E
        assert 34.5 < float(r["lat"]) < 40.8 and 110.0 < float(r["long"]) < 114.6


def test_documents_naming_two_entities(sample_store) -> None:
    rows = select(sample_store, "@documents-naming-both")
    docs = {r["document"]: int(r.get("together", 0)) for r in rows}
    assert docs["001_63a78f89bb4a24b3"] >= 1
    assert len(docs) >= 3
    together = [int(r["together"]) for r in rows if "together" in r]
    assert together == sorted(together, reverse=True)
    dated = next(r for r in rows if r["document"] == "001_63a78f89bb4a24b3")
    assert dated["date"] == "2022-05-26" and dated["title"] == "在高质量转型发展上迈出更大步伐"
    # 希腊 is named in one document only
    assert [r["document"] for r in select(sample_store, "@documents-naming-both", secondName="希腊")] == [
        "000_8a172954b6b5d8ba"
    ]


def test_relation_counts(sample_store, sample_export) -> None:
    rows = select(sample_store, "@relation-counts")
    counts = {r["relation"].removeprefix(KG): (int(r["relations"]), int(r["sentences"])) for r in rows}
    manifest = json.loads((sample_export / "manifest.json").read_text(encoding="utf-8"))
    assert {name: n for name, (n, _s) in counts.items()} == {
        _camel(t): n for t, n in manifest["counts"]["relations"].items()
    }
    assert all(sentences >= n for n, sentences in counts.values())
    assert [r["relations"] for r in rows] == sorted((r["relations"] for r in rows), key=int, reverse=True)


def test_who_met_whom(sample_store) -> None:
    rows = select(sample_store, "@who-met-whom")
    assert ("德沃切克", "000_8a172954b6b5d8ba") in pairs(rows, "otherName", "document")
    assert all("德沃切克" in r["evidence"] for r in rows if r["otherName"] == "德沃切克")
    # symmetric: asked from the other side, 习近平 is found
    assert "习近平" in {r["otherName"] for r in select(sample_store, "@who-met-whom", personName="德沃切克")}


EXPECTED = {
    "officials-of-province",
    "enterprises-in-city",
    "events-and-attendees",
    "initiative-participants",
    "who-proposed-what",
    "cooccurrence-partners",
    "relation-evidence",
    "mentions-per-month",
    "places-visited",
    "cooperating-bodies",
    "places-in-province",
    "documents-naming-both",
    "relation-counts",
    "who-met-whom",
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


# --------------------------------------------------------------------------- parameters
def test_param_terms_keep_the_kind_of_the_default() -> None:
    assert param_term('"山西"@zh', "晋中") == '"晋中"@zh'
    assert param_term('"x"', "y") == '"y"'
    assert param_term("kg:proposed", "<http://example.org/p>") == "<http://example.org/p>"
    assert param_term("1", "-2.5") == "-2.5"
    with pytest.raises(QueryError, match="not a number"):
        param_term("1", "many")
    with pytest.raises(QueryError, match="not an IRI"):
        param_term("kg:proposed", "} DELETE {")


def test_a_parameter_value_cannot_inject_sparql(sample_store) -> None:
    hostile = '山西"@zh } ?x ?y ?z . FILTER(true) } #'
    text = apply_params(bundled_query("officials-of-province").text, {"provinceName": hostile})
    assert select(sample_store, text) == []  # one odd literal, no extra pattern


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(QueryError, match=r"\?nope"):
        apply_params(bundled_query("places-visited").text, {"nope": "x"})


def test_a_bundled_query_header_is_checked(tmp_path, monkeypatch) -> None:
    from kg.sparql import query as q

    bad = tmp_path / "bad.rq"
    bad.write_text(
        "# Question: What?\n# 问题：什么？\n# Parameters:\n#   ?x  a thing\nSELECT * {}\n", encoding="utf-8"
    )
    with pytest.raises(QueryError, match=r"bad\.rq:4: parameter \?x"):
        q.parse_bundled(bad)
    bare = tmp_path / "bare.rq"
    bare.write_text("SELECT * {}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bare\.rq:1"):
        q.parse_bundled(bare)


# --------------------------------------------------------------------------- resolution
def test_resolve_query_by_name_file_or_text(tmp_path) -> None:
    text, source = resolve_query("@places-visited")
    assert source == "@places-visited" and "kg:visited" in text
    f = tmp_path / "mine.rq"
    f.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(f)) == ("ASK { ?s ?p ?o }", str(f))
    assert resolve_query("ASK { ?s ?p ?o }") == ("ASK { ?s ?p ?o }", "query")
    with pytest.raises(QueryError, match="missing.rq: no such file"):
        resolve_query(str(tmp_path / "missing.rq"))
    with pytest.raises(QueryError, match="no such bundled query.*places-visited"):
        resolve_query("@nope")
