"""Reference words (kg.extract.references): a bare surname with a title, a bare event word."""

import pytest
from helpers import extract, relations, tools


def test_surname_with_title_refers_to_the_one_person_of_that_surname():
    dx = extract("晋中市委书记常书铭来到祁县调研。常书记强调，要抓好招商。李书记也来了。")
    refs = [(m.text, m.key) for m in dx.mentions if m.rule == "reference"]
    assert ("常书记", "常书铭") in refs
    assert not any(t == "李书记" for t, _k in refs)  # nobody named 李 in the article
    forms = {e.name: set(e.aliases) for e in dx.entities}
    assert "常书记" not in forms["常书铭"]  # a reference is not an alias


@pytest.mark.parametrize(
    "text, expected",
    [
        # the segmenter joins 出席会议 into one token: 会议 is still the named meeting
        ("全省民营经济发展推进会在太原召开。副省长李明出席会议。", [("会议", "民营经济发展推进会")]),
        # 开幕大会 and 活动 stand for any named event; 此次 makes any event word refer
        ("第九届中国西部国际博览会在成都举行。王强出席开幕大会。", [("开幕大会", "第九届中国西部国际博览会")]),
        ("第九届中国西部国际博览会在成都举行。此次活动为期五天。", [("此次活动", "第九届中国西部国际博览会")]),
        # hard negatives: a common event word out of context, a modified meeting, no named event
        ("第九届中国西部国际博览会在成都举行。各地开展宣传活动。", []),
        ("全省民营经济发展推进会在太原召开。李明主持召开调度会议。", []),
        ("副省长李明出席会议。", []),
        # a session held in the article is the meeting; one cited for its line is not
        ("县委八届四次全会在县城召开。县领导王强出席会议。", [("会议", "县委八届四次全会")]),
        ("要落实县委八届四次全会提出的任务。县领导王强出席会议。", []),
        ("要学习党的二十大精神。县领导王强出席会议。", []),
        ("要落实县委八届四次全会和市委五届二次全会提出的任务。县领导王强出席会议。", []),
        # an event the article's is one part of is not what 活动 stands for
        ("山西省招商项目签约仪式在太原举行。此次活动是第十届中国国际煤炭博览会系列活动之一。市委书记李相国出席活动。",
         [("此次活动", "山西省招商项目签约仪式"), ("活动", "山西省招商项目签约仪式")]),
        ("第十届中国艺术节在太原开幕。市委书记李相国出席活动。", [("活动", "第十届中国艺术节")]),
        # counted or sorted, 活动 are events to come, none of them the one named
        ("第十届中国艺术节在太原开幕。明年将举办一系列活动。", []),
        ("第十届中国艺术节在太原开幕。各地开展各类活动。", []),
    ],
)
def test_event_words_refer_to_the_named_event(text, expected):
    dx = extract(text)
    assert [(m.text, m.key) for m in dx.mentions if m.rule == "reference" and m.type == "Event"] == expected


def test_clauses_ended_by_a_semicolon_count_with_their_sentence_in_a_references_reach():
    # 会议 twelve sentences after the meeting is named refers to it; the same text with
    # its sentences cut in clauses by semicolons (sentences of their own) reaches as far
    named = "二十国集团领导人第十八次峰会在新德里举行。"
    for clauses in ("我们要加强协调。", "我们要加强协调；我们要推进合作；我们要扩大开放。"):
        dx = extract(named + clauses * 11 + "印度总理莫迪主持会议。")
        assert [(m.text, m.key) for m in dx.mentions if m.rule == "reference" and m.type == "Event"] == [
            ("会议", "二十国集团领导人第十八次峰会")
        ]
    dx = extract(named + "我们要加强协调。" * 12 + "印度总理莫迪主持会议。")  # one sentence more: out of reach
    assert not [m for m in dx.mentions if m.rule == "reference" and m.type == "Event"]


def test_a_bare_event_word_never_stands_for_a_happening():
    # the only named event is the epidemic: 出席开幕式 speaks of no named event
    found = relations("面对新冠肺炎疫情，各方积极应对。澳门特别行政区行政长官贺一诚出席开幕式。")
    assert not [r for r in found if r[1] == "attended"], found


@pytest.mark.parametrize("text, surname", [("这两件事胡老至今记忆犹新。", "胡"), ("在林老百年诞辰之际出版了文集。", "林")])
def test_an_elder_s_surname_before_lao_is_a_person_reference(text, surname):
    kit = tools()
    tokens = kit.segmenter.tokens(text)
    assert any(text[s:e] == surname for s, e in kit.entities.surname_references(text, tokens))


def test_gulao_is_a_word_not_a_surname_and_lao():
    kit = tools()
    text = "作为一个古老的行业，它仍有活力。"
    assert kit.entities.surname_references(text, kit.segmenter.tokens(text)) == []


def test_woguo_refers_to_china_when_the_document_names_it():
    # 我国 is the country a Chinese paper writes from: a reference to 中国 where the document
    # names it (relations stated through it count), none where it does not
    text = "国家主席习近平会见中国驻外使节。习近平举行仪式，欢迎挪威首相斯特勒对我国进行正式访问。"
    found = extract(text)
    refs = [(m.text, m.key) for m in found.mentions if m.rule == "reference"]
    assert ("我国", "中国") in refs
    assert ("斯特勒", "visited", "中国") in {(r.head, r.type, r.tail) for r in found.relations}
    assert not [m for m in extract("欢迎挪威首相斯特勒对我国进行正式访问。").mentions if m.text == "我国"]


@pytest.mark.parametrize(
    "text, word, place",
    [
        # a roundup of provinces: 全省 is the province its own clause names
        ("河北全省1680个新项目开工。今天，贵州全省同步举行义务植树活动。河北还将继续推进。", "全省", "贵州"),
        ("吉林省吉林市正在开展核酸检测，吉林市还有方舱医院在建设。辽宁沈阳正开展全市扩面核酸检测工作。", "全市", "沈阳"),
    ],
)
def test_the_whole_of_a_place_is_the_one_its_clause_names(text, word, place):
    refs = [m.key for m in extract(text).mentions if m.rule == "reference" and m.text == word]
    assert refs[-1] == place


def test_the_whole_of_a_place_named_in_another_clause_is_the_documents_main_one():
    # 全市 after a clause mark: the place of an earlier clause is not the one spoken of
    text = "吉林市召开会议，吉林市委书记讲话。会上，沈阳代表发言，全市上下要抓好落实。"
    refs = [m.key for m in extract(text).mentions if m.rule == "reference" and m.text == "全市"]
    assert refs == ["吉林市"]
