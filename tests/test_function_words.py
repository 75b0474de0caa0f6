"""kg.extract.function_words: persons the tagger made of a function word."""

import pytest
from helpers import entities


def persons(text: str) -> set[str]:
    return {n for n, t in entities(text) if t == "Person"}


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("一季度农村居民人均消费支出增长4.4%，增速快于城镇1.2个百分点。", "于城镇"),
        ("第十四届全国人民代表大会代表应于2023年1月选出。", "应于"),
        ("全国综合货运枢纽直接服务于超220个国家级产业园区和产业集群。", "于超"),
    ],
)
def test_a_preposition_or_a_word_of_quantity_makes_no_name(text, wrong):
    assert wrong not in persons(text)


def test_a_word_of_quantity_is_cut_off_a_longer_name():
    found = persons("库拉霍沃距离乌军后勤枢纽波克罗夫斯克约30公里。")
    assert "波克罗夫斯克约" not in found


@pytest.mark.parametrize(
    "text, name",
    [
        # a title before 于 (院长 | 于斌, though 长于 is a word), a date or an age after the name
        ("霍尔果斯市卫生院院长于斌接受审查。", "于斌"),
        ("记者李超30日从会上获悉，工程已经完工。", "李超"),
        ("“共和国勋章”获得者黄宗德17岁入伍投身革命。", "黄宗德"),
    ],
)
def test_names_with_the_same_characters_stay(text, name):
    assert name in persons(text)
