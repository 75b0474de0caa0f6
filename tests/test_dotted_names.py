"""Dotted names read off the words around their dots (kg.extract.dotted_names): parts that
are no run of transliteration characters, initials, and titles written with a dot."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, name",
    [
        ("维吾尔族农民阿不都·黑力力经营核桃树。", "阿不都·黑力力"),  # a minority's name
        ("印度前总理拉·甘地1988年访华。", "拉·甘地"),  # an initial
        ("改为由让·皮埃尔陪同拜登前往。", "让·皮埃尔"),  # an initial the tagger reads as a verb
        ("习近平致电塞尔焦·马塔雷拉，祝贺他连任。", "塞尔焦·马塔雷拉"),  # 焦 is no transliteration character
        ("刚接替安迪·葛鲁夫任英特尔总裁。", "安迪·葛鲁夫"),  # 任 glued to the last word
        ("在乔治·弗洛伊德因警察暴力执法死亡后。", "乔治·弗洛伊德"),  # 因/p transliterates too
        ("美国指挥黑尔·毕什站在乐池里。", "黑尔·毕什"),
    ],
)
def test_a_dotted_name_read_off_its_words(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("二十四节气·白露到来。", "二十四节气·白露"),  # a column's title
        ("阔步新征程·老区行。", "征程·老区"),
        ("节目国风·港味播出。", "国风·港味"),
        ("“卡尔·文森”号航母驶入南海。", "卡尔·文森"),  # a ship
        ("抵达伊斯兰堡努尔·汗机场。", "努尔·汗"),  # an airport
    ],
)
def test_dotted_words_that_are_no_persons_name(text, wrong):
    assert (wrong, "Person") not in entities(text)
