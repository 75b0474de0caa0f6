"""Events named as two parts joined by 暨 (kg.extract.joined_events), on whole sentences."""

import pytest
from helpers import entities

from kg.extract.candidates import Candidate
from kg.extract.joined_events import joined_events
from kg.extract.segment import Tokens


@pytest.mark.parametrize(
    "text, event",
    [
        ("赵乐际23日出席全国巡视工作会议暨十九届中央第九轮巡视动员部署会并讲话。",
         "全国巡视工作会议暨十九届中央第九轮巡视动员部署会"),
        ("全国春季农业生产暨加强冬小麦田间管理工作会议2月13日在山东省德州市召开。",
         "全国春季农业生产暨加强冬小麦田间管理工作会议"),
        ("习近平向青蒿素问世50周年暨助力共建人类卫生健康共同体国际论坛致贺信。",
         "青蒿素问世50周年暨助力共建人类卫生健康共同体国际论坛"),
        # a topic listed with 、 inside the second title
        ("9月26日下午，全市县(区)委书记座谈会暨信访、安全稳定工作会议召开。",
         "全市县(区)委书记座谈会暨信访、安全稳定工作会议"),
        ("纪念中国人民抗日战争暨世界反法西斯战争胜利79周年座谈会在北京举行。",
         "纪念中国人民抗日战争暨世界反法西斯战争胜利79周年座谈会"),
        # a quoted festival as the second title (the name keeps no quote marks)
        ("2024国际消费季暨第五届上海“五五购物节”在上海开幕。",
         "2024国际消费季暨第五届上海五五购物节"),
    ],
)
def test_two_titles_joined_by_ji_are_one_event(text, event):
    found = entities(text)
    assert (event, "Event") in found
    # neither part is an event of its own beside the whole
    assert not any(t == "Event" and n != event and n in event for n, t in found)


def test_the_opening_of_an_event_and_the_event_held_with_it_stay_two():
    found = entities("第七届中国—亚欧博览会开幕式暨天山论坛在乌鲁木齐举行。")
    assert ("天山论坛", "Event") in found
    assert not any("暨" in n for n, _t in found)


def test_a_list_of_events_is_not_one():
    # the first title ends at 、, and the second part lists events
    text = "近日，2024中拉文明对话、秘鲁中国时段暨中国视听展播月启动仪式等活动在秘鲁举行。"
    assert not any(n.startswith("2024中拉文明对话、") for n, _t in entities(text))
    listed = "此外，熊猫剧场年度开播暨金砖国家影视文化交流活动、金砖国家文明对话系列活动、金砖机遇青年交流对话会举行。"
    assert not any("、" in n for n, t in entities(listed) if t == "Event")


def tagged(words):
    """The tokens of ``words`` (one tag for all: the rule reads words, not tags)."""
    return "".join(words), Tokens.tagged([(w, "n") for w in words])


@pytest.mark.parametrize(
    "words, event",
    [
        (["暨南大学", "学术", "研讨会", "开幕"], "学术研讨会"),  # 暨 inside a university's name
        (["浙江", "诸暨", "珍珠", "产业", "发展", "大会", "开幕"], "珍珠产业发展大会"),  # inside a place's name
        (["出席", "会", "暨", "座谈会"], "座谈会"),  # a first title of one character is none
    ],
)
def test_ji_that_joins_no_two_titles(words, event):
    text, toks = tagged(words)
    s = text.index(event)
    assert joined_events(text, toks, [Candidate(s, s + len(event), "Event", "suffix:会", 1)]) == []


def test_the_same_titles_joined_by_a_ji_of_their_own():
    text, toks = tagged(["出席", "学术", "会议", "暨", "珍珠", "产业", "发展", "大会", "。"])
    s = text.index("珍珠")
    (whole,) = joined_events(text, toks, [Candidate(s, s + 8, "Event", "suffix:大会", 1)])
    assert text[whole.start : whole.end] == "学术会议暨珍珠产业发展大会"


def test_a_verb_of_holding_in_the_second_part_makes_it_a_clause():
    text = "出席论坛暨在北京举行的研讨会。"
    words = ["出席", "论坛", "暨", "在", "北京", "举行", "的", "研讨会", "。"]
    toks = Tokens.tagged([(w, "n") for w in words])
    assert joined_events(text, toks, [Candidate(11, 14, "Event", "suffix:研讨会", 1)]) == []


@pytest.mark.parametrize(
    "text, event",
    [
        ("中共中央举行纪念乔石同志诞辰100周年座谈会。", "纪念乔石同志诞辰100周年座谈会"),
        ("纪念中国人民抗日战争胜利79周年座谈会在北京举行。", "纪念中国人民抗日战争胜利79周年座谈会"),
        ("庆祝光彩事业发起实施30周年座谈会在京举行。", "庆祝光彩事业发起实施30周年座谈会"),
    ],
)
def test_a_commemoration_is_named_from_jinian(text, event):
    assert (event, "Event") in entities(text)


def test_a_commemoration_in_another_clause_is_not_joined():
    # 纪念 in the clause after the meeting, which the grammar does not name
    found = entities("中共中央16日在人民大会堂举行座谈会，纪念乔石同志诞辰100周年。")
    assert not any(t == "Event" for _n, t in found)
    # a verb of holding between 纪念 and the anniversary
    assert not any(n.startswith("纪念") for n, _t in entities("为纪念建党，举行100周年庆典大会。"))


def test_a_gathering_named_after_a_list_of_events_is_one_event():
    # the walk stops at 、; the gathering runs from the list's first event, and the form
    # without 、 (a headline's) is the same event
    text = "第三届文化旅游博览会、晋商大会总结表彰大会在太原举行。第三届文化旅游博览会晋商大会总结表彰大会隆重举行。"
    found = entities(text)
    assert ("第三届文化旅游博览会、晋商大会总结表彰大会", "Event") in found
    assert ("晋商大会总结表彰大会", "Event") not in found
    assert ("第三届文化旅游博览会晋商大会总结表彰大会", "Event") not in found


def test_a_topic_listed_before_a_gathering_opens_no_list_of_events():
    from kg.extract.joined_events import listed_gatherings

    t = "第三届文化旅游博览会、安全稳定工作会议召开"
    cands = [Candidate(0, 10, "Event", "suffix:博览会", 2), Candidate(11, 19, "Event", "suffix:工作会议", 2)]
    assert listed_gatherings(t, cands) == []
