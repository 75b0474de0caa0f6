"""Steps over chosen candidates: a unit after its parent body, foreign names retyped."""

from __future__ import annotations

import pytest

from helpers import entities, forms, tools

from kg.extract.candidates import Candidate
from kg.extract.chosen_names import (
    compass_parts,
    glued_tails,
    names_in_lists,
    retype_foreign,
    settlement_chains,
    unit_words_after_bodies,
    units_of_bodies,
    zones_of_committees,
)


def test_a_unit_named_after_its_parent_body_is_one_name_with_the_parent_inside():
    text = "福州市公安局经侦支队破获一起案件。"
    parent = Candidate(0, 6, "Organization", "suffix:公安局", 2)
    unit = Candidate(6, 10, "Organization", "suffix:支队", 2)
    joined = units_of_bodies(tools().resources, text, [parent, unit])
    assert [(c.start, c.end, c.rule, c.priority) for c in joined] == [(0, 10, "suffix:支队", 2), (0, 6, "nested-name", 0)]
    # through the whole extraction too
    assert ("福州市公安局经侦支队", "Organization") in entities(text)


@pytest.mark.parametrize(
    "text, committee, zone",
    [
        ("吕梁经济技术开发区管委会与企业签署协议。", "吕梁经济技术开发区管委会", "吕梁经济技术开发区"),
        ("曹杨新村街道党工委召开会议。", "曹杨新村街道党工委", "曹杨新村街道"),
        ("太原武宿综合保税区管理委员会发布通知。", "太原武宿综合保税区管理委员会", "太原武宿综合保税区"),
    ],
)
def test_the_zone_a_committee_is_named_after_is_a_place_inside_it(text, committee, zone):
    body = Candidate(0, len(committee), "Organization", "suffix:" + committee[len(zone) :], 2)
    out = zones_of_committees(tools().resources, text, [body])
    assert {(text[c.start : c.end], c.type, c.rule, c.priority) for c in out} == {
        (zone, "Place", "nested-place", 0),
        (committee, "Organization", body.rule, 2),
    }
    assert {(committee, "Organization"), (zone, "Place")} <= entities(text)


def test_a_committee_named_after_no_zone_holds_no_place():
    # 综改示范区 is a programme (Initiative), 市委 no committee of a zone
    text = "综改示范区党工委召开专题会议，晋中市委召开常委会议。"
    bodies = [Candidate(0, 8, "Organization", "suffix:党工委", 2), Candidate(13, 17, "Organization", "suffix:市委", 2)]
    assert zones_of_committees(tools().resources, text, bodies) == bodies


def test_a_national_body_after_another_is_no_unit():
    text = "中国气象局国家气候中心发布报告。"
    first = Candidate(0, 5, "Organization", "lexicon", 2)
    second = Candidate(5, 11, "Organization", "suffix:中心", 2)
    assert units_of_bodies(tools().resources, text, [first, second]) == [first, second]


def test_foreign_names_a_list_claims_take_its_type():
    text = "切尔西战胜了阿森纳。"
    a = Candidate(0, 3, "Person", "pos:foreign", 1)
    b = Candidate(6, 9, "Person", "pos:foreign", 1)
    out = retype_foreign([a, b], text, {"切尔西"}, "Organization", "pos:club")
    assert [(c.type, c.rule) for c in out] == [("Organization", "pos:club"), ("Person", "pos:foreign")]
    assert retype_foreign([a, b], text, set(), "Organization", "pos:club") == [a, b]


def test_a_compass_region_after_a_foreign_place_or_a_province_is_part_of_it():
    text = "乌克兰东部地区局势紧张，陕西西南地区降雪。"
    ukraine = Candidate(0, 3, "Place", "gazetteer", 2, "UA")
    east = Candidate(3, 7, "Place", "lexicon", 2, "东部地区")
    shaanxi = Candidate(12, 14, "Place", "gazetteer", 2, "610000")
    southwest = Candidate(14, 18, "Place", "lexicon", 2, "西南地区")
    assert compass_parts(text, [ukraine, east, shaanxi, southwest]) == [ukraine, shaanxi]


def test_a_compass_region_after_china_or_in_a_list_of_regions_stays():
    text = "中国东北地区和华北东北"
    china = Candidate(0, 2, "Place", "gazetteer", 2, "CN")
    northeast = Candidate(2, 6, "Place", "lexicon", 2, "东北地区")
    north = Candidate(7, 9, "Place", "lexicon", 2, "华北地区")
    northeast2 = Candidate(9, 11, "Place", "lexicon", 2, "东北地区")
    kept = [china, northeast, north, northeast2]
    assert compass_parts(text, kept) == kept


@pytest.mark.parametrize(
    "text, town, village",
    [
        ("在浙江安吉县天荒坪镇余村，村民们办起了农家乐。", "天荒坪镇", "余村"),  # 天荒坪 | 镇余村
        ("贵州遵义市播州区枫香镇花茂村发展乡村旅游。", "枫香镇", "花茂村"),  # 枫香 | 镇花茂村: back to the district
        ("丰宁满族自治县土城镇苇子沟村的农民。", "土城镇", "苇子沟村"),  # 土 | 城镇 | 苇子 | 沟村
    ],
)
def test_a_village_read_with_its_town_is_two_places(text, town, village):
    found = entities(text)
    assert (town, "Place") in found and (village, "Place") in found
    assert (town + village, "Place") not in found


def test_a_town_cut_by_the_segmenter_needs_the_county_before_it():
    # 城镇 | 苇子沟村 with no county before it: no town's name can be told, the span stays
    text = "城镇苇子沟村的农民。"
    village = Candidate(0, 6, "Place", "suffix:村", 2)
    assert settlement_chains(tools().resources, text, [village]) == [village]
    # after a county the town runs back to it
    text = "丰宁满族自治县土城镇苇子沟村的农民。"
    county = Candidate(0, 7, "Place", "gazetteer", 2, "cn:130826")
    village = Candidate(8, 14, "Place", "suffix:村", 2)
    got = [(text[c.start : c.end], c.rule) for c in settlement_chains(tools().resources, text, [county, village])]
    assert got == [("丰宁满族自治县", "gazetteer"), ("土城镇", "suffix:镇"), ("苇子沟村", "suffix:村")]


def test_a_cut_name_between_two_list_marks_is_the_whole_item():
    text = "陈竺、万鄂湘、王东明出席。"
    chosen = [
        Candidate(0, 2, "Person", "pos:name", 1),
        Candidate(4, 6, "Person", "pos:joined", 1),  # 鄂湘: 万 | 鄂 | 湘
        Candidate(7, 10, "Person", "pos:name", 1),
    ]
    got = [(text[c.start : c.end], c.rule) for c in names_in_lists(tools().resources, text, chosen)]
    assert got == [("陈竺", "pos:name"), ("万鄂湘", "pos:list-name"), ("王东明", "pos:name")]


def test_a_list_item_with_a_name_of_another_kind_or_a_word_stays():
    text = "李强、北京市、全国、王东明出席。"
    chosen = [
        Candidate(0, 2, "Person", "pos:name", 1),
        Candidate(3, 6, "Place", "gazetteer", 2, "cn:110000"),
        Candidate(10, 13, "Person", "pos:name", 1),
    ]
    assert names_in_lists(tools().resources, text, chosen) == chosen


def test_the_last_item_of_a_list_of_people_before_deng_or_a_verb_of_attending():
    found = entities("石泰峰、穆虹、王东峰等参加会见。")
    assert ("王东峰", "Person") in found
    # a word opening the last item is no surname: 南部 | 拉法, a place's part
    assert ("南部拉法", "Person") not in entities("袭击了杰巴利耶、拜特拉希亚、南部拉法等地目标。")


def test_a_word_glued_to_a_name_named_alone_elsewhere_is_cut_off():
    text = "李强乘专机抵达。李强表示"
    glued = Candidate(0, 3, "Person", "pos:name", 1)
    alone = Candidate(8, 10, "Person", "pos:name", 1)
    got = [(text[c.start : c.end]) for c in glued_tails(tools().resources, text, [glued, alone])]
    assert got == ["李强", "李强"]
    # 葆 is no glued word: 刘奇葆 stays though 刘奇 is named
    text = "刘奇葆出席。刘奇说"
    full, short = Candidate(0, 3, "Person", "pos:name", 1), Candidate(6, 8, "Person", "pos:name", 1)
    assert glued_tails(tools().resources, text, [full, short]) == [full, short]


def test_a_glued_word_stays_when_the_shorter_name_is_not_known():
    text = "王伟时说。"  # no 王伟 elsewhere, none in the lexicon
    cand = Candidate(0, 3, "Person", "pos:name", 1)
    assert glued_tails(tools().resources, text, [cand]) == [cand]


def test_a_radar_station_is_no_person():
    assert ("雷达站", "Person") not in entities("摧毁了位于扎波罗热地区的防空系统雷达站。")


def test_a_dotted_name_with_a_verb_glued_to_its_end_loses_the_verb():
    found = entities("该组织领导人阿卜杜勒·马利克·胡塞称，只要以色列继续行动。")
    assert ("阿卜杜勒·马利克·胡塞", "Person") in found and ("阿卜杜勒·马利克·胡塞称", "Person") not in found


def _relations(text):
    from helpers import extract

    return {(r.head, r.type, r.tail) for r in extract(text).relations}


@pytest.mark.parametrize(
    "text, minister, state",
    [
        ("国家副主席王岐山与以色列候任总理、外交部长拉皮德共同主持会议。", "拉皮德", "以色列"),
        ("老挝副总理吉乔、越南副总理兼财政部长胡德福出席开幕式。", "胡德福", "越南"),  # a name read as Chinese
    ],
)
def test_a_foreign_minister_holds_a_post_of_his_state_not_of_chinas_ministry(text, minister, state):
    found = _relations(text)
    assert (minister, "holds_position", state) in found
    assert not any(h == minister and t in ("外交部", "财政部", "国防部") for h, _r, t in found)
    assert not any(n in ("外交部", "财政部") for n, _t in entities(text))


def test_a_bare_foreign_ministers_title_names_no_chinese_ministry():
    text = "以色列总理内塔尼亚胡5日晚称，已解除国防部长加兰特的职务。"
    assert ("国防部", "Organization") not in entities(text)
    assert not any(t == "国防部" for _h, _r, t in _relations(text))


@pytest.mark.parametrize(
    "text, person, body",
    [
        ("中央政治局委员、外交部长王毅16日在北京会见客人。", "王毅", "外交部"),
        ("国务院副总理兼财政部长刘昆出席。", "刘昆", "财政部"),
        ("外交部長林佳龍今天中午設宴。", "林佳龙", "外交部"),  # Taipei's, named 外交部 too
    ],
)
def test_a_chinese_minister_keeps_the_ministry(text, person, body):
    assert (person, "holds_position", body) in _relations(text)


def test_sudan_after_a_sultanate_is_the_sultans_title():
    found = entities("张高丽出席开幕式，文莱苏丹桑纳尔、柬埔寨首相洪森出席。")
    assert ("文莱", "Place") in found and ("苏丹", "Place") not in found
    # the place kept till the names were chosen: no name runs over it
    oman = entities("阿曼苏丹海赛姆致电习近平。")
    assert ("阿曼", "Place") in oman and not any(n.startswith("阿曼") and t == "Person" for n, t in oman)
    # Sudan itself, and in a list after a sultanate
    assert ("苏丹", "Place") in entities("苏丹总统布尔汉会见中国大使。")
    assert ("苏丹", "Place") in entities("文莱、苏丹和阿曼的代表出席。")
@pytest.mark.parametrize(
    "text, unit, parent",
    [
        ("他毕业于复旦大学金融学院。", "复旦大学金融学院", "复旦大学"),
        ("手稿辗转返回中国科学院数学研究所。", "中国科学院数学研究所", "中国科学院"),
        ("他被送往西南财经大学税务系深造。", "西南财经大学税务系", "西南财经大学"),
        ("他是北京大学化学与分子工程学院教授。", "北京大学化学与分子工程学院", "北京大学"),
        ("新药由南京中医药大学制药厂投入生产。", "南京中医药大学制药厂", "南京中医药大学"),
        ("该书由武汉大学出版社出版。", "武汉大学出版社", "武汉大学"),
        ("联合国欧洲办事处发言人宣布了消息。", "联合国欧洲办事处", "联合国"),  # a place among the unit's words
        ("东盟秘书处发布报告。", "东盟秘书处", "东盟"),
    ],
)
def test_a_unit_named_by_common_words_after_its_parent_is_one_name(text, unit, parent):
    found = entities(text)
    assert unit in {name for name, _t in found}
    assert (parent, "Organization") in found  # the parent stays as a name inside it


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("因此，可口可乐一贯主张发展美中关系。", "关系"),  # 关系 is no department
        ("近日，中央财经大学各院系师生在校园合影。", "各院系"),  # some or all units: no name
        ("中国科学院建立研究所。", "建立研究所"),  # a verb between the body and the unit word
        ("北京大学和清华大学医学院签约。", "北京大学和清华大学医学院"),  # two bodies
    ],
)
def test_no_unit_after_a_body_where_words_between_are_no_name(text, wrong):
    assert not any(wrong in name and name != "清华大学医学院" for name, _t in entities(text))


def test_unit_candidate_starts_where_its_parent_ends():
    text = "他毕业于复旦大学金融学院。"
    parent = Candidate(4, 8, "Organization", "lexicon", 2, "复旦大学")
    out = unit_words_after_bodies(tools().resources, text, [parent], {0, 1, 4, 8, 12, 13})
    assert [(c.start, c.end, c.type, c.rule) for c in out] == [(4, 8, "Organization", "lexicon"), (8, 12, "Organization", "suffix:学院")]


def test_a_unit_word_ending_twelve_characters_after_the_body_is_within_reach():
    # eight characters of nouns and a unit word of four: the last end the walk reads
    text = "他毕业于复旦大学金融工程技术经济研究中心。"
    parent = Candidate(4, 8, "Organization", "lexicon", 2, "复旦大学")
    bounds = {0, 1, 4, 8, 10, 12, 14, 16, 20, 21}
    out = unit_words_after_bodies(tools().resources, text, [parent], bounds)
    assert [(c.start, c.end, c.rule) for c in out][1:] == [(8, 20, "suffix:研究中心")]
    # one character further, out of reach: no unit
    far = "他毕业于复旦大学金融工程技术经济学研究中心。"
    out = unit_words_after_bodies(tools().resources, far, [parent], {0, 1, 4, 8, 10, 12, 14, 17, 21, 22})
    assert out == [parent]


def test_since_glued_to_a_dotted_name_is_cut_off():
    found = entities("这也是巴沙尔·阿萨德自2011年叙利亚危机爆发以来首次访问其他阿拉伯国家。")
    assert ("巴沙尔·阿萨德", "Person") in found and ("巴沙尔·阿萨德自", "Person") not in found


def test_a_village_read_with_its_county_is_two_places():
    from helpers import relations

    text = "习近平来到云南省普洱市澜沧县阿里村考察。"
    found = entities(text)
    assert ("澜沧县", "Place") in found and ("阿里村", "Place") in found
    assert ("澜沧县阿里村", "Place") not in found
    assert {("阿里村", "part_of", "澜沧县"), ("澜沧县", "part_of", "普洱市")} <= relations(text)
    assert ("大县村", "Place") in entities("他到大县村看望群众。")  # 县 inside a village's name


@pytest.mark.parametrize(
    "text, event",
    [
        # an edition or a year before a known event's short name is part of the mention
        ("江西南昌第十一届中博会开幕。", "第十一届中博会"),
        ("2024年服贸会在北京举行。", "2024年服贸会"),
    ],
)
def test_a_known_event_keeps_its_edition(text, event):
    found = forms(text)
    assert event in found, found
    # and the edition stays one entity with its series
    assert len([n for n in found if n.endswith(event[-3:])]) == 1


def test_a_known_event_without_an_edition_is_left_as_it_is():
    assert "进博会" in forms("本届进博会成果丰硕。")


def test_a_storm_s_name_is_no_person_anywhere_in_its_document():
    text = "当地时间26日晚，飓风“海伦妮”在美国佛罗里达州登陆。海伦妮已造成多人死亡。"
    assert not any(t == "Person" for _n, t in entities(text))


def test_a_person_named_like_no_storm_stays():
    # hard negative: a person in a story about a storm
    found = entities("飓风“米尔顿”登陆后，美国总统拜登宣布进入紧急状态。")
    assert ("拜登", "Person") in found and ("米尔顿", "Person") not in found


def test_a_weapon_s_name_is_no_person_anywhere_in_its_document():
    text = "俄军使用伊斯坎德尔战术导弹打击目标。伊斯坎德尔射程达500公里。"
    assert not any(t == "Person" for _n, t in entities(text))


def test_a_transliteration_cut_at_a_surname_like_character_is_one_name():
    found = entities("针对北约秘书长斯托尔滕贝格25日称北约将不会出兵。")
    assert ("斯托尔滕贝格", "Person") in found and ("斯托尔", "Person") not in found


def test_chinese_names_in_a_run_stay_apart():
    # hard negative: a run of Chinese names with no separator
    found = entities("出席会议的有李强蔡奇丁薛祥。")
    assert {("李强", "Person"), ("蔡奇", "Person"), ("丁薛祥", "Person")} <= found


@pytest.mark.parametrize(
    "text, feature",
    [
        ("在江西武功山，10万亩高山草甸一片金黄。", "武功山"),  # right after its province
        ("四川米仓山4万亩彩叶层林尽染。", "米仓山"),
    ],
)
def test_a_feature_read_as_a_name_after_a_place_is_a_place(text, feature):
    found = entities(text)
    assert (feature, "Place") in found and (feature, "Person") not in found


def test_a_feature_before_a_site_word_is_no_person():
    assert ("麦积山", "Person") not in entities("随后，习近平来到麦积山石窟，沿着栈道察看。")


def test_an_official_whose_name_ends_like_a_feature_stays_a_person():
    # hard negative: after a title, 孙洪山 is a person
    assert ("孙洪山", "Person") in entities("副省长孙洪山在江西新余调研。")


def test_foreign_names_listed_after_a_place_are_places():
    found = entities("以军空袭了大马士革、苏韦达、拉塔基亚、塔尔图斯部署的防空系统。")
    assert {("苏韦达", "Place"), ("拉塔基亚", "Place"), ("塔尔图斯", "Place")} <= found


def test_persons_listed_with_their_countries_stay_persons():
    # hard negative: a title stands between the place and the name
    found = entities("出席会议的有美国总统拜登、法国总统马克龙。")
    assert {("拜登", "Person"), ("马克龙", "Person")} <= found
