"""Programmes named by the items of a list or by a title of their own
(kg.extract.programme_lists)."""

import pytest
from helpers import entities, forms

from kg.extract.programme_lists import _count_of


@pytest.mark.parametrize("word, n", [("3", 3), ("12", 12), ("六", 6), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("百万", 0)])
def test_the_count_after_a_list_of_towns(word, n):
    assert _count_of(word) == n


def test_towns_listed_without_their_suffix_are_the_towns_named_with_it():
    found = forms("我市共有太谷玛钢、祁县玻璃器皿 2 个省级专业镇。祁县玻璃器皿专业镇产出全国六成的玻璃器皿。")
    assert found["祁县玻璃器皿专业镇"] == {"祁县玻璃器皿专业镇", "祁县玻璃器皿"}
    assert "太谷玛钢" in found


@pytest.mark.parametrize(
    "text, name, found",
    [
        ("二十国集团领导人发布《二十国集团数字经济发展与合作倡议》。", "二十国集团数字经济发展与合作倡议", True),
        # a title with 的 describes a document, and a title of a kind alone names nothing
        ("会议发布《共建命运与共的繁荣世界倡议》。", "共建命运与共的繁荣世界倡议", False),
        ("双方签署《合作计划》。", "合作计划", False),
    ],
)
def test_a_programme_published_under_its_own_name_is_named_by_its_title(text, name, found):
    assert ((name, "Initiative") in entities(text)) is found


def test_strategies_listed_with_one_suffix_are_each_a_programme():
    found = entities("我省大力实施科教兴省、人才强省、创新驱动发展战略。")
    assert {("科教兴省", "Initiative"), ("人才强省", "Initiative"), ("创新驱动发展战略", "Initiative")} <= found


def test_a_list_of_clauses_names_no_strategies():
    # hard negative: 不敢腐、不能腐 are clauses, no slogans of four characters
    assert ("不敢腐", "Initiative") not in entities("一体推进不敢腐、不能腐、不想腐战略。")
