"""Tests of kg.analysis.units: the units of a document, and bylines and furniture left out."""

from __future__ import annotations

import re

import pytest
from analysis_toy import (
    D1,
    toy_extraction,
)

from kg.analysis import (
    analyze,
    byline_spans,
    window_units,
)
from kg.config import AnalysisSettings
from kg.model import (
    DocEntity,
    DocExtraction,
    Document,
    Mention,
    Sentence,
)


def test_window_units_of_one_document() -> None:
    assert window_units(D1, "sentence") == [("乙", "甲"), ("甲",), ("丙", "乙", "甲"), ()]
    assert window_units(D1, "paragraph") == [("乙", "甲"), ("丙", "乙", "甲")]
    assert window_units(D1, "document") == [("丙", "乙", "甲")]


def _mentions(text: str, people: list[str], others: list[str] = ()) -> list[Mention]:
    out = []
    for name in people:
        for m in re.finditer(re.escape(name), text):
            out.append(Mention(m.start(), m.end(), name, "Person", 0, "pos:name", name, name))
    for name in others:
        for m in re.finditer(re.escape(name), text):
            out.append(Mention(m.start(), m.end(), name, "Organization", 0, "lexicon", name, name))
    return out


@pytest.mark.parametrize(
    ("text", "people", "expected"),
    [
        ("新华社记者 谢希瑶 郑钧天\n正文。", ["谢希瑶", "郑钧天"], ["新华社", "新华社记者 谢希瑶 郑钧天"]),
        ("本报讯 （记者刘冬冬）近日，经纬公司在越南参展。", ["刘冬冬"], ["本报", "（记者刘冬冬）"]),
        ("生产线现场。山西日报记者刘通摄\n", ["刘通"], ["山西日报记者刘通摄"]),
        (
            "山西日报记者闫杰张毅沈佳李全宏\n",
            ["闫杰", "张毅", "沈佳", "李全宏"],
            ["山西日报记者闫杰张毅沈佳李全宏"],
        ),
        ("书香左权氛围。 本报通讯员 张文军 摄\n", ["张文军"], [" 本报通讯员 张文军 摄"]),
        ("新华社北京3月23日电 国务院总理李强会见外宾。", ["李强"], ["新华社"]),
        ("央视网消息（新闻联播）：国务院总理李强会见外宾。", ["李强"], ["央视网消息"]),
        ("共建红色语料库。(据《山西日报》)\n", [], ["(据《山西日报》)"]),
        ("拆车包装作业。\n(文图均据《山西日报》)", [], ["(文图均据《山西日报》)"]),
        ("（文章来源：山西晚报）\n", [], ["（文章来源：山西晚报）"]),
        # hard negatives: the role word is followed by something else than names
        ("记者了解到，我市持续推动转型升级。", [], []),
        ("记者张三采访了李四。", ["张三", "李四"], []),
        ("中外记者亲切见面，习近平讲话。", ["习近平"], []),
        ("他说，新华社报道了此事。", [], []),
    ],
)
def test_byline_spans(text, people, expected) -> None:
    assert [text[s:e] for s, e in byline_spans(text, _mentions(text, people))] == expected


def test_bylines_and_furniture_add_no_pairs_or_mentions() -> None:
    text = "新华社记者 谢希瑶 郑钧天\n习近平会见马克龙。\n电话：0354-3115973 编辑 王五 赵六"
    furniture = (text.index("电话"), len(text))
    s0 = Sentence(0, 0, text.index("\n"), text[: text.index("\n")], 0)
    s1 = Sentence(1, s0.end + 1, text.index("。") + 1, "习近平会见马克龙。", 1)
    s2 = Sentence(2, furniture[0], len(text), text[furniture[0] :], 2)
    people = ["谢希瑶", "郑钧天", "习近平", "马克龙", "王五", "赵六"]
    ms = []
    for m in _mentions(text, people, ["新华社"]):
        sentence = 0 if m.start < s1.start else 1 if m.start < s2.start else 2
        ms.append(Mention(m.start, m.end, m.text, m.type, sentence, m.rule, m.name, m.key))
    ents = tuple(DocEntity(n, "Person", (), 1) for n in people) + (
        DocEntity("新华社", "Organization", (), 1),
    )
    dx = DocExtraction(Document("b", text, excluded=(furniture,)), (s0, s1, s2), tuple(ms), ents, ())
    assert window_units(dx, "sentence") == [(), ("习近平", "马克龙")]
    assert window_units(dx, "document") == [("习近平", "马克龙")]
    ex = toy_extraction([dx])
    w = analyze(ex, AnalysisSettings(duplicates=0)).whole
    assert {row["name"] for row in w.nodes} == {"习近平", "马克龙"}
    assert w.units == 2  # the furniture line is no unit
