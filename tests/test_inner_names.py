"""Names kept inside an event's or a programme's name (kg.extract.inner_names), on whole
sentences through the entity finder."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, event, inner",
    [
        ("中共二十大报告指出，要坚持改革。", "中共二十大", "中共"),
        ("县里召开中国共产党澧县第十二届委员会第四次全体会议。", "中国共产党澧县第十二届委员会第四次全体会议", "中国共产党"),
        ("第七届中国—亚欧博览会在乌鲁木齐开幕。", "第七届中国—亚欧博览会", "中国"),
    ],
)
def test_the_party_or_a_chinese_place_opening_an_event_is_part_of_its_name(text, event, inner):
    found = {n for n, _t in entities(text)}
    assert event in found
    assert inner not in found


@pytest.mark.parametrize(
    "text, inner, typ",
    [
        ("习近平在中国共产党与世界政党高层对话会上发表主旨讲话。", "中国共产党", "Organization"),  # a party to the dialogue
        ("二十国集团领导人杭州峰会开幕。", "杭州", "Place"),  # where it is held
        ("乌克兰危机持续发酵。", "乌克兰", "Place"),  # a foreign place the event is about
    ],
)
def test_names_inside_an_event_that_stay_entities(text, inner, typ):
    assert (inner, typ) in entities(text)


def test_a_curated_feature_opening_an_event_is_part_of_its_name():
    found = entities("泰山论坛在泰安开幕。")
    assert ("泰山", "Place") not in found


def test_add_keeps_the_chosen_and_appends_inner_names_in_text_order():
    from helpers import tools

    from kg.extract.candidates import Candidate

    finder = tools().entities
    text = "二十国集团领导人杭州峰会开幕。"
    event = Candidate(0, 12, "Event", "suffix:峰会", 2)
    out = finder.inner.add(text, [event], starts={0, 4, 8, 10})
    assert [(text[c.start : c.end], c.type, c.rule, c.priority) for c in out] == [
        ("二十国集团领导人杭州峰会", "Event", "suffix:峰会", 2),
        ("二十国集团", "Organization", "nested-name", 0),
        ("杭州", "Place", "nested-place", 0),
    ]
    # a candidate kept inside another (priority 0) holds no names of its own
    assert finder.inner.add(text, [Candidate(0, 12, "Event", "nested-name", 0)], starts={0}) == [
        Candidate(0, 12, "Event", "nested-name", 0)
    ]


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a company's short form that is an ordinary word, or no word of the name
        ("习近平主持中非合作论坛北京峰会和平安全高级别会议。", "平安"),
        ("通过“民生直达”平台发放补贴。", "民生"),
        ("2024中国航空产业大会暨南昌飞行大会开幕。", "国航"),
    ],
)
def test_a_short_form_inside_a_name_that_is_an_ordinary_word_or_no_word_is_no_body(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


def test_an_abbreviation_opening_a_word_inside_an_event_is_a_body():
    # 央视 is an ordinary dictionary word too, but filed as an abbreviation (j)
    assert ("央视", "Organization") in entities("第十四届央视财经香港论坛今天举行。")
