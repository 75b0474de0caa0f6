"""Tests of kg.sparql.query: the bundled research queries on the sample corpus, parameters, query
resolution and the result formats.

The sample corpus (``data/corpus``) is built once per session into a temporary directory
(``sample_export``); each bundled query runs on it and its rows are checked against what
the five documents say. Small hand-written Turtle graphs cover what the sample lacks (a
``kg:partOf`` chain below a city, hostile strings).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.sparql.query import (
    FORMATS,
    MAX_QUERY_LENGTH,
    PREFIXES,
    UPDATE_REFUSED,
    QueryResult,
    QuerySyntaxError,
    QueryTooLarge,
    ServiceRefused,
    UpdateRefused,
    apply_params,
    bundled_queries,
    bundled_query,
    check_query,
    compact_iri,
    execute,
    format_result,
    nesting_depth,
    param_term,
    queries_dir,
    resolve_query,
    run,
    width,
)
from kg.resources import default_data_dir
from kg.sparql.store import GraphStore

REPO = Path(__file__).resolve().parent.parent
SAMPLE = default_data_dir() / "corpus"
KG = PREFIXES["kg"]
ID = PREFIXES["id"]


def sample_export_dir(tmp_path_factory) -> Path:
    """One build of the sample corpus per session, shared by the query and server tests
    (same directory, so only the first caller builds)."""
    from kg.config import Settings
    from kg.pipeline import build

    out = tmp_path_factory.getbasetemp() / "sample-export"
    if not (out / "manifest.json").is_file():
        build([SAMPLE], out, Settings())
    return out


@pytest.fixture(scope="session")
def sample_export(tmp_path_factory) -> Path:
    return sample_export_dir(tmp_path_factory)


@pytest.fixture(scope="session")
def sample_store(sample_export):
    with GraphStore.open(sample_export) as gs:
        yield gs.store


def select(store: ox.Store, spec: str, **params: str) -> list[dict[str, str]]:
    """Rows of a query as {variable: lexical value} (unbound variables left out)."""
    text, source = resolve_query(spec)
    if params:
        text = apply_params(text, params)
    result = execute(store, text, source=source)
    assert result.kind == "select"
    return [
        {v: t.value for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]


def pairs(rows: list[dict[str, str]], a: str, b: str) -> set[tuple[str, str]]:
    return {(r[a], r[b]) for r in rows}


# --------------------------------------------------------------------------- prefixes
def test_prefixes_agree_with_the_export_vocabulary() -> None:
    from kg.export import rdf

    for name, ns in rdf.PREFIXES.items():
        assert PREFIXES[name] == str(ns), name
    assert PREFIXES["id"] == str(rdf.ID)
    assert PREFIXES["rdf"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert PREFIXES["owl"] == "http://www.w3.org/2002/07/owl#"


def test_a_query_needs_no_prefix_lines_and_its_own_prefix_wins(sample_store) -> None:
    rows = select(sample_store, 'SELECT ?p WHERE { ?p a kg:Person ; rdfs:label "习近平"@zh }')
    assert rows == [{"p": ID + "person/%E4%B9%A0%E8%BF%91%E5%B9%B3"}]
    # a PREFIX line of the query rebinds kg:, so the same pattern finds nothing
    redefined = "PREFIX kg: <http://example.org/other#>\n" + "SELECT ?p WHERE { ?p a kg:Person }"
    assert select(sample_store, redefined) == []


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
    assert {"中共中央", "国家发展和改革委员会"} <= rows["西部大开发"]
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
    places = select(sample_store, "@who-proposed-what", proposerType="kg:Place")
    assert ("吕梁市", "林业碳汇交易试点") in pairs(places, "proposerName", "initiativeName")


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
    found = {frozenset((r["aName"], r["bName"])) for r in rows}
    assert frozenset(("山西国际能源集团", "榆社县人民政府")) in found
    assert frozenset(("天津市", "吕梁市")) in found
    for r in rows:
        assert r["aName"][:2] in r["evidence"] or r["bName"][:2] in r["evidence"]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SELECT ?x WHERE { ?x ?y }",
            r'query: line 1, column \d+: syntax error at the end of the query, after "',
        ),
        (
            "SELECT * { ?s ex:p ?o }",
            r"query: line 1, column \d+: unknown prefix ex: \(declare it with PREFIX\); near",
        ),
        (
            "SELECT * { ?s ?p ?o } GROUP BY ?s",
            r"query: line 1, column \d+: SELECT \* is not authorized with GROUP BY; at the end",
        ),
        ("SELECT * {\n  ?s ?p <a b> .\n}", r'query: line 2, column \d+: invalid IRI; near "'),
        ("SELECT * { ?s ?p ?o } junk", r"query: line 1, column \d+: syntax error"),
    ],
)
def test_syntax_errors_are_one_line_with_the_position(sample_store, text, expected) -> None:
    with pytest.raises(QuerySyntaxError) as e:
        execute(sample_store, text, source="query")
    msg = str(e.value)
    assert re.match(expected, msg), msg
    assert "\n" not in msg and len(msg) < 200 and "expected one of" not in msg


UPDATES = [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "insert data { <http://e/a> <http://e/b> <http://e/c> }",
    "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }",
    "# a comment\nCLEAR ALL",
    "BASE <http://e/> DROP GRAPH <g>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CREATE GRAPH <http://e/g>",
    "COPY DEFAULT TO <http://e/g>",
    "ADD <http://e/a> TO <http://e/b>",
    "MOVE <http://e/a> TO <http://e/b>",
    "DELETE DATA { <http://e/a> <http://e/b> <http://e/c> } ; INSERT DATA { <http://e/a> <http://e/b> 1 }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> ",  # a broken update is still an update
]


@pytest.mark.parametrize("text", UPDATES)
def test_every_update_is_refused_in_the_same_words(sample_store, text) -> None:
    with pytest.raises(UpdateRefused) as e:
        execute(sample_store, text, source="query")
    assert str(e.value) == f"query: {UPDATE_REFUSED}"


def test_kg_query_refuses_an_update_before_opening_the_store(tmp_path) -> None:
    with pytest.raises(UpdateRefused, match="read-only"):
        run(tmp_path / "no-such-dir", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")


def test_long_or_deeply_nested_queries_are_refused_before_parsing(sample_store) -> None:
    bomb = "SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    with pytest.raises(QueryTooLarge, match="brackets nest 5002 deep in the query; the limit is 100"):
        execute(sample_store, bomb)
    with pytest.raises(QueryTooLarge, match="characters long; the limit is 65536"):
        execute(sample_store, "ASK { ?s ?p ?o }" + " " * MAX_QUERY_LENGTH)
    # brackets in strings and comments do not count
    assert nesting_depth('SELECT * { ?s ?p "((((((((" } # ((((((') == 1
    deep_but_fine = "ASK { FILTER(" + "(" * 60 + "true" + ")" * 60 + ") }"
    assert execute(sample_store, deep_but_fine).boolean is True


# --------------------------------------------------------------------------- SERVICE
class Listener:
    """A TCP listener on a free loopback port that counts the connections it receives."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/ssrf-probe"
        self.hits: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.hits.append(conn.recv(200))
            except OSError:
                self.hits.append(b"")
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    lis = Listener()
    yield lis
    lis.close()


def service_spellings(url: str) -> list[str]:
    """SERVICE written every way that reached a listener in the attack report, and more."""
    body = "{ ?a ?b ?c }"
    return [
        f"SELECT * {{ SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1.5SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1e1SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1e1sErViCe silent <{url}> {body} }}",
        f'SELECT * {{ ?s ?p "x"SERVICE <{url}> {body} }}',
        f"SELECT * {{ ?s ?p ?o.SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p ?o #x\rSERVICE <{url}> {body} \n }}",  # a CR ends a comment for Oxigraph only
        f"SELECT * {{ ?s ?p ?o OPTIONAL{{SERVICE <{url}> {body}}} }}",
        f"SELECT * {{ ?s ?p ?o MINUS{{SERVICE <{url}> {body}}} }}",
        f"SELECT * {{ ?s ?p ?o FILTER EXISTS{{SERVICE <{url}> {body}}} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE\t<{url}> {body} }} }} }}",
        f"ASK {{ SERVICE <{url}> {body} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{url}> {body} }}",
        f"DESCRIBE ?a WHERE {{ SERVICE <{url}> {body} }}",
        f"PREFIX p: <{url}> SELECT * {{ SERVICE p: {body} }}",
        f"BASE <{url}> SELECT * {{ SERVICE <> {body} }}",
        f"SELECT * {{ SERVICE ?svc {body} VALUES ?svc {{ <{url}> }} }}",
        f'SELECT * {{ ?s ?p "\\u005C" SERVICE <{url}> {body} "" }}',
    ]


def test_every_service_spelling_is_refused_and_nothing_reaches_the_listener(sample_store, listener) -> None:
    before = len(listener.hits)
    for text in service_spellings(listener.url):
        with pytest.raises((ServiceRefused, QuerySyntaxError)):
            check_query(text)
        with pytest.raises((ServiceRefused, QuerySyntaxError)):
            execute(sample_store, text)
    assert len(listener.hits) == before


def test_words_that_only_look_like_service_are_fine(sample_store) -> None:
    for text in [
        'SELECT * { ?s ?p "SERVICE" } LIMIT 1',
        "SELECT * { ?s <http://e/SERVICE> ?o }",
        "SELECT * { ?s ?p ?o } LIMIT 1 # SERVICE <http://x/> { }",
        "SELECT ?service { ?service ?p ?o } LIMIT 1",
        "PREFIX service: <http://e/> SELECT * { ?s service:p ?o }",
        "SELECT * { ?s schema:Service ?o }",
    ]:
        assert execute(sample_store, text).kind == "select"


HEADS = [
    "?o",
    "?o .",
    "1",
    "1.5",
    "1e1",
    ".5e-3",
    "+1",
    '"x"',
    "'x'",
    '"""x"""',
    '"x"@en',
    '"1"^^xsd:integer',
    "<http://e/o>",
    "kg:o",
    "true",
    "[]",
    "()",
    ")",
    "}",
    ";",
    ",",
    "_:b",
]


def _glue():
    from hypothesis import strategies as st

    spaces = st.sampled_from(
        ["", " ", "\t", "\n", "\r", "\r\n", " # c\n", " # c\r", "\u00a0", "\x0b", "\x0c"]
    )
    keyword = st.sampled_from(
        ["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT", "service silent"]
    )
    return st.tuples(st.sampled_from(HEADS), spaces, keyword, spaces)


def _store_matching_every_head() -> ox.Store:
    """A store where ``?s ?p HEAD`` matches for every head that is a term, so Oxigraph
    reaches the SERVICE clause after it."""
    store = ox.Store()
    prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    for head in HEADS:
        for term in (head, head.rstrip(" .")):
            try:
                quads = list(
                    ox.parse(f"{prologue}<http://e/s> <http://e/p> {term} .\n", format=ox.RdfFormat.TURTLE)
                )
            except SyntaxError:
                continue
            store.extend(quads)
    return store


def test_generated_service_spellings_never_reach_the_network() -> None:
    """Hypothesis writes SERVICE glued to numbers, strings, IRIs and punctuation, with
    every kind of space and comment around it. Each text is either refused by
    ``check_query`` or, if it passes, run by Oxigraph itself on a store where the
    pattern before it matches: the guarded listener must never be called. The same
    texts run without the check reach a control listener, so the texts are dangerous."""
    from hypothesis import HealthCheck, given, settings

    guarded, control = Listener(), Listener()
    store = _store_matching_every_head()
    passed: list[str] = []

    def run(text: str) -> None:
        try:
            result = store.query(text, prefixes=PREFIXES)
            list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        except (SyntaxError, OSError, RuntimeError):
            pass

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(_glue())
    def one(parts) -> None:
        head, sep1, keyword, sep2 = parts

        def text_for(url: str) -> str:
            return f"SELECT * {{ ?s ?p {head}{sep1}{keyword}{sep2}<{url}> {{ ?a ?b ?c }} }}"

        run(text_for(control.url))
        text = text_for(guarded.url)
        try:
            checked = check_query(text)
        except (ServiceRefused, QuerySyntaxError, UpdateRefused):
            return
        passed.append(text)
        run(checked)

    try:
        one()
        import time

        time.sleep(0.3)  # let the listeners' threads record the last connections
        assert guarded.hits == [], f"reached the listener: {passed}"
        assert len(control.hits) >= 20 and all(h.startswith(b"POST /ssrf-probe") for h in control.hits if h)
    finally:
        guarded.close()
        control.close()


def test_run_rebuilds_a_damaged_store_and_says_so(tmp_path, monkeypatch) -> None:
    import kg.sparql.query as query_mod
    from kg.sparql.store import StoreDamaged

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    notices: list[str] = []
    assert run(out, "ASK { ?s ?p ?o }", notices=notices) == "true\n" and notices == []
    with GraphStore.open(out) as gs:
        damaged = gs.info.path
    (damaged / "CURRENT").write_bytes(b"")  # found damaged when the store is opened
    assert run(out, "ASK { ?s ?p ?o }", notices=notices) == "true\n"
    assert len(notices) == 1 and notices[0].startswith(f"{damaged}: the query store is damaged (Corruption")
    assert notices[0].endswith("; rebuilt it from graph.ttl")

    # found damaged while a query reads it (RocksDB checks blocks as it reads them)
    class Corrupt:
        def query(self, *_a, **_k):
            raise RuntimeError("Corruption: block checksum mismatch: stored = 1, computed = 2")

    with pytest.raises(StoreDamaged, match=r"^q: the query store is damaged \(Corruption: block checksum"):
        execute(Corrupt(), "ASK { ?s ?p ?o }", source="q")
    real, failed = query_mod.execute, []

    def fails_once(store, text, **kw):
        if not failed:
            failed.append(True)
            return real(Corrupt(), text, **kw)
        return real(store, text, **kw)

    monkeypatch.setattr(query_mod, "execute", fails_once)
    notices.clear()
    assert run(out, "ASK { ?s ?p ?o }", notices=notices) == "true\n"
    assert notices == [
        f"{notices[0].split(':', 1)[0]}: the query store is damaged (Corruption: block checksum mismatch: "
        + "stored = 1, computed = 2); rebuilt it from graph.ttl"
    ]


def test_run_formats_a_bundled_query(sample_export) -> None:
    out = run(sample_export, "@places-visited", params={"personName": "马克龙"}, fmt="csv")
    assert list(csv.reader(io.StringIO(out))) == [
        ["placeName", "weight", "adcode", "lat", "long"],
        ["中国", "1", "", "", ""],
    ]
    with pytest.raises(QueryError, match="unknown format"):
        run(sample_export, "ASK {}", fmt="yaml")


# --------------------------------------------------------------------------- formats
HOSTILE = f"""
@prefix kg: <{KG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://example.org/a> rdfs:label "山西省"@zh ; kg:mentions 7 ; kg:npmi "0.5"^^<http://www.w3.org/2001/XMLSchema#double> .
<http://example.org/b> rdfs:label "tab\\there, \\"quoted\\"\\nnew line"@zh ; kg:mentions 12345 .
<http://example.org/c> rdfs:label "<script>alert(1)</script> & more" ; kg:mentions 0 .
"""
Q = "SELECT ?s ?label ?n ?none WHERE { ?s rdfs:label ?label ; kg:mentions ?n } ORDER BY ?s"


@pytest.fixture
def hostile_store() -> ox.Store:
    store = ox.Store()
    store.load(HOSTILE.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def test_table_aligns_wide_characters_and_right_aligns_numbers(hostile_store) -> None:
    out = format_result(execute(hostile_store, Q), "table")
    lines = out.splitlines()
    assert lines[-1] == "(3 rows)"
    table = lines[:-1]
    assert len(table) == 5  # header, rule, three rows: the newline inside a label is flattened
    assert "山西省" in table[2] and 'tab here, "quoted" new line' in table[3]
    bars = {tuple(i for i, ch in enumerate(_columns(line)) if ch == "|") for line in table if "|" in line}
    assert len(bars) == 1, "every row puts its separators at the same display columns"
    # the n column is numeric: right-aligned
    cells = [line.split("|")[2] for line in table[2:]]
    assert [c.strip() for c in cells] == ["7", "12345", "0"]
    assert len({len(c) for c in cells}) == 1
    assert all(c.rstrip() == c[:-1] for c in cells)  # no padding after the number


def _columns(line: str) -> str:
    """The line with each wide character doubled, so indexes are display columns."""
    return "".join(ch * width(ch) for ch in line)


def test_width_counts_wide_characters_twice() -> None:
    assert width("晋中市委") == 8
    assert width("AMNS公司") == 8
    assert width("ｆｕｌｌ") == 8
    assert width("e\u0301") == 1


def test_csv_follows_the_sparql_csv_format(hostile_store) -> None:
    out = format_result(execute(hostile_store, Q), "csv")
    assert out.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == ["s", "label", "n", "none"]
    assert rows[1] == ["http://example.org/a", "山西省", "7", ""]
    assert rows[2][1] == 'tab\there, "quoted"\nnew line'
    assert rows[3][1] == "<script>alert(1)</script> & more"


@pytest.mark.parametrize(
    ("fmt", "oxfmt"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_json_xml_tsv_parse_back_to_the_same_terms(hostile_store, fmt, oxfmt) -> None:
    result = execute(hostile_store, Q)
    parsed = ox.parse_query_results(format_result(result, fmt).encode("utf-8"), format=oxfmt)
    assert [v.value for v in parsed.variables] == list(result.variables)
    again = [tuple(sol[i] for i in range(len(result.variables))) for sol in parsed]
    assert again == result.rows


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_ask_answers_true_or_false(hostile_store, fmt) -> None:
    yes = format_result(execute(hostile_store, "ASK { ?s kg:mentions 7 }"), fmt)
    no = format_result(execute(hostile_store, "ASK { ?s kg:mentions 8 }"), fmt)
    if fmt in ("json", "xml"):
        oxfmt = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.XML
        assert bool(ox.parse_query_results(yes.encode(), format=oxfmt)) is True
        assert bool(ox.parse_query_results(no.encode(), format=oxfmt)) is False
    else:
        assert (yes.strip(), no.strip()) == ("true", "false")


@pytest.mark.parametrize(
    ("fmt", "oxfmt"),
    [("table", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("json", ox.RdfFormat.JSON_LD)],
)
def test_construct_gives_rdf_that_parses_back(hostile_store, fmt, oxfmt) -> None:
    result = execute(hostile_store, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }")
    assert result.kind == "graph" and len(result.triples) == 3
    out = format_result(result, fmt)
    assert {q.triple for q in ox.parse(out.encode("utf-8"), format=oxfmt)} == set(result.triples)


def test_graph_output_is_sorted_and_deterministic(hostile_store) -> None:
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    first = format_result(execute(hostile_store, q), "nt")
    assert first.splitlines() == sorted(first.splitlines())
    assert first == format_result(execute(hostile_store, q), "nt")


def test_limit_truncates_and_says_so(hostile_store) -> None:
    result = execute(hostile_store, Q, limit=2)
    assert len(result.rows) == 2 and result.truncated
    assert format_result(result, "table").splitlines()[-1] == "(2 rows, truncated)"
    full = execute(hostile_store, Q, limit=3)
    assert len(full.rows) == 3 and not full.truncated


def test_formats_are_the_cli_choices() -> None:
    from kg.cli import QUERY_FORMATS

    assert QUERY_FORMATS == FORMATS


def test_compact_iri_shortens_with_the_prefixes() -> None:
    assert compact_iri(KG + "partOf") == "kg:partOf"
    assert compact_iri(ID + "place/cn-140700") == "id:place/cn-140700"
    assert compact_iri("http://example.org/x") == "<http://example.org/x>"


def test_empty_select_has_a_header_and_no_row(hostile_store) -> None:
    result = execute(hostile_store, "SELECT ?x WHERE { ?x kg:mentions 99 }")
    assert format_result(result, "table").splitlines() == ["x", "-", "(0 rows)"]
    assert json.loads(format_result(result, "json")) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}
    assert isinstance(result, QueryResult)
