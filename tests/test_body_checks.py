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


def test_a_known_company_opening_with_a_country_keeps_its_name():
    # hard negative: 中国 opens the name of a bank, which is no kind of company
    assert ("中国银行", "Enterprise") in entities("中国银行在伦敦设立分行。")


def test_two_events_joined_by_jidui_are_both_named():
    found = entities("第二届数字中国建设峰会开幕式暨数字中国建设成果展览会开幕。")
    assert {("第二届数字中国建设峰会", "Event"), ("数字中国建设成果展览会", "Event")} <= found
