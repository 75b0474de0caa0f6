"""Tests of kg.extract.document: the packed per-document result that worker processes
send back, which must make the very same extraction again in the parent."""

from __future__ import annotations

import pickle

import pytest

from kg.config import Settings
from kg.extract.document import pack, unpack
from kg.model import DocEntity, DocExtraction, Document, Evidence, Mention, Relation, Sentence
from kg.pipeline import extract_document
from kg.read.inputs import read_inputs
from kg.resources import default_data_dir
from tests.helpers import tools

SAMPLE = default_data_dir() / "corpus"

# written for these tests: a Hong Kong style wire (traditional characters) and a story
# with page furniture, a dateline and several people in one sentence
TRAD = (
    "新華社北京3月5日電 國家主席習近平5日在北京會見來訪的法國總統馬克龍。"
    "習近平指出，中法兩國要加強在經濟、科技領域的合作。"
    "廣東省省長王偉中出席會見。"
)
SIMP = (
    "新华社北京3月5日电 国家主席习近平5日在北京会见来访的法国总统马克龙。\n"
    "习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥和李希出席在人民大会堂举行的会议。\n"
    "地址：北京市朝阳区建国门外大街1号 电话：010-12345678\n"
)


def _round_trip(dx: DocExtraction, doc: Document) -> DocExtraction:
    return unpack(pickle.loads(pickle.dumps(pack(dx), protocol=5)), doc)


def test_real_documents_come_back_equal(tmp_path) -> None:
    (tmp_path / "trad.txt").write_text(TRAD, encoding="utf-8")
    (tmp_path / "simp.txt").write_text(SIMP, encoding="utf-8")
    documents, _files = read_inputs([SAMPLE, tmp_path], Settings())
    assert len(documents) == 7
    scripts = set()
    for doc in documents:
        dx = extract_document(doc, tools())
        assert dx.mentions and dx.cooccurrences
        back = _round_trip(dx, doc)
        assert back == dx
        scripts.add(back.doc.script)
    assert scripts == {"simplified", "traditional"}


def test_a_traditional_document_keeps_its_original_surfaces() -> None:
    doc = Document("trad", TRAD)
    dx = extract_document(doc, tools())
    back = _round_trip(dx, doc)
    assert back.doc.script == "traditional"
    assert {m.text for m in back.mentions} >= {"習近平", "馬克龍"}
    assert any("習近平" in e.aliases for e in back.entities if e.name == "习近平")
    assert back == dx


def test_values_that_are_no_slice_of_the_text_come_back_too() -> None:
    """Every field travels exactly, also where it is not what the extraction makes:
    evidence of another document or of a sentence number the document lacks, texts that
    are not the slice at their offsets, sentence numbers that are not positions and
    offsets past 65,535."""
    text = "甲乙丙。" + "丁" * 70_000 + "戊己。"
    n = len(text)
    s0 = Sentence(0, 0, 4, "甲乙丙。")
    s1 = Sentence(7, 4, n, text[4:], paragraph=3, heading=True)
    odd = Sentence(9, 1, 2, "not the slice")
    own = Evidence("d", 7, n - 3, n - 1, s1.text, "r.one")
    foreign = Evidence("other", 0, 0, 4, "elsewhere", "r.two")
    stray = Evidence("d", 42, 0, 2, "甲乙", "r.three")
    dx = DocExtraction(
        doc=Document("d", text, script="simplified"),
        sentences=(s0, s1, odd),
        mentions=(
            Mention(0, 2, "甲乙", "Person", 0, "rule", "甲乙", "甲乙"),
            Mention(n - 3, n - 1, "戊己", "Place", 7, "rule", "戊", ""),
            Mention(2, 3, "surface", "Event", 0, "x", "name", "key"),
        ),
        entities=(
            DocEntity("甲乙", "Person", ("甲", "乙"), 2, (("ref", "Q1"), ("kind", "city"))),
            DocEntity("戊", "Place"),
        ),
        relations=(Relation("甲乙", "met", "戊", (own, foreign, own)), Relation("戊", "visited", "甲乙", (stray,))),
        cooccurrences=((("甲乙", "戊"), own), (("戊", "甲乙"), foreign), (("丙", "戊"), stray)),
        sentence_counts=(("甲乙", 3), ("戊", 70_001)),
    )
    back = _round_trip(dx, Document("d", text))
    assert back == dx
    # == takes 1 for True: the flags come back as they went
    assert [s.heading for s in back.sentences] == [False, True, False]
    assert all(type(s.heading) is bool for s in back.sentences)
    assert [type(x) for x in (*back.sentences, *back.mentions, *back.entities)] == [
        type(x) for x in (*dx.sentences, *dx.mentions, *dx.entities)]


def test_the_document_given_is_the_one_returned() -> None:
    doc = Document("x", "李强出席会议。", title="标题", excluded=((0, 1),))
    dx = extract_document(doc, tools())
    back = _round_trip(dx, doc)
    assert back.doc == dx.doc
    assert back.doc.title == "标题" and back.doc.script == "simplified"


@pytest.mark.parametrize("doc", [Document("empty", ""), Document("latin", "Reuters reported on Tuesday.")])
def test_documents_without_mentions(doc: Document) -> None:
    dx = extract_document(doc, tools())
    assert _round_trip(dx, doc) == dx


def test_source_line_names_its_outlet_and_editors_but_no_relation():
    from kg.read.furniture import find_furniture

    text = "来源: 成都日报   编辑: 董乐\n成都市委书记范锐平出席会议。\n"
    spans = tuple((s, e) for s, e, _k in find_furniture(text))
    assert spans  # the source line is furniture
    dx = extract_document(Document(id="d", text=text, excluded=spans), tools())
    found = {(e.name, e.type) for e in dx.entities}
    assert {("成都日报", "Organization"), ("董乐", "Person"), ("范锐平", "Person")} <= found
    held = {(r.head, r.type, r.tail) for r in dx.relations}
    assert ("范锐平", "holds_position", "成都市委") in held
    assert not any("董乐" in (r.head, r.tail) for r in dx.relations)  # the line states nothing


@pytest.mark.parametrize(
    "line, names",
    [
        ("2020-05-14 07:40   来源: 成都日报   编辑: 董乐   责任编辑: 马兰", {"成都日报", "董乐", "马兰"}),
        ("2023-12-08 11:01:44来源: 黑龙江日报编辑: 刘才星责编: 赵滢溪", {"黑龙江日报", "刘才星", "赵滢溪"}),
    ],
)
def test_a_dated_header_line_still_names_its_outlet_and_editors(line, names):
    from kg.read.furniture import find_furniture

    text = line + "\n成都市委书记范锐平出席会议。\n"
    spans = tuple((s, e) for s, e, _k in find_furniture(text))
    assert spans and spans[0][0] == 0  # the whole dated line is furniture (a header)
    dx = extract_document(Document(id="d", text=text, excluded=spans), tools())
    assert names <= {e.name for e in dx.entities}
    assert not any(m.start < len(line) and m.text[:1].isdigit() for m in dx.mentions)


@pytest.mark.parametrize(
    "line, outlet",
    [("来源:吴川融媒 发布时间:2023-03-28 22:44", "吴川融媒"), ("2018-12-28 10:50:40     来源:财报网", "财报网")],
)
def test_a_source_field_names_an_outlet_without_a_suffix_of_outlets(line, outlet):
    from kg.read.furniture import find_furniture

    text = line + "\n湛江市举行招商会。\n"
    spans = tuple((s, e) for s, e, _k in find_furniture(text))
    assert spans  # the source field is furniture
    dx = extract_document(Document(id="d", text=text, excluded=spans), tools())
    assert (outlet, "Organization") in {(e.name, e.type) for e in dx.entities}


def test_other_furniture_still_holds_no_mention():
    from kg.read.furniture import find_furniture

    text = "社址：太原市迎泽大街 邮政编码：030001 电话：0351-1234567\n太原市举行招商会。\n"
    spans = tuple((s, e) for s, e, _k in find_furniture(text))
    dx = extract_document(Document(id="d", text=text, excluded=spans), tools())
    assert all(m.start >= text.index("\n") for m in dx.mentions)


def test_make_tools_keeps_the_engines_of_the_same_resources() -> None:
    """A second build in the process does not make the engines again; another backend
    or other settings beside them get engines of their own, or the same with the settings given."""
    from kg.extract.document import make_tools

    a = make_tools(Settings())
    b = make_tools(Settings(workers=2))
    assert b.entities is a.entities and b.segmenter is a.segmenter and b.relations is a.relations
    assert b.settings.workers == 2 and a.settings.workers != 2
    c = make_tools(Settings(backend="jieba"))
    assert c.segmenter is not a.segmenter and c.entities is not a.entities
    assert c.resources is a.resources
