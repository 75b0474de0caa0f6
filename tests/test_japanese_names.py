"""Japanese people's names (kg.extract.japanese_names): a Japanese surname and a given name
the segmenter cuts anywhere, or a surname alone before a title, and words that open with a
surname's characters but name no one."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, name",
    [
        ("日本首相桥本龙太郎在今天晚上同美国总统进行会谈。", "桥本龙太郎"),  # one word after a title
        ("自治大臣兼国家公安委员会委员长上杉光弘一行抵京。", "上杉光弘"),  # 上杉 | 光弘
        ("名古屋铁道会长谷口清太郎等人在日本积极筹资。", "谷口清太郎"),  # 谷口 | 清/t | 太郎
        ("日本前首相福田康夫出席论坛。", "福田康夫"),  # 福田 is a place too
        ("日本前首相鸠山由纪夫表示，", "鸠山由纪夫"),
    ],
)
def test_a_japanese_surname_and_its_given_name_are_one_person(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("桥本首相兑现了承诺。", "桥本"),  # a title of Japan's government, anywhere
        ("据日本共同研究机构生理学研究所的冈田教授介绍，", "冈田"),  # another title, about Japan
    ],
)
def test_a_japanese_surname_alone_before_a_title(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("日本政府决定将福岛核污染水排海。", "福岛核污染"),  # a place, then a word of its own
        ("日本福岛县多地发生地震。", "福岛县多地"),  # a division after the place
        ("横渡大西洋的航线开通。", "大西洋"),  # a word that opens with a surname's characters
        ("小岛医生余家军为村民送医问诊。", "小岛"),  # a Chinese word before a title, no text about Japan
        ("日本首相石破茂今天表示，", "石破茂今天"),  # a time word is no part of the given name
    ],
)
def test_words_that_open_with_a_japanese_surname_but_name_no_one(text, wrong):
    assert (wrong, "Person") not in entities(text)
