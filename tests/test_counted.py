"""Tests of kg.extract.counted: which mentions count, and that every export counts alike.

The same entity has the same mention count in entities.csv, the RDF and
analysis/nodes.csv, and an outlet crediting a story co-occurs with nothing in it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import rdflib
from helpers import extract

from kg.config import AnalysisSettings, Settings
from kg.extract.counted import byline_spans, counted_mentions
from kg.model import Document, Mention
from kg.pipeline import analyze, build, default_corpus

KG = rdflib.Namespace("https://w3id.org/kg-news/vocab#")


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    out = []
    for name, typ in names.items():
        for m in re.finditer(re.escape(name), text):
            out.append(Mention(m.start(), m.end(), name, typ, 0, "lexicon", name, name))
    return sorted(out, key=lambda m: m.start)


@pytest.mark.parametrize(
    ("text", "names", "left_out"),
    [
        # outlets opening a story: 消息, 讯, 快讯, a dateline, a second name in brackets
        ("东南网消息（午间新闻）：福建省召开会议。", {"东南网": "Organization", "福建省": "Place"}, ["东南网"]),
        ("河北日报9月3日讯 石家庄市举行招聘会。", {"河北日报": "Organization", "石家庄市": "Place"}, ["河北日报"]),
        ("大众日报济南6月2日电 山东省发布新规。", {"大众日报": "Organization", "济南": "Place", "山东省": "Place"},
         ["大众日报"]),
        ("天山网快讯 新疆维吾尔自治区举行发布会。", {"天山网": "Enterprise"}, ["天山网"]),
        ("东方网(解放日报网)讯 上海市启动活动。", {"东方网": "Organization", "上海市": "Place"}, ["东方网"]),
        ("（南方网5月6日讯 记者王小明）广州市开展活动。", {"南方网": "Organization", "王小明": "Person",
                                          "广州市": "Place"}, ["南方网", "王小明"]),
        # a bracket of names ending in 报道 or 摄
        ("经济观察讯(孙立新 报道) 某公司发布财报。", {"孙立新": "Person"}, ["孙立新"]),
        # reporters' bylines
        ("本报讯（记者 周敏 通讯员 李华）全市召开会议。", {"周敏": "Person", "李华": "Person"}, ["周敏", "李华"]),
        # hard negatives: the outlet is the subject of the story, the place of a dateline stays
        ("河北日报社举行建社纪念活动。", {"河北日报社": "Organization"}, []),
        ("他说，东南网报道了此事。", {"东南网": "Organization"}, []),
        ("东南网记者了解到，福建省持续推动转型。", {"东南网": "Organization", "福建省": "Place"}, []),
        ("济南6月2日讯 山东省发布新规。", {"济南": "Place", "山东省": "Place"}, []),
        ("记者王小明采访了李华。", {"王小明": "Person", "李华": "Person"}, []),
    ],
)
def test_left_out_of_counts(text, names, left_out) -> None:
    ms = _mentions(text, names)
    kept = {m.text for m in counted_mentions(Document("t", text), ms)}
    assert sorted(n for n in names if n not in kept) == sorted(left_out)


def test_nested_names_and_furniture_do_not_count() -> None:
    text = "山西省委召开会议。\n电话：0351-4040000 编辑 王五"
    furniture = (text.index("电话"), len(text))
    ms = [
        Mention(0, 4, "山西省委", "Organization", 0, "lexicon", "山西省委", "山西省委"),
        Mention(0, 3, "山西省", "Place", 0, "nested-place", "山西省", "山西省"),
        Mention(text.index("王五"), len(text), "王五", "Person", 1, "pos:name", "王五", "王五"),
    ]
    kept = counted_mentions(Document("t", text, excluded=(furniture,)), ms)
    assert [m.text for m in kept] == ["山西省委"]


def test_byline_spans_name_the_outlet() -> None:
    text = "央视网消息（新闻联播）：国务院总理李强会见外宾。"
    spans = byline_spans(text, _mentions(text, {"央视网": "Organization", "李强": "Person"}))
    assert {text[a:b] for a, b in spans} == {"央视网", "央视网消息"}


def test_document_entities_keep_credits_but_count_none() -> None:
    """The reporter and the outlet stay entities of the document (the gold has them) with
    no counted mention and no co-occurrence."""
    dx = extract("湖南日报8月26日讯（全媒体记者 王晓红 张天宇）25日，省委书记沈晓明在长沙会见华为公司代表团。")
    counts = {e.name: e.mentions for e in dx.entities}
    assert counts["湖南日报"] == 0 and counts["王晓红"] == 0 and counts["张天宇"] == 0
    assert counts["沈晓明"] == 1 and counts["长沙"] == 1
    paired = {n for (a, b), _ev in dx.cooccurrences for n in (a, b)}
    assert paired == {"沈晓明", "长沙", "华为公司"}


FIXTURE = {
    "a.txt": "央视网消息（新闻联播）：国务院总理李强在北京会见世界银行行长彭安杰。\n"
    "李强表示，中国愿同世界银行深化合作。\n",
    "b.txt": "新华社北京3月5日电（记者 王晓红 张天宇）国务院总理李强在人民大会堂作政府工作报告。\n"
    "王晓红是新华社记者。央视网报道了这次会议。\n",
    "c.txt": "湖南日报8月26日讯（全媒体记者 刘燕娟）25日，省委书记沈晓明在长沙会见华为公司代表团。"
    "华为公司将在长沙设立研发中心。\n（文章来源：湖南日报）\n",
}


def _counts(out: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Mentions per entity id in entities.csv, graph.ttl and analysis/nodes.csv."""
    with open(out / "entities.csv", encoding="utf-8", newline="") as f:
        table = {r["id"]: int(r["mentions"]) for r in csv.DictReader(f)}
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    base = "https://w3id.org/kg-news/id/"

    rdf = {unquote(str(s)[len(base) :]): int(o) for s, o in g.subject_objects(KG.mentions)}
    with open(out / "analysis" / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = {r["id"]: int(r["mentions"]) for r in csv.DictReader(f)}
    return table, rdf, nodes


def _build_and_analyze(inputs: Path, out: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    settings = Settings()
    result = build([inputs], out, settings)
    analyze([inputs], out, settings, AnalysisSettings())
    table, rdf, nodes = _counts(out)
    assert set(table) == {e.id for e in result.extraction.entities}
    return table, rdf, nodes


def _same_everywhere(table: dict[str, int], rdf: dict[str, int], nodes: dict[str, int]) -> None:
    assert rdf == table
    # the analysis lists the entities that are mentioned or co-occur; the others count 0
    assert set(nodes) <= set(table)
    assert {k: v for k, v in table.items() if v or k in nodes} == nodes


def test_one_count_everywhere_with_bylines_and_source_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in FIXTURE.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    table, rdf, nodes = _build_and_analyze(corpus, out)
    _same_everywhere(table, rdf, nodes)
    outlet = next(k for k in table if k.endswith("/央视网"))
    # 央视网 opens a.txt (not counted) and is named in b.txt's text (counted once)
    assert table[outlet] == 1
    assert table[next(k for k in table if k.endswith("/刘燕娟"))] == 0
    # named twice in a.txt and once in b.txt (the dateline's 北京 and the bylines aside)
    assert table["person/李强"] == 3
    # the outlet of a source line co-occurs with nothing in that story
    with open(out / "relations.csv", encoding="utf-8", newline="") as f:
        pairs = [r for r in csv.DictReader(f) if r["relation"] == "co_occurs_with"]
    partners = {r["target"] if r["source"] == outlet else r["source"] for r in pairs if outlet in (r["source"], r["target"])}
    assert "person/李强" not in partners and "organization/世界银行" not in partners
    assert not [r for r in pairs if "刘燕娟" in (r["source_name"], r["target_name"])]
    with open(out / "analysis" / "edges.csv", encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert not [r for r in edges if outlet in (r["source"], r["target"])]


def test_one_count_everywhere_on_the_sample_corpus(tmp_path: Path) -> None:
    table, rdf, nodes = _build_and_analyze(default_corpus(), tmp_path / "out")
    _same_everywhere(table, rdf, nodes)
    assert sum(table.values()) > 500
