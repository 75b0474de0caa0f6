"""Units of bodies in the flat span view (kg.span_units), through ``kg annotate --flat``."""

import pytest
from helpers import tools

from kg.annotate import annotate_record
from kg.model import Mention, Token
from kg.span_units import units_whole


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


@pytest.mark.parametrize(
    "text, unit",
    [
        ("这时他已是西藏自治区旅游局党组书记兼局长。", "西藏自治区旅游局党组"),  # a title glued to the unit
        ("中科院高能物理所副所长陈和生谈阿尔法磁谱仪。", "中科院高能物理所"),  # 所 misread as a conjunction
        ("在这次采访中，长治人民医院宣教科郝彦南同志向我们提供了材料。", "长治人民医院宣教科"),  # a verb naming the unit's work
        ("工委、国务院法制办公室、中央军委法制局等单位共同举办。", "中央军委法制局"),  # the unit found as a body of its own
        ("１９９３年毕业于西安大学师范学院外语系的刘斌。", "西安大学师范学院外语系"),
    ],
)
def test_units_the_tagger_misreads_are_joined_too(text, unit):
    assert any(name == unit for name, _t in spans(text)), spans(text)


def test_a_known_body_after_another_stays_a_name_of_its_own():
    found = spans("会议由中共中央办公厅和国务院新闻办公室主办。")
    assert not any(name.startswith("中共中央办公厅") and len(name) > 7 for name, _t in found), found


def test_an_outcome_ends_no_unit():
    assert not any(name.endswith("平局") for name, _t in spans("米兰巴萨同遭平局，销量两千万。"))


def test_a_museums_field_team_is_a_unit():
    toks = [Token("南京博物院", 0, 5, "nt"), Token("考古队", 5, 8, "n")]
    ms = [Mention(0, 5, "南京博物院", "Organization", 0, "lexicon")]
    assert [m.text for m in units_whole("南京博物院考古队", toks, ms)] == ["南京博物院考古队"]
