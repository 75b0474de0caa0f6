"""Alias merging (kg.extract.aliases): the forms of one entity in a document."""

import pytest
from helpers import entities, extract, forms, tools

from kg.extract.aliases import is_abbreviation, merge_aliases, series_key
from kg.extract.candidates import normalise_name
from kg.model import Mention


@pytest.mark.parametrize(
    "text, full, short",
    [
        # a name written with and without its host place is one entity
        ("长治八路军文化旅游区接待游客。八路军文化旅游区创建5A景区。", "长治八路军文化旅游区", "八路军文化旅游区"),
        ("上海市浙江商会会长王均金出席。上海浙江商会成立于2000年。", "上海市浙江商会", "上海浙江商会"),
        # a place in brackets written first
        ("远景能源(江苏)有限公司签约。江苏远景能源有限公司副总裁说。", "远景能源(江苏)有限公司", "江苏远景能源有限公司"),
    ],
)
def test_host_place_forms_are_one_entity(text, full, short):
    assert short in forms(text)[full]


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("香港立法会主席梁君彦表示欢迎。立法会今日三读通过条例草案。", "香港立法会", "立法会"),
        ("香港特区立法会今天举行会议。立法会主席梁君彦说。", "香港特区立法会", "立法会"),
        ("香港廉政公署落案起诉两人。廉政公署发言人说。", "香港廉政公署", "廉政公署"),
    ],
)
def test_a_regional_body_named_bare_is_the_one_named_with_its_region(text, full, short):
    assert short in forms(text)[full]


def test_a_regional_body_named_bare_stays_apart_with_two_regions_bodies():
    found = forms("香港立法会与澳门立法会交流。立法会今日通过条例草案。")
    assert found["立法会"] == {"立法会"} and "立法会" not in found["香港立法会"]


@pytest.mark.parametrize(
    "text, name, alias",
    [
        # an epithet is an alias of the name the document also writes, never the name
        ("新中国成立75年来，中国经济总量跃居世界第二。中国同法国签署合作文件。", "中国", "新中国"),
        # the fullest proper name still wins over the plain one
        ("中华人民共和国成立以来，新中国发展很快，中国经济持续增长。", "中华人民共和国", "新中国"),
    ],
)
def test_an_epithet_is_never_the_name_beside_another_form(text, name, alias):
    assert alias in forms(text)[name]


def test_an_epithet_written_alone_stays_the_name():
    # the canonical name is a form the document writes
    assert "新中国" in forms("新中国成立七十五年来，成就举世瞩目。")


def test_a_body_whose_name_ends_with_another_is_no_regional_body():
    # the State Department and the State Council: 国务院 is no regional body
    found = forms("美国国务院发言人说。国务院总理李强说。")
    assert found["国务院"] == {"国务院"} and "国务院" not in found["美国国务院"]


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("黄石大冶湖高新技术产业开发区举行签约仪式。黄石大冶湖高新区党工委书记潘小进讲话。", "黄石大冶湖高新技术产业开发区", "黄石大冶湖高新区"),
        ("扬州经济技术开发区举行投产仪式。扬州经开区今年新增企业十家。", "扬州经济技术开发区", "扬州经开区"),
    ],
)
def test_a_zone_and_its_short_name_are_one_place(text, full, short):
    assert short in forms(text)[full]


def test_zones_of_two_kinds_stay_two_places():
    found = forms("扬州高新区引进企业。扬州经济技术开发区举行仪式。")
    assert found["扬州高新区"] == {"扬州高新区"} and found["扬州经济技术开发区"] == {"扬州经济技术开发区"}


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("上海市人民政府与华为公司签约。上海市政府表示全力支持。", "上海市人民政府", "上海市政府"),
        ("全国人民代表大会常务委员会委员长赵乐际主持会议。全国人大常委会将审议草案。", "全国人民代表大会常务委员会", "全国人大常委会"),
        ("上海市人民检察院依法提起公诉。上海市检察院有关负责人表示将依法办案。", "上海市人民检察院", "上海市检察院"),
    ],
)
def test_a_state_body_s_formal_and_everyday_names_are_one_body(text, full, short):
    assert short in forms(text)[full]


def test_the_government_of_another_place_is_another_body():
    found = forms("上海市人民政府与华为公司签约。江苏省政府表示全力支持。")
    assert found["上海市人民政府"] == {"上海市人民政府"} and found["江苏省政府"] == {"江苏省政府"}


def test_two_hosts_of_one_kind_of_body_stay_two_entities():
    found = forms("北京市浙江商会会长张明出席。上海市浙江商会会长王均金出席。浙江商会遍布全国。")
    assert "浙江商会" not in found["北京市浙江商会"] and "浙江商会" not in found["上海市浙江商会"]


def test_short_and_full_place_forms_merge():
    found = forms("山西是能源大省。山西省加快转型。")
    assert {"山西", "山西省"} <= found["山西省"]


def test_abbreviation_declared_in_brackets_merges():
    found = forms("太原重型机械集团有限公司（以下简称“太重集团”）成立于1950年。太重集团生产轮轴。")
    assert found["太原重型机械集团有限公司"] >= {"太重集团"}
    assert len(found) == 1


def test_company_abbreviation_merges_without_declaration():
    found = forms("晋能清洁能源科技股份公司扩大产能。晋能科技公司总经理介绍了情况。")
    assert "晋能科技公司" in found["晋能清洁能源科技股份公司"]


def test_edition_merges_with_series_and_lexicon_alias():
    found = forms("第六届中国国际进口博览会在上海开幕。本届进博会规模创新高。")
    name = "第六届中国国际进口博览会"
    assert {"中国国际进口博览会", "进博会"} <= found[name]


@pytest.mark.parametrize(
    "short, full, expected",
    [
        ("太重集团", "太原重型机械集团有限公司", True),
        ("山西裕容能源", "山西裕容能源有限公司", True),
        ("太重集团", "太重集团起重分公司", False),  # a branch is its own entity
        ("华为公司", "中兴通讯股份有限公司", False),
    ],
)
def test_is_abbreviation(short, full, expected):
    assert is_abbreviation(short, full) is expected


def test_series_key_and_normalise():
    assert series_key("第133届广交会") == "广交会"
    assert series_key("首届山西特色专业镇投资贸易博览会") == "山西特色专业镇投资贸易博览会"
    assert normalise_name("“十四五”规划") == "十四五规划"


def test_company_short_name_without_its_place():
    found = forms("走进寿阳县山西新元煤炭有限责任公司调度中心。新元煤矿以高分通过验收。新元公司主任冀杰说。")
    assert {"新元煤矿", "新元公司"} <= found["山西新元煤炭有限责任公司"]


def test_foreign_name_variant_is_an_alias_of_the_frequent_form():
    found = forms("希腊总统帕夫洛普洛斯表示欢迎。帕夫洛普洛斯说。时任希腊总统帕夫洛普洛斯科亲自讲解。")
    assert found["帕夫洛普洛斯"] == {"帕夫洛普洛斯", "帕夫洛普洛斯科"}


def test_aliases_are_looked_up_not_tried_pairwise(monkeypatch):
    # 400 bodies without a legal suffix: no full name to abbreviate, so no pair is tried
    # (every pair, 160,000 calls, before)
    import kg.extract.aliases as aliases_module

    calls = []
    real = aliases_module.is_abbreviation
    monkeypatch.setattr(aliases_module, "is_abbreviation", lambda a, b: calls.append((a, b)) or real(a, b))
    text = "".join(f"第{k}研究会" for k in range(400)) + "太重集团和太原重型机械集团有限公司"
    ms = [Mention(i * 6, i * 6 + 5, f"第{i}研究会", "Organization", 0, "suffix:研究会", name=f"第{i}研究会") for i in range(400)]
    start = text.index("太重集团")
    ms += [
        Mention(start, start + 4, "太重集团", "Enterprise", 0, "suffix:集团", name="太重集团"),
        Mention(start + 5, len(text), "太原重型机械集团有限公司", "Enterprise", 0, "suffix:有限公司", name="太原重型机械集团有限公司"),
    ]
    _keyed, ents = merge_aliases(text, ms, tools().resources)
    assert len(calls) <= 4
    assert ("太原重型机械集团有限公司", ("太重集团",)) in {(e.name, e.aliases) for e in ents}


def test_mentions_in_any_order_give_the_same_entities():
    # the entities come in the order of their first mentions, which mentions in text
    # order give at once; shuffled, they are sorted
    import random

    from kg.extract.document import extract_document
    from kg.model import Document

    text = "山西省委书记会见太原重型机械集团有限公司董事长。太重集团生产轮轴。山西是能源大省。会见在太原举行。"
    dx = extract_document(Document(id="t", text=text), tools())
    res = tools().resources
    mentions = [m for m in dx.mentions if m.rule != "reference"]
    keyed, ents = merge_aliases(text, mentions, res)
    assert len(ents) >= 4 and [m.start for m in keyed] == sorted(m.start for m in keyed)
    shuffled = list(mentions)
    random.Random(7).shuffle(shuffled)
    assert shuffled != mentions
    assert merge_aliases(text, shuffled, res) == (keyed, ents)


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("中国科学技术大学举行开学典礼。中国科大校长包信和讲话。", "中国科学技术大学", "中国科大"),
        ("山西农业大学建校百年。山西农大师生参加庆典。", "山西农业大学", "山西农大"),
    ],
)
def test_university_short_name_merges(text, full, short):
    assert short in forms(text)[full]


def test_university_short_name_that_fits_two_universities_stays_apart():
    found = forms("山西医科大学和山西中医药大学联合举办论坛。山西医大教授出席。")
    assert "山西医大" in found  # its own entity
    assert "山西医大" not in found.get("山西医科大学", set()) and "山西医大" not in found.get("山西中医药大学", set())


def test_university_short_name_needs_its_characters_in_order():
    found = forms("山西大学举行典礼。山西农大师生参加。")
    assert "山西农大" in found and "山西农大" not in found.get("山西大学", set())


@pytest.mark.parametrize(
    "text",
    [
        "海外华文媒体讲好中国故事，传播好中国声音。",  # China before nouns only
        "在坚持一个中国原则的基础上深化交流。",
        "驻马店已连续承办20届中国农产品加工业投资贸易洽谈会。",
        "全市上下奋力谱写中国式现代化新篇章。",
    ],
)
def test_home_country_named_only_as_a_modifier_is_no_entity(text):
    assert ("中国", "Place") not in entities(text)


@pytest.mark.parametrize(
    "text",
    [
        "中国将坚定不移扩大高水平对外开放。",  # a subject
        "马来西亚是首个与中国建交的东盟国家。",  # an object
        "太行山区为中国革命作出了重大贡献。",  # before a verbal noun: China acts
        "讲好中国故事。中国的发展离不开世界。",  # one mention standing alone is enough
        "中国驻汤加使馆工作人员到码头迎接。",  # the state that sends a mission, inside its name
        "我谨代表中国政府和中国人民表示哀悼。",  # the place inside its government (GUIDELINES)
    ],
)
def test_home_country_standing_alone_is_an_entity(text):
    assert ("中国", "Place") in entities(text)


def test_foreign_country_before_a_noun_stays():
    assert ("美国", "Place") in entities("美国市场需求持续下降。")


def test_china_s_name_before_one_of_its_national_bodies_is_the_same_body():
    found = forms("中国商务部和东盟十国共同主办博览会。商务部副部长钱克明出席。")
    assert "商务部" in found["中国商务部"]
    # another state's ministry is another body
    found = forms("美国商务部宣布制裁。商务部新闻发言人作出回应。")
    assert "商务部" not in found["美国商务部"]


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("吕梁市被纳入国家“风光火储一体化”试点。", "风光火储一体化试点", "风光火储一体化"),
        ("他说：“我们积极推动‘由园升谷’工程。”", "由园升谷工程", "由园升谷"),
        ("公安部部署开展“猎狐2022”专项行动。", "猎狐2022专项行动", "猎狐2022"),
    ],
)
def test_a_quoted_programme_is_also_called_by_its_quote(text, full, short):
    assert short in forms(text)[full]


def test_a_quoted_number_is_no_alias_of_its_programme():
    # “1388”行动 is not called 1388
    assert forms("我省深入实施强镇兴村“1388”行动。")["1388行动"] == {"1388行动"}


def test_a_quoted_word_of_the_dictionary_is_no_alias_of_its_programme():
    # 三北 names a region, the programme is 三北工程
    assert forms("我国持续推进“三北”工程建设。")["三北工程"] == {"三北工程"}


@pytest.mark.parametrize(
    "text, names",
    [
        ("荆楚网（湖北日报网）讯 黄石大冶湖高新区举行签约仪式。", {"荆楚网", "湖北日报网"}),
        ("荆楚网(湖北日报网)讯(通讯员刘元)22日,大冶湖高新区举行签约仪式。", {"荆楚网", "湖北日报网"}),
    ],
)
def test_an_outlet_glossed_in_brackets_by_its_other_name_is_one_outlet(text, names):
    found = extract(text).entities
    assert any(names <= {e.name, *e.aliases} for e in found)


def test_a_place_in_brackets_after_an_outlet_is_no_other_name_of_it():
    found = extract("据新华社（北京）报道，会议召开。").entities
    assert not any({"新华社", "北京"} <= {e.name, *e.aliases} for e in found)


def test_a_dated_holiday_is_its_day():
    # 2025年元旦 is of the series 元旦, though series_key keeps names under three characters
    found = forms("全国总工会今天启动2025年元旦春节期间送温暖行动。元旦期间，各地举行活动。")
    assert found["2025年元旦"] == {"2025年元旦", "元旦"}


def test_a_programme_named_with_and_without_its_national_level_is_one():
    found = forms("二是开展生态产品价值实现机制试点。支持长治市开展第二轮国家生态产品价值实现机制试点。")
    assert found["国家生态产品价值实现机制试点"] == {"国家生态产品价值实现机制试点", "生态产品价值实现机制试点"}
