"""Places and domain-gated names (kg.extract.places), each on sentences of its own."""

import pytest
from helpers import entities, extract


def test_village_named_after_a_family_is_a_place_not_a_person():
    found = entities("吴家庄的乡亲们来了。")
    assert ("吴家庄", "Place") in found and ("吴家庄", "Person") not in found


def test_foreign_town_is_a_place_in_every_mention():
    found = entities("在艾奥瓦州马斯卡廷小镇，他结识了几位美国人。他又重访马斯卡廷，见到当年马斯卡廷的房东。")
    assert ("马斯卡廷", "Place") in found and ("马斯卡廷", "Person") not in found


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("他坚决表示要留在安菲尔德证明自己。", "安菲尔德", "Place"),  # a verb of being somewhere
        ("球队此番来到斯坦福桥，无疑会小心翼翼。", "斯坦福桥", "Place"),
        ("起飞点位于凯恩斯东海岸北部。", "凯恩斯", "Place"),  # a word of a place's part after it
        ("演习地点在新德里以南。", "新德里", "Place"),
        ("游客纷纷前往哈尔施塔特游览。", "哈尔施塔特", "Place"),
        ("总统马克龙来到巴黎近郊视察。", "马克龙", "Person"),  # the verb after a person is his going
        ("穆加贝回到哈拉雷后发表讲话。", "穆加贝", "Person"),
        # a visit is to a place; a person is called on (拜访) or interviewed (采访)
        ("他访问了马斯卡廷，见到了老朋友。", "马斯卡廷", "Place"),
        ("他专门安排重访马斯卡廷。", "马斯卡廷", "Place"),
        ("记者采访了马斯卡廷。", "马斯卡廷", "Person"),
    ],
)
def test_foreign_name_where_one_goes_is_a_place(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("阿马里洛市的气温降到5摄氏度。", "阿马里洛市"),
        ("巴西罗赖马州的森林大火已得到控制。", "罗赖马州"),
        ("17世纪建造的维拉诺夫宫对外开放。", "维拉诺夫宫"),
        # a state, a county, a shire abroad; the tagger's foreign name of the same span
        # (卡纳塔克邦/nrt, 克里姆林宫) is the place, not a person
        ("印度卡纳塔克邦首府班加罗尔。", "卡纳塔克邦"),
        ("俄克拉何马州塔尔萨县法官裁定赔偿案可以审理。", "塔尔萨县"),
        ("他出生在英国萨默塞特郡的一个小镇。", "萨默塞特郡"),
        ("克里姆林宫网站28日发布消息。", "克里姆林宫"),
    ],
)
def test_foreign_place_is_a_transliteration_and_a_kind_of_place(text: str, name: str) -> None:
    assert (name, "Place") in entities(text)


def test_known_places_are_not_glued_into_a_new_foreign_place() -> None:
    found = entities("加拿大温哥华市和美国加州签约。")
    assert ("加拿大温哥华市", "Place") not in found and ("温哥华市", "Place") in found  # the city with its 市


def test_district_named_by_an_ordinary_word_needs_its_city() -> None:
    assert not any(n == "城区" for n, _t in entities("以色列国防军在加沙城区展开行动。"))
    dx = extract("阳泉市郊区的干部参加了会议。")
    keys = {m.text: m.key for m in dx.mentions}
    assert "郊区" in keys  # right after its city it is the district
    found = {e.name: dict(e.attrs).get("ref") for e in dx.entities}
    assert found.get("郊区") == "cn:140311"


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("罗马主场2比1战胜米兰。", "罗马", "Organization"),  # a city's club in a match report
        ("罗马主场2比1战胜米兰。", "米兰", "Organization"),
        ("拜仁本赛季客场三连胜。", "拜仁", "Organization"),  # a short club name needs the match around it
        ("07巴勒莫vs雷吉纳推荐：3", "雷吉纳", "Organization"),
        ("曼彻斯特联宣布签下一名中场。", "曼彻斯特联", "Organization"),  # a full club name needs no context
        ("他上赛季效力于英超。", "英超", "Organization"),
        ("升入英超以来，维冈对阿森纳1平5负。", "阿森纳", "Organization"),  # a score right after the club
        ("凯尔特人还保持着欧冠赛场最长的客场连败记录。", "欧冠", "Organization"),
        ("卡利亚里4战4败失8球仅入1球。", "卡利亚里", "Organization"),  # a record of games played
        ("乌迪内斯0-2多特蒙德", "多特蒙德", "Organization"),  # a score between two clubs
        ("沙尔克坚持周中观点继续补平；沃尔夫若降平/半收盘可挑单3。", "沃尔夫", "Organization"),  # a lottery column's cut name
        ("在阿贾克斯和鹿特丹斯巴达的夹击下，处境艰难。", "阿贾克斯", "Organization"),  # two clubs vouch for each other
        ("拉齐奥队本赛季表现平平。", "拉齐奥队", "Organization"),  # the club with its word for team
        ("切尔西主场迎战曼联。周末的比赛备受关注。好在切尔西有望派出最强阵容。", "切尔西", "Organization"),  # the sentence before
    ],
)
def test_club_in_a_sentence_about_sport(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("代表团在罗马参观了博物馆。", "罗马", "Place"),  # no match, no club: the city
        ("米兰时装周今天开幕。", "米兰", "Place"),
        ("从米兰到罗马的高铁于10:30发车。", "米兰", "Place"),  # two cities are no match, a time is no score
        ("2010-11-21，代表团抵达罗马。", "罗马", "Place"),  # a date is no score
        ("全球经济放缓。代表团在罗马参观了博物馆。", "罗马", "Place"),
    ],
)
def test_club_name_outside_sport_is_the_place(text, name, typ):
    found = entities(text)
    assert (name, typ) in found and (name, "Organization") not in found


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("民生银行信用卡中心称，民生将调整年费。", "民生", "Enterprise"),  # 民生 next to 银行: the bank
        ("暴雪宣布《星际争霸2》将于明年发售。", "暴雪", "Enterprise"),  # a game sentence
        ("佳士得秋拍将于下月在香港举行。", "佳士得", "Enterprise"),  # a form that is nothing else
        ("立博开出主胜1.85的赔率。", "立博", "Enterprise"),
        ("bwin给出的赔率是2.10。", "bwin", "Enterprise"),
        # foreign companies the tagger reads as people (埃克森/nr), older spellings as aliases
        ("采油的有美国的埃克森、美孚、谢夫隆公司。", "埃克森", "Enterprise"),
        ("采油的有美国的埃克森、美孚、谢夫隆公司。", "雪佛龙", "Enterprise"),
        ("赛诺菲宣布收购一家生物技术公司。", "赛诺菲", "Enterprise"),
        ("为使影片既有迪斯尼特色，又保留中国风格。", "迪士尼", "Enterprise"),
    ],
)
def test_company_forms_in_a_sentence_of_their_domain(text, name, typ):
    found = extract(text)
    assert any(e.type == typ and name in (e.name, *e.aliases) for e in found.entities)


@pytest.mark.parametrize(
    "text, name",
    [
        ("政府要把民生放在首位。", "民生"),  # livelihood, no bank in the sentence
        ("一场暴雪让高速公路封闭了两天。", "暴雪"),  # a blizzard
        ("威廉王子昨天访问了学校。", "威廉"),  # a person, no betting
        ("这家游戏公司的area经理说。", "EA"),  # EA inside a Latin word
        ("王强生是村里的致富带头人。", "强生"),  # only 强生公司 names the company
    ],
)
def test_company_forms_outside_their_domain_are_not_the_company(text, name):
    assert not any(name in (e.name, *e.aliases) and e.type == "Enterprise" for e in extract(text).entities)


@pytest.mark.parametrize(
    "text, name",
    [
        ("游客们沿着永定河骑行。", "永定河"),  # a river the dictionary knows, not in the gazetteer
        ("著名的泰姬陵就在附近。", "泰姬陵"),  # the tagger calls it a name; no given name ends in 陵
        ("在通州马驹桥附近。", "马驹桥"),
    ],
)
def test_feature_names_are_places(text, name):
    assert (name, "Place") in entities(text)


def test_ordinary_words_tagged_as_places_are_not_places():
    found = {n for n, _t in entities("大中城市的房价上涨，葡萄园也涨价了。")}
    assert "大中城市" not in found and "葡萄园" not in found


@pytest.mark.parametrize(
    "text, word",
    [
        ("全市启动城中村改造，居民搬进新居。", "城中村"),
        ("坚持山水林田湖草沙一体化保护和系统治理。", "林田湖"),
        ("灾后群众重建家园的步伐加快。", "重建家园"),
        ("车队穿行在崇山峻岭之间。", "崇山峻岭"),
        ("中国航天不断攀登新高峰。", "新高峰"),
    ],
)
def test_set_phrases_and_common_words_the_dictionary_calls_places_are_not_places(text, word):
    assert word not in {n for n, _t in entities(text)}


def test_a_programme_named_after_a_common_word_keeps_it():
    # 母亲河 alone is a figure of speech, but it names a programme (not listed as a non-entity)
    assert ("母亲河复苏行动", "Initiative") in entities("水利部在全国88条河湖开展母亲河复苏行动。")


def test_gated_forms_found_in_one_pass_as_in_each_sentence():
    from helpers import tools

    from kg.model import Sentence
    from kg.read.sentences import split_sentences

    places = tools().entities.places
    text = "罗马主场战胜米兰。民生银行信用卡业务增长。在罗马举行会议。"
    sentences = split_sentences(text)

    def one_by_one(sents):
        found = [places._gated_matcher.find_matches_as_indexes(text[x.start : x.end]) for x in sents]
        return {k: h for k, h in enumerate(found) if h}  # the sentences with a match

    hits = places._gated_hits(text, sentences)
    assert hits == one_by_one(sentences)
    assert [len(h) for h in hits.values()] == [2, 1, 1]  # 罗马 and 米兰; 民生银行; 罗马
    assert places._gated_hits("没有球队的句子。", split_sentences("没有球队的句子。")) == {}
    # a sentence bound inside a form (罗 | 马): the match runs over it, so the sentences are
    # read one by one and 罗马 is found in neither
    cut = [Sentence(0, 0, 1, text[0:1], 0, False), Sentence(1, 1, 9, text[1:9], 0, False)]
    assert places._gated_hits(text, cut) == one_by_one(cut)
    assert 0 not in places._gated_hits(text, cut)


@pytest.mark.parametrize(
    "text, place",
    [
        ("胡焕庸是江苏宜兴人，早年求学南京。", "宜兴"),  # 宜兴人: the segmenter glued 人 on
        ("香港回归纪念玺启程北上。", "香港"),
        ("两千多万台湾同胞享有同样的权利。", "台湾"),
        ("他是江西籍作家。", "江西"),
    ],
)
def test_place_inside_a_token_about_its_people(text, place):
    assert (place, "Place") in entities(text)
    assert not any(t == "Person" for n, t in entities(text) if place in n)


@pytest.mark.parametrize(
    "text, place, body",
    [
        ("１９９２年他任洪泽县委书记。", "洪泽县", "洪泽县委"),  # 洪泽 | 县委书记: 县 glued to the committee
        ("洪泽县长在会上讲话。", "洪泽县", None),  # 洪泽 | 县长: the county's head
    ],
)
def test_a_county_whose_character_opens_its_committee_or_head(text, place, body):
    found = entities(text)
    assert (place, "Place") in found
    assert not any(t == "Person" for _n, t in found)  # 洪泽 was read as a person
    if body:
        assert (body, "Organization") in found


def test_a_division_character_opening_another_word_names_no_place():
    # 长安街 is a street, not the mayor's title: 北京市 stays Beijing, no 北京市长 body
    assert ("北京市", "Place") in entities("北京市长安街灯火通明。")


def test_place_inside_another_word_stays_out():
    # 中非 (Central Africa) inside 华中非常: no token opens with it
    assert "中非" not in {n for n, _t in entities("华中非常重视这项工作。")}


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("驻马店一举创成全国文明城市。", "文明城市"),  # a kind of city
        ("来自全国各省市的多家企业参会。", "各省市"),  # every one of a kind
        ("市委常委及各县区负责同志参加会议。", "各县区"),
        ("亲自带队来港共商粤港合作大计。", "来港共商粤港"),  # 粤港: Guangdong and Hong Kong, no port
    ],
)
def test_kinds_and_pairs_are_no_places(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


def test_a_bay_named_after_its_place_is_one_place():
    found = entities("广阳岛、广阳湾规划建设加快推进。")
    assert ("广阳湾", "Place") in found
    assert "银联卡台湾" not in {n for n, _t in entities("银联卡台湾也能用。")}


@pytest.mark.parametrize(
    "text, place",
    [("位于江西省九江边的庐山，漫山遍野杜鹃花盛开。", "庐山"), ("南水北调还将向汉江中下游补水。", "汉江")],
)
def test_well_known_rivers_and_mountains(text, place):
    # 庐山 is also the short name of 庐山市, too common a word to be read as the county
    assert (place, "Place") in entities(text)


@pytest.mark.parametrize(
    "text, place, ref",
    [
        ("台北市长蒋万安出席活动。", "台北", "TW-TPE"),  # Taiwan's municipalities and counties
        ("两岸青年在台北交流。", "台北", "TW-TPE"),
        ("代表团抵达高雄参访。", "高雄", "TW-KHH"),
        ("屯门区和元朗区交通繁忙。", "屯门区", "HK-TuenMun"),  # Hong Kong's districts
        ("新界东北发展区启动建设。", "新界", "HK-NewTerritories"),
    ],
)
def test_divisions_of_taiwan_and_hong_kong(text, place, ref):
    found = {dict(e.attrs).get("ref"): e.name for e in extract(text).entities if e.type == "Place"}
    assert place in found.get(ref, ""), found  # the mention's form (台北 or 台北市)


def test_no_short_form_hides_a_name_after_a_word_ending_in_tai():
    # 台中 is no short form: 电台 | 中国之声, 平台 | 中国 are far more frequent in news
    assert ("中国", "Place") in entities("中央人民广播电台中国之声进行直播。")
    assert ("台中市", "Place") in entities("台中市举办灯会。")


@pytest.mark.parametrize(
    "text, kept, gone",
    [
        ("北京市场供应充足。", ("北京", "Place"), ("北京市", "Place")),  # 北京 | 市场
        ("重庆市民积极参与。", ("重庆", "Place"), ("重庆市", "Place")),  # 重庆 | 市民
        ("加沙地带卫生部门称，伤亡人数上升。", ("加沙地带", "Place"), ("卫生部", "Organization")),  # 部门
    ],
)
def test_a_name_whose_last_character_opens_a_common_word(text, kept, gone):
    found = entities(text)
    assert kept in found and gone not in found


def test_a_level_or_title_shares_the_last_character():
    assert ("浙江省委", "Organization") in entities("浙江省委召开会议。")
    assert ("外交部", "Organization") in entities("外交部长王毅表示欢迎。")


def test_an_ordinary_word_names_its_bank_only_with_a_cue_in_its_clause():
    # 民生 is the bank next to 银行 in its own clause ...
    assert ("民生", "Enterprise") in entities("工行、建行、民生等银行下调了贷款利率。")
    # ... not where 金融 stands in another clause of the sentence (改善民生: the people's livelihood)
    assert not any(n == "民生" for n, _t in entities("做好“六保”工作，持续改善民生，加大金融支持力度。"))


@pytest.mark.parametrize("text", ["配合地方各级政府和财政部门克服困难。", "韩国司法部门调查后认为此案另有隐情。"])
def test_a_ministry_s_name_inside_bumen_is_no_body(text):
    # 部门 is the word for a department: 财政部门 names no ministry
    assert not any(t == "Organization" for _n, t in entities(text))


def test_a_ministry_named_alone_is_still_a_body():
    assert ("财政部", "Organization") in entities("财政部日前发布通知。")


@pytest.mark.parametrize(
    "text, name",
    [("乌鲁木齐多云，台北阴转小雨。", "台北"), ("高雄市举办国际港口论坛。", "高雄市"), ("胡锦涛一行抵达汉城。", "汉城")],
)
def test_taiwan_s_cities_and_seoul_s_former_name_are_places(text, name):
    assert (name, "Place") in entities(text)


def test_the_white_house_is_the_body_news_names_by_it():
    # 白宫宣布 names the US presidency: a body, no person and no place
    assert ("白宫", "Organization") in entities("白宫22日公布了一份报告。")


def test_the_cppcc_named_in_full_is_the_body_not_a_meeting():
    # 中国人民政治协商会议 ends in 会议 but names the body (全国政协), unless a session follows
    assert ("中国人民政治协商会议", "Organization") in entities("中国人民政治协商会议是实现这个制度的组织形式。")
    assert ("中国人民政治协商会议第十三届全国委员会第五次会议", "Event") in entities("中国人民政治协商会议第十三届全国委员会第五次会议4日开幕。")


@pytest.mark.parametrize("text, place", [("根据备忘录，印尼政府将继续实行紧缩政策。", "印尼"), ("包括泰国在内的亚洲各国股市下跌。", "亚洲")])
def test_a_place_glued_to_its_government_or_its_countries_is_named(text, place):
    assert any(m.text == place and m.type == "Place" for m in extract(text).mentions)


def test_the_mainland_in_news_across_the_strait_and_the_continents():
    # 大陆 names the mainland only in a sentence about Taiwan, Hong Kong or the strait
    assert ("大陆", "Place") in entities("江苏实际使用台资连续21年位居大陆前列。")
    assert not any(n == "大陆" for n, _t in entities("科考队员多年来在大陆架上采集样本。"))
    # a continent is named whole (南美大陆, 欧亚大陆), not 大陆 alone
    found = entities("中方支持香港发展，首次在南美大陆举办峰会。")
    assert ("南美大陆", "Place") in found and ("大陆", "Place") not in found


@pytest.mark.parametrize(
    "text, place, named",
    [
        ("北京时间明天凌晨，决赛将打响。", "北京", False),  # the time zone
        ("据中国地震台网测定，北京时间6月6日19时发生地震。", "北京", False),
        ("从昆明到西昌时间缩短了三个小时。", "西昌", True),  # the place, then 时间 of a trip
    ],
)
def test_a_time_zone_named_after_a_city_is_no_mention_of_it(text, place, named):
    assert ((place, "Place") in entities(text)) is named


@pytest.mark.parametrize(
    "text, short, ref",
    [
        ("中方愿同埃塞持续深化团结合作，中埃塞关系全面发展。", "埃塞", "ET"),
        ("吉尔吉斯总统扎帕罗夫会见中国客人。", "吉尔吉斯", "KG"),
    ],
)
def test_a_country_s_usual_short_name_is_the_country(text, short, ref):
    refs = {e.name: dict(e.attrs).get("ref") for e in extract(text).entities}
    assert refs.get(short) == ref
    assert "EG" not in refs.values()  # no Egypt read from 埃 in 中埃塞


@pytest.mark.parametrize("text", ["中俄媒体联合报道项目启动。", "示范区建立联合报批机制。"])
def test_a_name_whose_last_character_opens_a_common_word_is_no_mention(text):
    # 联合报 (a Taiwan paper) inside 联合报道, 联合报批: a joint report, a joint approval
    assert "联合报" not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name, found",
    [
        # a county's short form that is an ordinary word: a place right after a province or a
        # city holding it, not alone, not opening a lake's name, not after the country alone
        ("锂电池材料基地在湖北仙桃开工建设。", "仙桃", True),
        ("在甘肃敦煌，杏花竞相绽放。", "敦煌", True),
        ("北京东城和朝阳两区。", "东城", True),
        ("提起敦煌，人们自然会联想到莫高窟。", "敦煌", False),
        ("局势总体平和。", "平和", False),
        ("黄石大冶湖高新区党工委书记出席。", "大冶", False),
        ("中国龙泉青瓷烧制技艺传承地。", "龙泉", False),
    ],
)
def test_ordinary_short_form_after_a_place_holding_it(text, name, found):
    assert ((name, "Place") in entities(text)) is found


@pytest.mark.parametrize(
    "text, name",
    [
        # the bodies of Taiwan's 行政院 in a Taiwan paper (traditional script), whole and short
        ("中央社／台北5日電 衛生福利部、數位發展部與金融監督管理委員會今天宣布合作。", "卫生福利部"),
        ("中央社／台北5日電 衛生福利部、數位發展部與金融監督管理委員會今天宣布合作。", "金融监督管理委员会"),
        ("金管會主委今天表示，國發會與中研院將合作。", "中央研究院"),
    ],
)
def test_bodies_of_taiwans_executive_yuan_are_named(text, name):
    found = extract(text).entities
    assert any(e.type == "Organization" and name in (e.name, *e.aliases) for e in found) or any(
        e.type == "Organization" and e.attrs and dict(e.attrs).get("ref") == name for e in found
    )


@pytest.mark.parametrize(
    "text, name",
    [
        ("巴航空公司向总部设在蒙特利尔的国际民航组织提出上诉。", "国际民用航空组织"),
        ("国际劳工组织发布报告称，全球失业人数下降。", "国际劳工组织"),
        ("阿盟秘书长表示支持停火。", "阿拉伯国家联盟"),
    ],
)
def test_international_bodies_opening_with_guoji_or_named_short_are_named(text, name):
    # the document names the body by the form it uses; the entry's full name is an alias
    assert any(e.type == "Organization" and name in (e.name, *e.aliases) for e in extract(text).entities)


@pytest.mark.parametrize("text, wrong", [("国际恐怖组织在当地活动。", "国际恐怖组织"), ("多家国际金融机构参与融资。", "国际金融机构")])
def test_a_kind_of_international_body_is_no_name(text, wrong):
    assert not any(n == wrong for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, person, place",
    [
        ("省委书记林武来到企业。每到一处，林武都与企业负责人深入交流。", "林武", "武都"),
        ("宜宾市长杜紫平出席。杜紫平陆振华吕晓莉出席", "杜紫平", "平陆"),  # a caption's run of names
    ],
)
def test_county_short_form_opened_by_a_known_name_is_the_name(text, person, place):
    found = entities(text)
    assert (person, "Person") in found and (place, "Place") not in found


@pytest.mark.parametrize(
    "text, place",
    [
        ("每到一处，林武都与企业负责人深入交流。", "武都"),  # no such person elsewhere
        ("省委书记林武出席。陇南武都迎来游客。", "武都"),  # the name is not right before it
    ],
)
def test_county_short_form_stays_without_a_known_name_before_it(text, place):
    assert (place, "Place") in entities(text)


def test_city_abroad_written_with_shi_is_one_place():
    found = entities("奥地利维也纳市市长出席。在多伦多市举行。洛杉矶市长表示欢迎。")
    assert ("维也纳市", "Place") in found and ("多伦多市", "Place") in found
    assert ("洛杉矶", "Place") in found and ("洛杉矶市", "Place") not in found  # 市长, the mayor


@pytest.mark.parametrize(
    "text, person, county",
    [
        ("江西籍厂主商国富、陆新平二人心里着急。", "陆新平", "新平"),
        ("李伟和张新民、张德林创编了这部作品。", "张新民", "新民"),
    ],
)
def test_person_named_by_a_surname_and_a_county_s_short_form(text, person, county):
    found = entities(text)
    assert (person, "Person") in found and (county, "Place") not in found


@pytest.mark.parametrize(
    "text, county",
    [
        ("该公司位于金山，是一家老企业。", "金山"),  # a preposition that is a surname too
        ("记者在湖南平江看到了变化。", "平江"),  # after a province
        ("每到一处，林武都与企业负责人深入交流。", "武都"),  # 都 glued after a name
        ("例如，原沭阳副县长陈震多次送礼。", "沭阳"),  # 原, former; a title after the county
    ],
)
def test_county_after_a_surname_like_character_stays(text, county):
    assert (county, "Place") in entities(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("强化与俄远东地区全方位交流合作。", "远东地区"),
        ("足迹遍及河西走廊。", "河西走廊"),
        ("塔里木盆地的油气勘探取得突破。", "塔里木盆地"),
    ],
)
def test_regions_and_basins_of_the_lexicon_are_places(text, place):
    assert (place, "Place") in entities(text)


def test_a_bodys_short_form_whose_first_characters_end_another_word_is_no_mention():
    # 白俄罗斯 | 共产党 | 中央: 党中央 (the lexicon's short form of 中共中央) is not named
    assert ("党中央", "Organization") not in entities("白俄罗斯共产党中央第一书记瑟兰科夫表示。")
    # inside one longer word the name stays (纽约联合国总部), and whole it is found
    assert ("联合国", "Organization") in entities("仪式在纽约联合国总部举行。")
    assert ("党中央", "Organization") in entities("在党中央坚强领导下，各项工作取得进展。")


@pytest.mark.parametrize(
    "text, place",
    [
        ("李克强同德国总理朔尔茨通电话。", "德国"),  # 同德 (a county) hid 德国
        ("其中江西九江等地降下暴雪。", "江西"),  # 中江 (a county) hid 江西
        ("新型储油船从江苏启东码头交付离港。", "江苏"),  # 从江 (a county) hid 江苏
    ],
)
def test_a_place_hidden_by_a_county_opening_with_a_preposition_is_read(text, place):
    assert (place, "Place") in entities(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("祝愿中国人民幸福安康。", "安康"),  # 福安 hides 安康, which is well-being here
        ("这说明黄河源生态环境破坏已十分严重。", "河源"),
        ("位于福建省莆田市的木兰溪曾经水患严重。", "兰溪"),
    ],
)
def test_after_other_words_a_hidden_form_stays_unread(text, word):
    assert word not in {n for n, t in entities(text) if t == "Place"}


@pytest.mark.parametrize("text, word", [("纽约市非洲裔的住院率是白人的两倍多。", "非洲"), ("拉美裔选民的投票率上升。", "拉美")])
def test_a_place_before_裔_names_a_descent_not_the_place(text, word):
    assert (word, "Place") not in entities(text)
    assert ("非洲", "Place") in entities("非洲是希望的大陆。")


@pytest.mark.parametrize(
    "text, name",
    [("他长期在陕北农村插队。", "陕北"), ("中央红军从赣南、闽西出发。", "闽西"), ("在鲁西南采煤沉陷区打造光伏基地。", "鲁西南")],
)
def test_a_region_of_a_province_by_its_abbreviation_and_a_compass_point(text, name):
    assert (name, "Place") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("苏东剧变后，世界社会主义运动陷入低潮。", "苏东"),  # the Soviet Union and Eastern Europe
        ("京东发布三季度财报。", "京东"),  # a company of the lexicon
    ],
)
def test_no_region_where_the_pair_names_something_else(text, name):
    assert not any(m.rule == "province-region" for m in extract(text).mentions)


def test_a_division_of_the_gazetteer_keeps_its_own_reading():
    found = extract("湘西州保靖县的茶园喜获丰收。").mentions
    assert any(m.text == "湘西" and m.rule == "gazetteer" for m in found)
