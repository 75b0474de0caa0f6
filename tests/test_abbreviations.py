"""Abbreviations of countries and provinces read in context (kg.extract.abbreviations)."""

import pytest
from helpers import entities, extract, relations


@pytest.mark.parametrize(
    "text, expected",
    [
        ("中美关系持续改善。", {"中国", "美国"}),
        ("中日韩三国领导人会晤。", {"中国", "日本", "韩国"}),
        ("晋冀鲁豫四省交界地区发展迅速。", {"山西省", "河北省", "山东省", "河南省"}),
        ("遵守中美三个联合公报。", {"中国", "美国"}),
        ("将美中关系置于坚实的基础之上。", {"美国", "中国"}),  # 中关 is a word, but 关系 follows the pair
        ("26年前，中日实现了邦交正常化。", {"中国", "日本"}),  # 中日 is filed as a time word
        ("在谈到日美安保条约问题时。", {"日本", "美国"}),
        ("研讨会今日在京举行。", {"北京市"}),
        ("批评了对华政策。", {"中国"}),
        ("中方希望英国政府停止干涉。", {"中国", "英国"}),
        ("美英俄科学家联手探测南极洲。", {"美国", "英国", "俄罗斯"}),  # three countries in a row
        ("为了满足港澳同胞的愿望。", {"香港特别行政区", "澳门特别行政区"}),
        ("外资对华投资稳定。", {"中国"}),  # a lone abbreviation after 对
        ("俄总统与美总统会晤。", {"俄罗斯", "美国"}),
        # a pair of countries the segmenter keeps apart, with no word of relations after it
        ("使既定的日俄高层往来得以实现。", {"日本", "俄罗斯"}),
        ("中美作为两个大国对世界共同承担责任。", {"中国", "美国"}),
        ("根据日中和平友好条约发展两国关系。", {"日本", "中国"}),
        ("表明了中美加强合作的重要性。", {"中国", "美国"}),  # the run 中美加 runs into 加强
        # lists with 、: three or more, or two after a word of being or going
        ("率部转战赣、粤、闽、湘。", {"江西省", "广东省", "福建省", "湖南省"}),
        ("线路途经新、甘、陕、川、渝五省区市。", {"新疆维吾尔自治区", "甘肃省", "陕西省", "四川省", "重庆市"}),
        # a country's side in talks, as 中方 and 美方
        ("葡方还向中方提供一些法律问题的说明。", {"葡萄牙", "中国"}),
        ("其主要原因是以方坚持对机场实施安全控制。", {"以色列"}),
        # a known abbreviation paired with one the table leaves out, before a word of two
        # countries' dealings: the only country opening with it, or the one the text names
        ("双方对中智建交28年来双边关系的发展表示满意。", {"中国", "智利"}),
        ("随着布隆迪国内形势的稳定，布中两国在各个领域的合作不断发展。", {"布隆迪", "中国"}),
    ],
)
def test_abbreviations_in_context_are_places(text, expected):
    found = {n for n, t in entities(text) if t == "Place"}
    assert expected <= found


@pytest.mark.parametrize(
    "text",
    [
        "曼联还需要考虑周末的曼城德比。",  # a derby, no pair of countries
        "任务过程时间以日、时、分、秒为单位。",
        # two continents as one landmass or region, no pair; a pair of towns (拉萨, 日喀则)
        "铁路网覆盖亚欧大陆全境。", "成为欧亚地区稳定繁荣的重要力量。", "受地震影响停运的拉日铁路已经恢复通行。",
        "他在古巴印象餐厅吃饭。",
        # a pair of continents qualifying the countries counted after it (the sample's gold)
        "钢铁巨龙通达亚欧17个国家。", "欧美多国现恶劣天气。", "来自欧美国家的学者走访上海。",
        # a pair of continents opening a name or an address
        "欧亚指数今天上涨。", "地址：北京市朝阳区欧亚7214室。", "欧亚大厦今天开业。",
        "他先后担任国会议员、印中友协主席等职务。",  # the pair opens a body's name
        "比方说，这件事就不好办。",  # 比方 is a word, no side in talks
        "美哥两国关系将能够翻开新的一页。",  # 哥 opens two countries' names and the text names neither
        "阿根廷队在决赛中以2∶0战胜东道主法国队。",  # 中 (in) and 以 (by) before a score
        "以遏止美元对日元近日来过分强劲的升势。",  # 日元 is a currency, not 对 + 日
        "坚持铸牢中华民族共同体意识。", "他在美术馆工作。", "推进晋冀鲁豫大宗商品骨干流通走廊建设。", "同比增长两成。", "从中鼎物流园出发。", "中西医结合治疗效果好。", "中欧和东欧国家。", "他在港口工作，港澳码头很忙。",
        # lists with 、 of languages, of kinds, of countries and provinces mixed
        "说明书有中、英文两种。", "中、小学生都来了。", "新、老职工一起参加。", "学校坚持德、智、体、美全面发展。"],
)
def test_abbreviations_out_of_context_are_not(text):
    assert not any(m.rule == "abbreviation" for m in extract(text).mentions)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a continent and a country, or two continents, in a word of their own (MSRA and
        # People's Daily tag each character a place)
        ("数月来，欧美金融业兼并热日炽。", {"欧洲", "美国"}),
        ("美欧对俄央行实施限制措施。", {"美国", "欧洲"}),
        ("双方将致力于建立亚欧新型伙伴关系。", {"亚洲", "欧洲"}),
        ("开辟了亚欧国际运输和经贸往来新格局。", {"亚洲", "欧洲"}),
        ("支持亚非拉的正义斗争。", {"亚洲", "非洲", "拉丁美洲"}),
    ],
)
def test_a_pair_of_continents_or_a_continent_and_a_country_is_two_places(text, expected):
    found = {n for n, t in entities(text) if t == "Place"}
    assert expected <= found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("克林顿表示不赞成对印巴实行经济制裁。", {"印度", "巴基斯坦"}),
        ("去年3月至今年1月，巴印两国举行了三次外秘级会谈。", {"巴基斯坦", "印度"}),
    ],
)
def test_india_and_pakistan_by_their_pair(text, expected):
    # 巴 alone is left out of the table (巴西, 巴勒斯坦); beside 印 it is Pakistan
    found = {n for n, t in entities(text) if t == "Place"}
    assert expected <= found


def test_the_palestine_israel_pair():
    # 巴 alone is left out (巴西, 巴基斯坦); before 以 and a word of relations it is Palestine
    found = entities("美方为打破巴以和谈僵局做了一些调停。")
    assert ("巴勒斯坦", "Place") in found and ("以色列", "Place") in found
    assert not any(n == "巴" for n, _t in entities("巴西队以2比0获胜。"))


def test_yi_before_a_pair_of_countries_is_a_preposition():
    # 以中非合作引领…: 以 (with, by) opens the phrase; China and Africa are the pair, not Israel
    found = {m.text for m in extract("确立以中非合作引领现代化事业的努力方向。").mentions if m.rule == "abbreviation"}
    assert "以" not in found
    assert not any(n == "以色列" for n, _t in entities("以中美关系为例，双方合作潜力巨大。"))


@pytest.mark.parametrize(
    "text, initial, country",
    [
        # a country outside the table of abbreviations, named in full in the text, then by its
        # initial and 方 as a side in talks (the segmenter may glue the verb: 马方愿)
        ("马来西亚总理会见中方代表。马方愿同中方加强合作。", "马", "马来西亚"),
        ("尼泊尔总统会见中方代表。尼方感谢中国的帮助。", "尼", "尼泊尔"),
        # or the only country that opens with the initial
        ("瑙方坚定奉行一个中国原则。", "瑙", "瑙鲁"),
    ],
)
def test_a_side_named_by_a_country_s_initial_outside_the_table(text, initial, country):
    sides = [m for m in extract(text).mentions if m.rule == "abbreviation" and m.text == initial]
    assert sides and (country, "Place") in entities(text)


def test_an_ordinary_word_of_an_initial_and_fang_is_no_side():
    # 西方 opens with 西班牙's initial, but is the West
    found = entities("西班牙首相访华。西方国家对此表示关注。")
    assert {n for n, t in found if t == "Place"} == {"西班牙", "中国"}


def test_a_side_before_a_title_leaves_the_title_to_its_body():
    # 新方主席: the Singapore side's chairman of the council, whose title stays the council's
    text = "会见了新加坡—江苏合作理事会新方主席英兰妮一行。"
    assert ("英兰妮", "holds_position", "新加坡—江苏合作理事会") in relations(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("川渝两地共建成渝地区双城经济圈。", {"四川省", "重庆市"}),  # a pair of provinces before 两地
        ("中肯共建“一带一路”成果丰硕。", {"中国", "肯尼亚"}),  # a pair with China before 共建
    ],
)
def test_a_pair_before_liangdi_or_gongjian_is_two_places(text, expected):
    assert expected <= {n for n, t in entities(text) if t == "Place"}


def test_the_party_before_gongjian_is_no_pair():
    # hard negative: 中共建党 is the party's founding
    assert not any(t == "Place" for _n, t in entities("庆祝中共建党100周年。"))


@pytest.mark.parametrize(
    "text, body, country",
    [
        ("据黎公共卫生部消息，爆炸已造成12人死亡。", "黎公共卫生部", "黎巴嫩"),  # 黎: the one country opening with it
        ("据菲农业部日前公布的数字，稻谷减产。", "菲农业部", "菲律宾"),
        ("俄央行和财政部能够控制当前的局势。", "俄央行", "俄罗斯"),
        ("柬宪法委员会共由九名成员组成。", "柬宪法委员会", "柬埔寨"),
        ("乌克兰总统表示，乌外交部将召见大使。", "乌外交部", "乌克兰"),  # the country the text names
    ],
)
def test_an_abbreviation_before_a_states_body_names_that_states_body(text, body, country):
    # the country's body, not China's body of the same name (农业部), with the country nested
    found = entities(text)
    assert (body, "Organization") in found
    assert (country, "Place") in found
    assert (body[1:], "Organization") not in found


@pytest.mark.parametrize(
    "text, span",
    [
        ("外交部发言人9日外交部例行记者会上表示。", "日外交部"),  # a date
        ("他表示同意政府的决定。", "意政府"),  # 同意: a word
        ("以政府名义发布公告。", "以政府"),  # 以: by, in
        ("他所领导的利库德政府一直致力于和平。", "德政府"),  # the end of a foreign name
        ("卡扎菲政府军再次控制了局势。", "菲政府"),
    ],
)
def test_no_states_body_where_the_character_is_no_countrys(text, span):
    assert not any(m.text == span for m in extract(text).mentions)


@pytest.mark.parametrize(
    "text, country",
    [
        ("他表示，俄将大力整顿假酒市场。", "俄罗斯"),  # the subject of its clause
        ("有关资料表明，俄目前仅有17%的企业按时纳税。", "俄罗斯"),
        ("增加对俄短期贷款，帮助俄渡过金融危机。", "俄罗斯"),  # after a verb
        ("统计局的报告认为，菲贸易赤字剧减。", "菲律宾"),
        ("巴拉克随即与叙总统阿萨德交换意见。", "叙利亚"),
        ("陪同宣誓的柬司法大臣表示欢迎。", "柬埔寨"),
    ],
)
def test_an_abbreviation_marked_alone_names_its_country_as_a_word_of_its_own(text, country):
    assert country in {n for n, t in entities(text) if t == "Place"}


@pytest.mark.parametrize(
    "text",
    [
        "时任总统阿尔缅·萨尔基相宣布辞职。",  # a piece of a foreign name, before its dot
        "该研究所所长菲斯特发表声明说。",  # before the rest of a transliterated name
        "他喜欢叙事诗，也常与老友叙旧。",  # inside ordinary words
        "美丽的风景让人流连忘返。",  # 美 is not marked alone: an adjective as often
    ],
)
def test_an_abbreviation_marked_alone_is_no_place_inside_a_name_or_a_word(text):
    assert not any(m.rule == "abbreviation" for m in extract(text).mentions)
