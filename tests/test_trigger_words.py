"""The vocabulary of the trigger engine (kg.extract.trigger_words): its patterns on examples,
each read as the engine reads it (a match at a name's end, a gap read whole, a search)."""

import pytest

from kg.extract.trigger_words import (
    GOVERNS,
    ISSUED,
    OTHERS_ACT,
    PARTNER_LANDS,
    SUBJECT_GAP,
    GUEST_DESCRIBED,
    INVITER_BEFORE,
    NOT_SUBJECT_AFTER,
    OTHER_ONE,
    PAST_VISIT,
    RECEIVED_BY,
    VISIT_GAP,
)


@pytest.mark.parametrize("gap", ["", "进行", "进行国事", "成功进行了正式", "实地"])
def test_what_may_stand_between_a_visited_place_and_its_trigger(gap):
    # 对俄罗斯进行国事访问, 在山西实地考察
    assert VISIT_GAP.fullmatch(gap)


@pytest.mark.parametrize("gap", ["的", "开展", "和陕西"])
def test_other_words_part_a_place_from_a_visit(gap):
    assert VISIT_GAP.fullmatch(gap) is None


@pytest.mark.parametrize("after", ["决策部署", "的重要指示", "消息", "关于", "同志为核心"])
def test_a_name_given_as_a_source_is_no_subject(after):
    # 党中央决策部署, 央视网消息, 国务院关于…, 以习近平同志为核心的党中央
    assert NOT_SUBJECT_AFTER.match(after)


@pytest.mark.parametrize("after", ["出席", "在北京", "与", "主持召开"])
def test_a_name_that_acts_stays_a_subject(after):
    assert NOT_SUBJECT_AFTER.match(after) is None


def test_a_guest_described_before_his_name_is_read_to_de():
    text = "来华出席第二十一届中国—东盟博览会的越南副总理"
    assert GUEST_DESCRIBED.match(text).group() == "来华出席第二十一届中国—东盟博览会的"
    assert GUEST_DESCRIBED.match("出席会议，越南副总理") is None  # never across a clause


def test_who_receives_is_the_group_before_the_greeting():
    m = RECEIVED_BY.search("代表团抵达利马，受到博鲁阿尔特总统热情")
    assert m.group(1) == "博鲁阿尔特总统"
    assert RECEIVED_BY.search("受到，热情") is None


def test_an_invitation_of_others_but_not_the_guests_own():
    assert INVITER_BEFORE.search("感谢习近平主席邀请我来华")
    assert INVITER_BEFORE.search("应邀请我") is None


def test_a_visit_named_as_a_past_occasion():
    assert PAST_VISIT.match("时的重要讲话") and PAST_VISIT.match("重要指示") and PAST_VISIT.match("期间")
    assert PAST_VISIT.match("考察") is None


def test_the_one_addressed_but_not_a_possessive():
    assert OTHER_ONE.search("今年4月你访问中国")
    assert OTHER_ONE.search("你的访问") is None and OTHER_ONE.search("你们的倡议") is None


def test_adverbs_between_a_subject_and_its_programme_verb():
    assert SUBJECT_GAP.fullmatch("深度") and SUBJECT_GAP.fullmatch("将继续积极") and SUBJECT_GAP.fullmatch("")
    assert SUBJECT_GAP.fullmatch("的") is None and SUBJECT_GAP.fullmatch("和企业") is None


def test_verbs_whose_object_acts():
    assert GOVERNS.search("积极支持") and GOVERNS.search("希望") and GOVERNS.search("也是") is None


def test_verbs_of_issuing_a_document():
    assert ISSUED.search("联合印发") and ISSUED.match("正式发布") and ISSUED.match("近日出台")
    assert ISSUED.search("审议通过") is None and ISSUED.search("签署") is None


def test_verbs_whose_object_does_what_follows():
    assert OTHERS_ACT.match("欢迎沙方") and OTHERS_ACT.match("支持卡方") and OTHERS_ACT.match("鼓励企业")
    # the subject's own act: 支持并参与, 支持建设, and 其 for the subject itself
    assert OTHERS_ACT.match("支持并参与") is None and OTHERS_ACT.match("支持建设") is None and OTHERS_ACT.match("支持其") is None


def test_the_partner_countries_of_a_programme():
    assert PARTNER_LANDS.match("”国家之间") and PARTNER_LANDS.match("国家进出口额")
    assert PARTNER_LANDS.match("建设") is None


def test_a_reporters_source_is_no_subject():
    assert NOT_SUBJECT_AFTER.match("了解到，") and NOT_SUBJECT_AFTER.match("获悉")
    assert NOT_SUBJECT_AFTER.match("实施") is None
