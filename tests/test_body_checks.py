"""Checks of a body's name once read (kg.extract.body_checks), on whole sentences: whether
the words before a suffix name something or only a kind, and what a country before a
company's name is."""

import pytest
from helpers import entities


@pytest.mark.parametrize("text", ["重点项目建设加快推进。", "他在一家公司工作。", "各地龙头企业积极参与。"])
def test_a_kind_alone_names_no_body(text):
    assert not any(t in ("Enterprise", "Initiative", "Organization") for _n, t in entities(text))


def test_a_country_with_only_common_words_after_it_is_part_of_a_company_s_name():
    found = entities("英国石油公司宣布在北海扩大投资。")
    assert ("英国石油公司", "Enterprise") in found


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("波兰科学院地球物理研究所副教授说。", "波兰科学院地球物理研究所", "波兰"),  # 地球物理: rare, no name
        ("日本汽车制造商协会发布数据。", "日本汽车制造商协会", "日本"),
        ("美国儿科学会发布新版指南。", "美国儿科学会", "美国"),
    ],
)
def test_a_country_before_known_words_only_is_part_of_a_bodys_name(text, name, country):
    found = entities(text)
    assert {(name, "Organization"), (country, "Place")} <= found


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("伤员被送往黎巴嫩最大公立医院救治。", "黎巴嫩最大公立医院"),  # a rank: described, not named
        ("美国民权组织发表声明。", "美国民权组织"),  # 组织: a kind (or a verb)
        ("美国卡内基基金会资助该项目。", "美国卡内基基金会"),  # a name of its own after the country
    ],
)
def test_a_country_before_a_rank_a_kind_or_a_name_opens_no_bodys_name(text, wrong):
    assert not any(n == wrong for n, _t in entities(text))


def test_a_known_company_opening_with_a_country_keeps_its_name():
    # hard negative: 中国 opens the name of a bank, which is no kind of company
    assert ("中国银行", "Enterprise") in entities("中国银行在伦敦设立分行。")


def test_two_events_joined_by_jidui_are_both_named():
    found = entities("第二届数字中国建设峰会开幕式暨数字中国建设成果展览会开幕。")
    assert {("第二届数字中国建设峰会", "Event"), ("数字中国建设成果展览会", "Event")} <= found


@pytest.mark.parametrize(
    "text, name",
    [
        # a verb inside the name a verb of carrying out takes, and a round before it
        ("支持长治市开展第二轮国家生态产品价值实现机制试点。", "国家生态产品价值实现机制试点"),
        ("将实施金砖数字教育能力建设计划。", "金砖数字教育能力建设计划"),
    ],
)
def test_a_programme_carried_out_may_hold_a_verb(text, name):
    assert (name, "Initiative") in entities(text)
