"""Tests of kg.read.furniture: imprint lines, page headers, web source and navigation
lines, and jump markers, with hard negatives (bylines, sentences naming a field)."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_text import corpus_text

import kg.read.furniture
from kg.read.furniture import find_furniture


def test_docstring_examples_run() -> None:
    result = doctest.testmod(kg.read.furniture, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 2
    assert result.failed == 0


# --------------------------------------------------------------------------- furniture

HEADER_004 = "44 本版责编：王慧卿 苗皓然综合 2023年11月9日 星期四"


def furniture(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], kind) for s, e, kind in find_furniture(text)]


def test_find_furniture_004_header_lines() -> None:
    text = corpus_text("004_8ab6ed9395592824.txt")
    found = furniture(text)
    assert found[0] == (HEADER_004, "header")
    imprint, kind = found[1]
    assert kind == "imprint"
    assert imprint.startswith("社址：榆次区汇通路96号") and imprint.endswith("印刷单位地址:榆次区文苑街279号")
    assert ("（上接第1版）", "marker") in found
    assert [k for _, k in found].count("header") == 1


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (HEADER_004, "header"),
        ("2 晋中新闻 责编：张三 2024年4月24日 星期三", "header"),
        ("社址：榆次区汇通路96号 邮政编码：030600", "imprint"),
        ("地址:忻州市长征西街31号广电大楼一层", "imprint"),
        ("刊登热线:0350—3032752", "imprint"),
        ("电话：0354-3115973", "imprint"),
        ("社址 太原市双塔西街 邮编 030012 电话 0351-4048600", "imprint"),
        # Hard negatives: bylines and sentences that mention a field are not furniture.
        ("本报记者 刘冬冬", None),
        # A web page's source, editor and navigation lines (issue 18): nothing in them is a fact.
        ("责任编辑：张三", "source"),
        ("(责编:王五、赵六)", "source"),
        ("您所在的位置：首页 > 要闻 > 本地", "nav"),
        ("当前位置:首页 >> 新闻动态", "nav"),
        ("首页 本地 正文", "nav"),
        ("体育新闻首页 » 正文", "nav"),
        ("国内 | 国际 | 财经 | 走进青海 | 视频", "nav"),
        ("记者 王小明", None),
        ("网站首页改版后，访问量增加了一倍。", None),
        ("本市位置优越，首页展示的景区多达十处。", None),
        ("红色 | 绿色", None),
        ("新华社记者 谢希瑶 郑钧天", None),
        ("市民可拨打服务热线反映问题，电话会议于2023年11月9日召开。", None),
        ("发行量逐年增加，印刷质量不断提升。", None),
        ("本版文章2023年11月9日在全省发行，共印刷了一万册，邮局负责投递工作，欢迎订阅。", None),
    ],
)
def test_find_furniture_lines(line: str, kind: str | None) -> None:
    found = [k for _, _, k in find_furniture("正文。\n" + line + "\n正文。") if k != "marker"]
    assert found == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("(上接第1版)全球发展高层对话会上。", ["(上接第1版)"]),
        ("引领行业风向。 （下转第2版）", ["（下转第2版）"]),
        ("（转第 3 版）与（接第十二版）", ["（转第 3 版）", "（接第十二版）"]),
        ("第1版刊登了文章。", []),
    ],
)
def test_find_furniture_markers(text: str, markers: list[str]) -> None:
    assert [t for t, k in furniture(text) if k == "marker"] == markers


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        # each field of a source line is furniture, but the author is a byline and stays
        ("来源: 西江日报  作者:李文华", [("来源: 西江日报", "source")]),
        (
            "来源: 南岭网 | 编辑: 周平 | 责任编辑: 吴迪",
            [("来源: 南岭网", "source"), ("编辑: 周平", "source"), ("责任编辑: 吴迪", "source")],
        ),
        ("(文章来源:东湖财经)", [("文章来源:东湖财经)", "source")]),
        # a sentence that names its source states a fact
        ("据介绍，数据来源：省统计局。", []),
    ],
)
def test_find_furniture_source_fields(line: str, spans: list[tuple[str, str]]) -> None:
    assert furniture("正文。\n" + line + "\n正文。") == spans


def test_find_furniture_link_list_after_its_heading() -> None:
    text = "正文。\n相关新闻\n热门排行\n- 1西宁新增两条公交线路…\n- 2格尔木举办马拉松…\n结尾一句话。"
    assert [t for t, k in furniture(text) if k == "nav"] == [
        "相关新闻",
        "热门排行",
        "- 1西宁新增两条公交线路…",
        "- 2格尔木举办马拉松…",
    ]
    # without the heading a dashed line is text
    assert furniture("正文。\n- 1西宁新增两条公交线路\n结尾。") == []


def test_find_furniture_spans_are_exact_and_sorted() -> None:
    text = "  " + HEADER_004 + "  \n\n社址：榆次区 电话：3115973\n(上接第1版)正文。"
    spans = find_furniture(text)
    assert spans == tuple(sorted(spans))
    for start, end, _ in spans:
        assert text[start:end] == text[start:end].strip()


def test_a_long_line_naming_two_fields_is_text_not_an_imprint() -> None:
    # a whole document on one line names 电话： and 地址： somewhere: it is not furniture
    # (it was, and every mention in it was left out)
    imprint = "社址：榆次区汇通路96号 邮政编码：030600 电话：3115973"
    story = "记者从市政府获悉，咨询电话：12345。新的服务中心地址：汇通路。" + "全市经济平稳运行，" * 60
    assert find_furniture(imprint) == ((0, len(imprint), "imprint"),)
    assert find_furniture(story) == ()


# --------------------------------------------------------------------------- hints skip nothing


def _furniture_line_by_line(text: str) -> tuple[tuple[int, int, str], ...]:
    """find_furniture as its documentation says it, every line asked every question."""
    F = kg.read.furniture
    spans = []
    lines = list(F.LINE_RE.finditer(text))
    links = F._link_list_lines(lines)
    for n, m in enumerate(lines):
        line = m.group()
        kind = F.furniture_kind(line) or ("nav" if n in links else None)
        if kind is None:
            spans.extend((m.start() + s, m.start() + e, k) for s, e, k in F._web_furniture(line))
        else:
            stripped = line.strip()
            start = m.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped), kind))
    spans.extend((m.start(), m.end(), "marker") for m in F.MARKER_RE.finditer(text))
    return tuple(sorted(spans))


PIECES = [
    "正文。", "记者", " ", "\u3000", "社址：", "电话:", "0351-4048600", "邮编 030012", "E-mail:", "eMaİl：", "email",
    "责编：张三", "本版", "第2版", "2024年4月24日", "星期三", "来源：新华社", "作者：李四", "编辑:王五", " | ", "要闻",
    "首页", " > ", "位置：", "相关新闻", "- ", "1、", "标题", "（上接第1版）", "(下转第 3 版)", "！", "a",
]


@settings(max_examples=400)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=8).map("\n".join))
def test_find_furniture_finds_what_asking_every_line_finds(text: str) -> None:
    # the hints searched in the whole text leave no line out that the full tests would take
    assert find_furniture(text) == _furniture_line_by_line(text)


@pytest.mark.parametrize(
    "line",
    [
        "中国报道网——中国报道杂志唯一官方网站",  # a site's masthead
        "版权所有 中国报道网",
        "Copyright © 2023 山西新闻网 All Rights Reserved",
        "京ICP备12345678号 京公网安备11010502000001号",
        "技术支持：山西云时代技术有限公司",
    ],
)
def test_a_web_pages_footer_line_is_furniture(line):
    text = f"{line}\n太原市召开会议。\n"
    assert [(text[s:e], kind) for s, e, kind in find_furniture(text)] == [(line, "footer")]


@pytest.mark.parametrize(
    "text",
    [
        "他说，请登录官方网站查询。\n",  # a sentence ends in it: text
        "本文版权所有，转载请注明出处。\n",
        "主办单位：中山市农业农村局\n",  # a notice's organisers are the story's
    ],
)
def test_a_sentence_or_an_events_organisers_are_no_footer(text):
    assert not [k for _s, _e, k in find_furniture(text) if k == "footer"]
