"""Projects named by their owner and what they build (kg.extract.named_projects)."""

import pytest
from helpers import entities

from kg.extract.named_projects import _distinctive


@pytest.mark.parametrize(
    "rest, named",
    [
        ("文化旅游康养", True),
        ("第一热电厂", True),
        ("15万吨生物降解材料聚乳酸", True),
        # words of scope and weight alone: a kind of project
        ("重点", False),
        ("重大产业", False),
        ("", False),
    ],
)
def test_the_words_after_the_opening_must_say_more_than_a_kind(rest, named):
    assert _distinctive(rest) is named


def test_a_place_at_the_start_is_part_of_the_project_name():
    found = entities("太原市第一热电厂扩建项目正式开工。")
    assert ("太原市第一热电厂扩建项目", "Initiative") in found
    assert ("太原市", "Place") not in found


def test_a_company_project_keeps_the_company_as_an_entity_of_its_own():
    found = entities("中国海油盐城绿能港扩建项目投产。中国海油表示，项目将保障长三角用气。")
    assert ("中国海油盐城绿能港扩建项目", "Initiative") in found
    assert ("中国海油", "Enterprise") in found


def test_a_described_project_in_a_signing_list_is_no_name():
    found = entities("平鲁区人民政府和杭州易帆绝缘材料有限公司签署管道生产制造项目。")
    assert not any(t == "Initiative" for _, t in found)
