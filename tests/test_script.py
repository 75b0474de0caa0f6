"""Traditional Chinese: detection, the simplified view, and extraction told in the
original characters (kg.extract.script, kg.pipeline.extract_document and merge)."""

from __future__ import annotations

import json

import pytest

from kg.config import Settings
from kg.extract.script import TRADITIONAL_FORMS, detect_script, script_and_view, simplified_view
from kg.model import Document
from kg.pipeline import build, extract_document, merge
from tests.helpers import entities, tools

# A Hong Kong style wire, written for these tests, and its simplified twin.
TRAD = (
    "新華社北京3月5日電 國家主席習近平5日在北京會見來訪的法國總統馬克龍。"
    "習近平指出，中法兩國要加強在經濟、科技領域的合作。"
    "廣東省省長王偉中出席會見。"
)
SIMP = (
    "新华社北京3月5日电 国家主席习近平5日在北京会见来访的法国总统马克龙。"
    "习近平指出，中法两国要加强在经济、科技领域的合作。"
    "广东省省长王伟中出席会见。"
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        (TRAD, "traditional"),
        (SIMP, "simplified"),
        # a simplified story naming a person with a character conversion would change
        ("本报记者刘颺报道：市长在会上讲话，会议由市委办公室主持。", "simplified"),
        ("衞生署發言人表示，會議將於下週舉行。", "traditional"),  # Hong Kong variant 衞
        ("Reuters reported on Tuesday.", "none"),
        ("", "none"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_view_keeps_every_offset():
    view = simplified_view(TRAD)
    assert view == SIMP
    assert len(view) == len(TRAD)
    # phrase-aware, still one character for one: 乾隆 keeps 乾, 乾淨 becomes 干净
    assert simplified_view("乾隆皇帝愛乾淨") == "乾隆皇帝爱干净"


def test_simplified_text_is_left_alone():
    text = "本报记者刘颺报道"
    script, view = script_and_view(text)
    assert script == "simplified"
    assert view is text


def test_traditional_document_is_read_through_the_view():
    dx = extract_document(Document(id="t", text=TRAD), tools())
    simp = extract_document(Document(id="s", text=SIMP), tools())
    assert dx.doc.script == "traditional"
    assert dx.doc.text == TRAD
    assert simp.doc.script == "simplified"
    # the same entities and relations, under simplified names
    assert {(e.name, e.type) for e in dx.entities} == {(e.name, e.type) for e in simp.entities}
    assert {(r.head, r.type, r.tail) for r in dx.relations} == {(r.head, r.type, r.tail) for r in simp.relations}
    assert any(r.type == "met" for r in dx.relations)
    xi = next(e for e in dx.entities if e.name == "习近平")
    assert "習近平" in xi.aliases
    assert dict(xi.attrs)[TRADITIONAL_FORMS] == "習近平"
    # evidence, sentences and mention surfaces show the original characters
    for r in dx.relations:
        for ev in r.evidence:
            assert ev.text in TRAD
    for s in dx.sentences:
        assert s.text == TRAD[s.start : s.end]
    for m in dx.mentions:
        assert m.text == TRAD[m.start : m.end]
    # a simplified document has no traditional forms
    assert all(TRADITIONAL_FORMS not in dict(e.attrs) for e in simp.entities)


def test_one_entity_across_scripts_with_a_simplified_name():
    t = tools()
    ex = merge(
        [extract_document(Document(id="t", text=TRAD), t), extract_document(Document(id="s", text=SIMP), t)],
        t.resources,
        Settings(),
    )
    people = {e.name: e for e in ex.entities if e.type == "Person"}
    assert "習近平" not in people
    xi = people["习近平"]
    assert xi.documents == ("s", "t")
    assert "習近平" in xi.aliases
    # 广东省 is one gazetteer place, named in simplified characters
    guangdong = [e for e in ex.entities if e.name == "广东省"]
    assert len(guangdong) == 1 and "廣東省" in guangdong[0].aliases


def test_build_records_each_documents_script(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "hk.txt").write_text(TRAD, encoding="utf-8")
    (corpus / "cn.txt").write_text(SIMP, encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out, Settings())
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["scripts"] == {"simplified": 1, "traditional": 1}
    assert manifest["scripts"] == {"traditional": ["hk"]}
    rows = {r["doc"]: r for r in map(json.loads, (out / "documents.jsonl").read_text(encoding="utf-8").splitlines())}
    assert rows["hk"]["script"] == "traditional"
    assert rows["cn"]["script"] == "simplified"
    # the evidence in the traditional document's rows is in its own characters
    assert rows["hk"]["relations"] and all(r["evidence"] in TRAD for r in rows["hk"]["relations"])
    names = {e["name"] for e in rows["hk"]["entities"]}
    assert "习近平" in names and "習近平" not in names


def test_a_taiwan_paper_s_names_of_countries_are_places():
    found = entities("習近平會見寮國國家主席，紐西蘭和義大利代表出席。以軍空襲加薩，杜拜股市下跌。")
    assert {("寮国", "Place"), ("纽西兰", "Place"), ("义大利", "Place"), ("加萨", "Place"), ("杜拜", "Place")} <= found


def test_a_people_of_china_named_like_a_country_is_no_place():
    # 哈萨克 is a Taiwan paper's Kazakhstan, but 哈萨克族 is a people
    assert not any(t == "Place" for _n, t in entities("哈萨克族牧民开始转场。"))


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("【明報專訊】行政長官昨日表示，會加快北部都會區發展。", "明报"),
        ("聯合報記者林小明／台北報導", "联合报"),
        ("【文匯報訊】特區政府昨日公布施政報告。", "文汇报"),
    ],
)
def test_the_outlets_of_hong_kong_and_taiwan_papers_are_organizations(text, outlet):
    assert (outlet, "Organization") in entities(text)
