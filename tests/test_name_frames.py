"""Where a person stands in a sentence (kg.extract.name_frames), on whole sentences."""

import pytest
from helpers import entities, relations


@pytest.mark.parametrize(
    "text, person, body",
    [
        # a surname and the given name's first character that make a place's word, after a
        # title whose 长 the segmenter cut off its body
        ("高雄市长韩国瑜当天表示，将推动地方建设。", "韩国瑜", "高雄市"),
        ("立法院长韩国瑜也出席了会议。", "韩国瑜", "立法院"),
    ],
)
def test_a_name_cut_at_a_place_s_word_after_a_title(text, person, body):
    found = entities(text)
    assert (person, "Person") in found and not any(n == "韩国" for n, _t in found)
    assert (person, "holds_position", body) in relations(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("部长中国队夺冠后接受采访。", "中国队"),  # the place's team after a title
        ("院长韩国来的客人到了。", "韩国"),  # a verb after the place: no given name
        ("校长中国有句古话说得好。", "中国"),
    ],
)
def test_a_place_after_a_title_stays_a_place_when_no_name_is_cut(text, place):
    assert place in {n for n, _t in entities(text)}
