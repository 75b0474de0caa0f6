"""The word tests of a body's name (kg.extract.body_parts), on whole sentences: which words
before a suffix may be part of a name."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # 就 glued to the name's first characters, and a country's one-character name glued to 称
        ("他们将在那里就亚速钢铁厂人员撤离问题开展工作。", "亚速钢铁厂", "就亚速钢铁厂"),
        ("俄称亚速钢铁厂周边有平民撤离。", "亚速钢铁厂", "俄称亚速钢铁厂"),
    ],
)
def test_a_glued_preposition_or_says_opens_no_body(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found


def test_a_county_whose_name_opens_with_cheng_keeps_it():
    # hard negative: 称多县 is a word of the dictionary, no glued 称
    assert ("称多县人民政府", "Organization") in entities("称多县人民政府发布通知。")


@pytest.mark.parametrize(
    "text, wrong",
    [
        # 和 after a country, a division, the nation or a quoted name joins two things, not two
        # words of one body's name
        ("要求美国和外国军队从伊拉克全面撤出。", "美国和外国军队"),
        ("扩大了实施核威慑的国家和军事联盟范围。", "国家和军事联盟"),
        ("深化共建“一带一路”和欧亚经济联盟对接合作。", "一带一路和欧亚经济联盟"),
        ("新疆和中央组织部选派干部。", "新疆和中央组织部"),
    ],
)
def test_he_after_a_place_or_a_quoted_name_joins_no_words_of_a_body(text, wrong):
    assert wrong not in {n.replace("“", "").replace("”", "") for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, wrong, kept",
    [
        # 和/与 before a complete name the tagger keeps whole, after a known body's short name,
        # or after a counted noun, joins two names or a group and a name
        ("东盟十国领导人和亚洲开发银行行长出席。", "东盟十国领导人和亚洲开发银行", "亚洲开发银行"),
        ("总台与东风汽车集团签署合作协议。", "总台与东风汽车集团", "东风汽车集团"),
        ("授予张三等20名个人和中铁建工集团荣誉称号。", "个人和中铁建工集团", "中铁建工集团"),
    ],
)
def test_he_between_two_names_joins_no_words_of_a_company(text, wrong, kept):
    found = {n for n, _t in entities(text)}
    assert wrong not in found and kept in found


@pytest.mark.parametrize("name", ["山西省工业和信息化厅", "住房和城乡建设部", "月球与行星科学国家重点实验室"])
def test_he_between_two_fields_stays_in_a_body_s_name(name):
    assert (name, "Organization") in entities(f"{name}发布通知。")


def test_places_by_end_answer_as_the_plain_places_do(tools):
    # the place tests of the grammar read where places start off a PlacesByEnd; a plain
    # dict of the same places gives the same answers at every token
    from kg.extract.body_checks import first_proper
    from kg.extract.body_parts import PlacesByEnd, starts_place
    from kg.extract.candidates import Candidate
    from kg.extract.segment import Tokens

    # 山西省太原市钢铁公司
    tokens = Tokens.tagged([("山西省", "ns"), ("太原市", "ns"), ("钢铁", "n"), ("公司", "n")])
    plain = {3: [Candidate(0, 3, "Place", "gazetteer", 2)], 6: [Candidate(3, 6, "Place", "gazetteer", 2)]}
    indexed = PlacesByEnd(plain)
    res = tools.resources
    assert indexed.starts == {0, 3}
    for k in range(len(tokens)):
        assert starts_place(tokens[k], indexed) == starts_place(tokens[k], plain)
        for end in (6, 8, 10):
            assert first_proper(res, tokens, k, 3, 0, end, indexed) == first_proper(res, tokens, k, 3, 0, end, plain)
    assert [starts_place(t, indexed) for t in tokens] == [True, True, False, False]


@pytest.mark.parametrize(
    "text, name",
    [
        ("桂林象棋协会共同主办冠军赛。", "桂林象棋协会"),  # 象棋/v: a game the tagger files as a verb
        ("法国雇主协会举行工作宴会。", "法国雇主协会"),  # 雇主/v
    ],
)
def test_a_rare_verb_after_a_place_names_its_societys_field(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize("text, wrong", [("深圳市成立协会推动行业自律。", "深圳市成立协会"), ("北京加入协会后发展迅速。", "北京加入协会")])
def test_a_verb_that_takes_the_society_is_no_word_of_its_name(text, wrong):
    assert not any(n == wrong for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, body, town",
    [
        ("肖更民调任公明镇党委书记。", "公明镇党委", "公明镇"),
        ("为了提高山区教育水平，薛埠镇党委决定撤并小学。", "薛埠镇党委", "薛埠镇"),
        ("山东省平度市崔马镇供销社营业员胥慧霞。", "崔马镇供销社", "崔马镇"),
    ],
)
def test_a_towns_body_is_named_after_the_town_the_suffix_grammar_found(text, body, town):
    assert {(body, "Organization"), (town, "Place")} <= entities(text)


@pytest.mark.parametrize("text, wrong", [("该镇政府积极推进。", "该镇政府"), ("全镇党委班子成员参加。", "全镇党委")])
def test_a_bare_town_word_names_no_towns_body(text, wrong):
    assert not any(n == wrong for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("李希来到哈尔滨汽轮机厂有限责任公司调研。", "哈尔滨汽轮机厂有限责任公司"),  # 汽/zg
        ("美国联邦储备委员会已下令中止塞尔芬银行等四家墨西哥银行的业务。", "塞尔芬银行"),
    ],
)
def test_a_bare_morpheme_may_open_or_sit_in_a_companys_trade_name(text, name):
    assert (name, "Enterprise") in entities(text)


def test_a_bare_morpheme_joins_no_bodys_name():
    # 委/zg after a district is the district's committee (a place rule), no word of a body
    assert ("小店区委", "Organization") in entities("小店区委书记张三主持会议。")


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("完善的5G网络和大型数据中心让企业实现了高效协同。", "5G网络和大型数据中心"),
        ("中央和省级组织部门要加强指导。", "中央和省级组织"),
    ],
)
def test_a_size_or_level_after_he_opens_a_kind_not_a_word_of_a_name(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


def test_a_name_joining_two_fields_by_he_stays_whole():
    assert ("美国卫生和公共服务部", "Organization") in entities("美国卫生和公共服务部发布报告。")


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # the segmenter glued 到 to the first place's last character (村到/v)
        ("运动员从延庆冬奥村到国家高山滑雪中心只需几分钟。", "国家高山滑雪中心", "延庆冬奥村到国家高山滑雪中心"),
    ],
)
def test_a_word_glued_to_dao_ends_a_body(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found


@pytest.mark.parametrize(
    "text, name",
    [
        # a serial number after a place names one of its schools or hospitals
        ("赵乐际还参观了湖南第一师范学院。", "湖南第一师范学院"),
        ("上海市第六人民医院的专家会诊。", "上海市第六人民医院"),
    ],
)
def test_a_place_s_numbered_school_or_hospital_is_one_name(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize("text", ["他考入了师范学院。", "全国第一所师范学院的学生。", "该校第一学院举行活动。"])
def test_a_kind_of_college_alone_is_no_name(text):
    assert not any(t == "Organization" for _n, t in entities(text))
