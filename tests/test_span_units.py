"""Units of bodies in the flat span view (kg.span_units), through ``kg annotate --flat``."""

import pytest
from helpers import tools

from kg.annotate import annotate_record


def spans(text: str, flat: bool = True) -> set[tuple[str, str]]:
    return {(e["text"], e["type"]) for e in annotate_record({"id": "t", "text": text}, tools(), flat=flat)["entities"]}


@pytest.mark.parametrize(
    "text, unit",
    [
        ("教育部高校学生司负责人介绍了情况。", "教育部高校学生司"),
        ("中央电视台体育部派出记者采访。", "中央电视台体育部"),
        ("澳门日报社举行创刊纪念活动。", "澳门日报社"),
        ("民革第九届中央常委会第二次会议在京举行。", "民革第九届中央常委会"),  # the longest unit
    ],
)
def test_a_body_and_the_unit_named_after_it_are_one_flat_span(text, unit):
    found = spans(text)
    assert any(name == unit and typ in ("Organization", "Enterprise") for name, typ in found), found


def test_the_graph_s_span_view_keeps_the_parent_alone():
    # sub-units are no entities of the graph (GUIDELINES); only the flat view joins them
    assert "教育部高校学生司" not in {name for name, _t in spans("教育部高校学生司负责人介绍了情况。", flat=False)}


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("国家广播电视总局老干部参观了展览。", "国家广播电视总局老干部"),  # ranks, not units
        ("印度空军所有5个中队都已升空。", "印度空军所有5个中队"),  # units counted
        ("花旗银行贷款子公司宣布裁员。", "花旗银行贷款子公司"),  # a company of the company
    ],
)
def test_words_that_end_like_a_unit_and_name_none_are_not_joined(text, wrong):
    assert wrong not in {name for name, _t in spans(text)}
