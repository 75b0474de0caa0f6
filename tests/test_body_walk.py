"""The walk to the left over a name's body (kg.extract.body_walk), on whole sentences: where
an event's or a programme's name stops."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a headline's clause before a plan or an operation
        ("乌称破坏俄军进攻计划。", "乌称破坏俄军进攻计划"),
        ("顿巴斯地区两市开通人道主义走廊。", "顿巴斯地区两市开通人道主义走廊"),
        ("全国已有60项改革试点。", "已有60项改革试点"),
        # a count or an amount before the name
        ("国家下达1000亿元中央预算内投资计划。", "1000亿元中央预算内投资计划"),
        ("全省完成5447户危房重建工程。", "5447户危房重建工程"),
    ],
)
def test_a_programme_s_name_stops_at_a_clause_or_a_count(text, wrong):
    assert (wrong, "Initiative") not in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # a year and a project's size are parts of its name
        ("京杭大运河2022年全线贯通补水行动启动。", "京杭大运河2022年全线贯通补水行动"),
        ("雄安500千伏输变电工程投运。", "雄安500千伏输变电工程"),
    ],
)
def test_a_year_or_a_size_stays_in_a_programme_s_name(text, name):
    assert (name, "Initiative") in entities(text)
