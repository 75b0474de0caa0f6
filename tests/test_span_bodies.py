"""Bodies of the flat span view (kg.span_bodies): contracted titles, bodies led by their
level, bodies with their term; on real sentences through ``kg annotate --flat`` and on
mentions made by hand."""

import pytest
from helpers import tools

from kg.annotate import annotate_record
from kg.model import Mention, Token
from kg.span_bodies import bodies_of_titles, bodies_with_terms, level_bodies


def spans(text: str, flat: bool = True) -> set[tuple[str, str]]:
    return {(e["text"], e["type"]) for e in annotate_record({"id": "t", "text": text}, tools(), flat=flat)["entities"]}


@pytest.mark.parametrize(
    "text, body",
    [
        ("内塔尼亚胡和基础设施部长沙龙强调安全至上。", "基础设施部"),
        ("任命原内政部副部长塔吉扎德为代理内政部长。", "内政部"),
        ("澳门日报社长李成俊在开幕式上说。", "澳门日报社"),
    ],
)
def test_a_title_that_contracts_its_body_gives_the_body(text, body):
    assert (body, "Organization") in spans(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("亚太经合组织贸易部长年度会议还将讨论贸易自由化。", "贸易部"),  # the ministers meet
        ("他是单位的“参谋长”、生活上的“后勤部长”。", "后勤部"),  # a figure of speech
        ("国政协常委、沪港经济发展协会会长唐翔千为团长。", "协会会"),  # the whole body before the title
        ("外经贸部副部长龙永图今天说。", "外经贸部副"),
    ],
)
def test_no_body_where_the_title_contracts_nothing(text, wrong):
    assert not any(name.startswith(wrong) for name, _t in spans(text))


def test_a_contracted_title_grows_the_body_before_it_and_a_deputy_gives_none():
    toks = [Token("澳门日报", 0, 4, "nz"), Token("社长", 4, 6, "n"), Token("副部长", 6, 9, "n")]
    ms = [Mention(0, 4, "澳门日报", "Organization", 0, "suffix:日报")]
    assert [m.text for m in bodies_of_titles("澳门日报社长副部长", toks, ms, set())] == ["澳门日报社"]


@pytest.mark.parametrize(
    "text, body",
    [
        ("从市审计局对各乡镇财政年度审计得知。", "市审计局"),
        ("在简陋的乡卫生院里，她是一名护士长。", "乡卫生院"),
        ("郑州共青团市委、市青年志愿者协会日前作出决定。", "市青年志愿者协会"),
        ("先干乡武装部长，再去林场。", "乡武装部"),
    ],
)
def test_a_body_led_by_its_level_is_one_span(text, body):
    assert (body, "Organization") in spans(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("成都人好福气，从市中心往东１９公里就有温泉。", "市中心"),
        ("自治区党委常委、秘书长邱石元是工作中需要的人。", "自治区党委常委"),
    ],
)
def test_no_level_body_where_the_words_name_no_body(text, wrong):
    assert wrong not in {name for name, _t in spans(text)}


def test_a_level_after_a_noun_ends_a_longer_name_and_is_left_alone():
    toks = [Token("衡阳", 0, 2, "ns"), Token("市", 2, 3, "n"), Token("审计局", 3, 6, "n")]
    assert level_bodies("衡阳市审计局", toks, [], set()) == []


def test_the_graph_keeps_level_bodies_as_references():
    assert "市审计局" not in {name for name, _t in spans("从市审计局对各乡镇财政年度审计得知。", flat=False)}


def test_a_term_opens_its_body_but_not_its_bodys_meeting():
    ms = [
        Mention(3, 7, "全国人大", "Organization", 0, "lexicon"),
        Mention(17, 23, "国际新闻学会", "Organization", 0, "suffix:学会"),
    ]
    out = bodies_with_terms("第六届全国人大第一次会议和第四十七届国际新闻学会年会", ms)
    assert [m.text for m in out] == ["第六届全国人大", "国际新闻学会"]


def test_a_place_before_the_term_joins_the_body():
    assert ("香港特区首届立法会", "Organization") in spans("香港特区首届立法会选举，参选人数之多前所未有。")


@pytest.mark.parametrize(
    "text, teams",
    [
        ("数次获过世界杯冠军的意大利、巴西队，揭开了本届杯赛的序幕。", {"意大利"}),
        ("其目的就是保证在对中国、丹麦、韩国、马来西亚等强队时稳取一分。", {"中国", "丹麦", "韩国", "马来西亚"}),
        ("八强已经产生：Ｅ组的美国、俄罗斯、立陶宛、西班牙。", {"美国", "俄罗斯", "立陶宛", "西班牙"}),
        ("复赛阶段，第一轮山东对江苏、广东对辽宁。", {"山东", "江苏", "广东", "辽宁"}),
    ],
)
def test_places_listed_or_paired_as_teams_are_organisations(text, teams):
    found = spans(text)
    assert all((t, "Organization") in found for t in teams), found


@pytest.mark.parametrize(
    "text, place",
    [
        ("北京国安队在成都与四川全兴队苦战九十分钟。", "成都"),  # where they play
        ("尼日利亚队与欧洲和南美球队相比，他们的技术更好。", "南美"),  # the teams of a region
        ("我们抵达时，韩国队员正三三两两地在旅馆周围散步。", "韩国"),  # 队员, not a team
        ("中美两国对话的大门始终敞开，中国对美国的出口增长。", "美国"),  # no match: 对 is no pairing
    ],
)
def test_places_stay_places_outside_lists_of_teams(text, place):
    assert (place, "Place") in spans(text)


def test_a_states_army_is_the_state_in_flat_spans_and_an_organisation_in_the_graph():
    text = "尼赫鲁下令印度军队向中国的边防部队发动了大规模进攻。"
    assert ("印度", "Place") in spans(text) and ("印度军队", "Organization") not in spans(text)
    assert ("印度军队", "Organization") in spans(text, flat=False)
    assert ("日军", "Organization") in spans("以抗议二战中日军对英国军人犯下的暴行。")  # the short form stays
