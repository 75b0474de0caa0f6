"""The walk to the left over a name's body (kg.extract.body_walk), on whole sentences: where
an event's or a programme's name stops."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a headline's clause before a plan or an operation
        ("乌称破坏俄军进攻计划。", "乌称破坏俄军进攻计划"),
        ("顿巴斯地区两市开通人道主义走廊。", "顿巴斯地区两市开通人道主义走廊"),
        ("全国已有60项改革试点。", "已有60项改革试点"),
        # a count or an amount before the name
        ("国家下达1000亿元中央预算内投资计划。", "1000亿元中央预算内投资计划"),
        ("全省完成5447户危房重建工程。", "5447户危房重建工程"),
    ],
)
def test_a_programme_s_name_stops_at_a_clause_or_a_count(text, wrong):
    assert (wrong, "Initiative") not in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # a year and a project's size are parts of its name
        ("京杭大运河2022年全线贯通补水行动启动。", "京杭大运河2022年全线贯通补水行动"),
        ("雄安500千伏输变电工程投运。", "雄安500千伏输变电工程"),
    ],
)
def test_a_year_or_a_size_stays_in_a_programme_s_name(text, name):
    assert (name, "Initiative") in entities(text)


@pytest.mark.parametrize(
    "text, wrong, kept",
    [
        # a count the segmenter keeps as one word, or a quantifier, before a kind of body
        ("以军称空袭了加沙地带30多个巴武装组织目标。", "加沙地带30多个巴武装组织", "加沙地带"),
        ("别尔哥罗德州一处俄罗斯国防部设施发生火灾。", "别尔哥罗德州一处俄罗斯国防部", "俄罗斯国防部"),
        ("这个数字是此前澳门所有医院住院病床数的近五倍。", "澳门所有医院", "澳门"),
    ],
)
def test_a_body_s_name_stops_at_a_count_or_a_quantifier(text, wrong, kept):
    found = {n for n, _t in entities(text)}
    assert wrong not in found and kept in found


def test_an_office_numbered_with_chu_is_no_count():
    # 三处 is the third division of 十四局, not "three places"
    found = {n for n, _t in entities("铁道部十四局三处丽华服装厂生产工装。")}
    assert "丽华服装厂" not in found


@pytest.mark.parametrize(
    "text, person, body",
    [
        ("会议决定免去魏艺红政协第十三届全国委员会委员资格。", "魏艺红", "政协第十三届全国委员会"),
        ("汪永清代表中国人民政治协商会议全国委员会致辞。", "汪永清", "中国人民政治协商会议全国委员会"),
        ("国务院任命韩俊为农业农村部党组书记。", "韩俊", "农业农村部"),
    ],
)
def test_a_person_before_a_body_s_own_name_is_no_word_of_it(text, person, body):
    found = entities(text)
    assert (body, "Organization") in found
    assert not any(n.startswith(person) and t == "Organization" for n, t in found)


@pytest.mark.parametrize("text, body", [("乌克兰外交部发表声明。", "乌克兰外交部"), ("彭博新闻社报道称，油价上涨。", "彭博新闻社")])
def test_a_country_or_a_brand_the_tagger_files_as_a_name_stays_in_the_body(text, body):
    assert (body, "Organization") in entities(text)


@pytest.mark.parametrize(
    "text, event, wrong",
    [
        ("切实增强开好全国政协十三届五次会议的责任感。", "全国政协十三届五次会议", "开好全国政协十三届五次会议"),
        ("马方用好中国国际进口博览会平台。", "中国国际进口博览会", "马方用好中国国际进口博览会"),
    ],
)
def test_a_meeting_s_name_stops_at_a_verb_cut_from_its_complement(text, event, wrong):
    found = {n for n, _t in entities(text)}
    assert event in found and wrong not in found


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # a line or a work named by its two ends: the first end is in the name
        ("潍坊至烟台高铁正式开通运营。", "潍坊至烟台高铁", "烟台高铁"),
        ("项目包括兰新高铁兰州至西宁段达速提质工程等。", "兰州至西宁段达速提质工程", "西宁段达速提质工程"),
    ],
)
def test_a_line_named_by_its_two_ends_keeps_the_first(text, name, wrong):
    found = entities(text)
    assert (name, "Initiative") in found and (wrong, "Initiative") not in found


def test_a_route_from_one_place_to_another_is_no_name():
    # 从 A 至 B: where one travels, not a line's name
    assert ("北京至上海高铁", "Initiative") not in entities("从北京至上海高铁票价上涨。")


@pytest.mark.parametrize(
    "text, name",
    [
        # two topics of one meeting joined by 与/和/及
        ("联合国贸易与发展会议发布报告。", "联合国贸易与发展会议"),
        ("特钢和特种金属新材料产业链招商大会在太原举行。", "特钢和特种金属新材料产业链招商大会"),
        ("2024越南西贡纺织及制衣工业展览会开幕。", "2024越南西贡纺织及制衣工业展览会"),
    ],
)
def test_two_topics_joined_stay_in_a_meeting_s_name(text, name):
    assert (name, "Event") in entities(text)


@pytest.mark.parametrize(
    "text, first, second",
    [
        # two events, or what is studied and a meeting, joined by 和: two names
        ("习近平出席二十国集团罗马峰会和亚太经合组织第二十八次领导人非正式会议。", "二十国集团罗马峰会", "亚太经合组织第二十八次领导人非正式会议"),
        ("与会者举行国际研讨会和中拉媒体合作论坛。", "", "中拉媒体合作论坛"),
        ("认真学习六中全会精神和中央经济工作会议精神。", "", "中央经济工作会议"),
    ],
)
def test_two_events_joined_by_he_stay_two(text, first, second):
    found = entities(text)
    assert (second, "Event") in found
    assert not first or (first, "Event") in found


@pytest.mark.parametrize(
    "text, name",
    [
        # common words after a verb of carrying out still name the programme carried out
        ("全省大力实施市场主体倍增工程。", "市场主体倍增工程"),
        ("公安部部署开展打击拐卖妇女儿童犯罪专项行动。", "打击拐卖妇女儿童犯罪专项行动"),
        # also when short (fewer than six characters of body)
        ("在实施换道领跑战略过程中，我市推动传统产业提质。", "换道领跑战略"),
        ("农业农村部深入实施种业振兴行动。", "种业振兴行动"),
    ],
)
def test_a_programme_carried_out_is_named_by_common_words(text, name):
    assert (name, "Initiative") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # a kind of plan (a word of scope), a military operation, the 好 of the verb
        ("各地开展专项帮扶行动。", "专项帮扶行动"),
        ("以军宣布开展有限地面行动。", "有限地面行动"),
        ("要实施好扩大内需战略。", "好扩大内需战略"),
    ],
)
def test_a_short_body_of_common_words_names_no_programme_unless_carried_out_and_telling(text, name):
    assert (name, "Initiative") not in entities(text)


@pytest.mark.parametrize(
    "text, name, cut",
    [
        # a person's going or taking on, and the 好 after a verb, open no programme's name
        ("班禅先后前往拉萨市南山公园绿化工程参加植树。", "拉萨市南山公园绿化工程", "班禅先后前往拉萨市南山公园绿化工程"),
        ("一是加强战略对接，制定好上合组织下个十年发展战略。", "上合组织下个十年发展战略", "好上合组织下个十年发展战略"),
    ],
)
def test_a_programme_s_name_starts_after_the_verb_that_takes_it(text, name, cut):
    found = entities(text)
    assert (name, "Initiative") in found and (cut, "Initiative") not in found


def test_common_words_without_a_verb_of_carrying_out_name_no_programme():
    assert ("市场主体倍增工程", "Initiative") not in entities("市场主体倍增工程进展顺利。")


def test_a_line_named_by_its_two_ends_with_dao():
    assert ("贵阳到南宁高铁", "Initiative") in entities("贵阳到南宁高铁是西南地区首条时速350公里的高铁。")


def test_the_voltage_sign_of_a_line_is_in_its_name():
    found = entities("国家电网宁夏至湖南±800千伏特高压直流输电工程加速推进。")
    assert ("宁夏至湖南±800千伏特高压直流输电工程", "Initiative") in found


def test_a_known_programme_s_key_works_are_the_programme():
    # “西电东送”重点工程: the works of a known programme, not a programme of their own
    found = entities("国家“西电东送”重点工程加速推进。")
    assert ("西电东送", "Initiative") in found and ("“西电东送”重点工程", "Initiative") not in found


def test_a_first_of_its_kind_is_no_part_of_the_name():
    found = entities("我国发布首个氢能产业中长期发展规划。")
    assert ("氢能产业中长期发展规划", "Initiative") in found and ("首个氢能产业中长期发展规划", "Initiative") not in found


def test_where_a_programme_is_the_first_is_no_part_of_its_name():
    found = entities("西延高铁是陕北革命老区首条高铁，全长299.8公里。")
    assert ("陕北革命老区首条高铁", "Initiative") not in found and ("西延高铁", "Initiative") in found


def test_the_plans_related_to_a_known_programme_are_that_programme():
    found = entities("支持将重大项目列入国家“十五五”相关规划。")
    assert ("十五五", "Initiative") in found and ("十五五相关规划", "Initiative") not in found


def test_a_verb_before_a_known_series_and_its_edition_is_no_part_of_the_event():
    found = entities("双方推动中非合作论坛第八届部长级会议成果落地。")
    assert ("中非合作论坛第八届部长级会议", "Event") in found
    assert ("推动中非合作论坛第八届部长级会议", "Event") not in found


@pytest.mark.parametrize(
    "text, event, wrong",
    [
        # a verb before a known body's meeting governs it; 庆祝 opens a name of its own
        ("各地推进中央军委政治工作会议精神落实。", "中央军委政治工作会议", "推进中央军委政治工作会议"),
        ("韩正出席庆祝中国共产党成立100周年大会。", "庆祝中国共产党成立100周年大会", ""),
    ],
)
def test_a_verb_before_a_known_body_s_meeting(text, event, wrong):
    found = entities(text)
    assert (event, "Event") in found and (not wrong or (wrong, "Event") not in found)


@pytest.mark.parametrize(
    "text, wrong, kept",
    [
        # a word of going or gathering before a place's name, which the dictionary files as a noun
        ("大批旅客经深圳皇岗口岸入境。", "旅客经深圳皇岗口岸", "深圳皇岗口岸"),
        ("火炬传递途经北京奥林匹克森林公园。", "火炬传递途经北京奥林匹克森林公园", "北京奥林匹克森林公园"),
        ("各界人士会聚北京中山公园。", "各界人士会聚北京中山公园", "北京中山公园"),
        # a verb before the place that opens the name
        ("沿线省份加快建设长江国家文化公园。", "建设长江国家文化公园", "长江国家文化公园"),
    ],
)
def test_a_place_s_name_stops_at_a_verb_of_going_or_doing(text, wrong, kept):
    found = entities(text)
    assert (kept, "Place") in found
    assert not any(n == wrong for n, _t in found)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("开幕式上运动员们步入体育场。", "运动员们步入体育场"),
        ("焰火升起，整座体育场沸腾了。", "整座体育场"),
        ("我国正式设立第一批国家公园。", "第一批国家公园"),
        ("节日期间市区各大公园游人如织。", "市区各大公园"),
    ],
)
def test_a_count_an_ordinal_or_a_route_word_opens_no_place_s_name(text, wrong):
    assert not any(n == wrong for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, name",
    [
        # hard negatives: a verb may open a place's name when no name follows it
        ("市民在基辅胜利大街集会。", "基辅胜利大街"),
        # the tagger's verb inside a foreign name is no verb of the dictionary
        ("克罗地亚佩列沙茨大桥正式通车。", "佩列沙茨大桥"),
        # a site of the lexicon keeps its city
        ("比赛在北京国家体育场举行。", "北京国家体育场"),
    ],
)
def test_a_verb_inside_a_place_s_name_stays(text, name):
    assert (name, "Place") in entities(text)


def test_a_league_before_its_club_is_a_name_of_its_own():
    found = entities("正在法甲巴黎圣日耳曼俱乐部服役的梅西确认确诊。")
    assert ("巴黎圣日耳曼俱乐部", "Organization") in found and ("法甲", "Organization") in found, found


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # a noun of a kind of firm or body before the name, in apposition
        ("美国军工企业洛克希德-马丁公司当天表示。", "洛克希德-马丁公司", "军工企业洛克希德-马丁公司"),
        ("意大利米兰标志性建筑裕信银行塔点亮灯光。", "裕信银行", "米兰标志性建筑裕信银行"),
        ("美国芯片巨头英伟达公司股价下跌。", "英伟达公司", "芯片巨头英伟达公司"),
    ],
)
def test_a_kind_before_a_company_s_name_is_no_word_of_it(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found


def test_a_kind_right_before_the_suffix_stays_in_the_name():
    # hard negative: 企业 right before 集团 is a word of the name, no apposition
    assert ("中国东方电气企业集团", "Enterprise") in entities("中国东方电气企业集团发布年报。")


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        ("家具生产企业必须严格遵守福建省质量技术监督局颁布的标准。", "福建省质量技术监督局", "严格遵守福建省质量技术监督局"),  # 严格遵守/nr
        ("这也是我们在研究贝先生苏州博物馆所拿到的一些资料。", "苏州博物馆", "先生苏州博物馆"),  # a form of address
        ("普通申请人需向索维娅国际艺术村管理机构提交相关作品。", "索维娅国际艺术村", "申请人需向索维娅国际艺术村"),  # 需向/v
    ],
)
def test_what_the_tagger_misreads_before_a_name_is_no_part_of_it(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found, found


@pytest.mark.parametrize(
    "text, name, place",
    [
        # a dateline written right before the event's name is no part of it
        ("新华社北京3月5日电第十四届全国人民代表大会第一次会议开幕。", "第十四届全国人民代表大会第一次会议", "北京"),
        ("本报上海5月2日电第四届上海国际电影节开幕。", "第四届上海国际电影节", "上海"),
    ],
)
def test_an_event_s_name_stops_at_a_dateline(text, name, place):
    found = entities(text)
    assert (name, "Event") in found and (place, "Place") in found


@pytest.mark.parametrize(
    "text, event, wrong",
    [
        # judging, issuing, visiting or counting before a meeting that is the sentence's object
        ("外方高度评价东盟地区论坛的积极作用。", "东盟地区论坛", "外方高度评价东盟地区论坛"),
        ("各地要继续抓好中央城市工作会议精神的落实。", "中央城市工作会议", "继续抓好中央城市工作会议"),
        ("在多次中央农村工作会议上，总书记都作出部署。", "中央农村工作会议", "多次中央农村工作会议"),
        ("这是继2016年二十国集团领导人杭州峰会后又一盛会。", "2016年二十国集团领导人杭州峰会", "继2016年二十国集团领导人杭州峰会"),
        ("双方同意落实好中阿合作论坛部长级会议成果。", "", "好中阿合作论坛部长级会议"),
        # a verb of furthering or founding before a complete name of a kind named by its place
        ("两国将推动联合国海洋大会取得成功。", "联合国海洋大会", "推动联合国海洋大会"),
        ("双方商定设立中拉数字技术合作论坛。", "中拉数字技术合作论坛", "设立中拉数字技术合作论坛"),
        # but a topic with its verb names a meeting, and so does a verb inside the name
        ("总书记主持召开推动中部地区崛起座谈会。", "推动中部地区崛起座谈会", ""),
        ("全省举行智能制造推进大会。", "智能制造推进大会", ""),
    ],
)
def test_a_clause_before_a_meeting_is_no_part_of_its_name(text, event, wrong):
    found = entities(text)
    assert (not event or (event, "Event") in found) and (not wrong or (wrong, "Event") not in found)


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a place's kind of works (重点, 配套) and a quantifier before works name no project
        ("山西省重点工程——太行一号旅游公路建成。", "山西省重点工程"),
        ("亚运会的深圳配套工程全部完工。", "深圳配套工程"),
        ("大江南北很多重点工程正在建设。", "很多重点工程"),
        ("全区实施多惠民工程。", "多惠民工程"),
    ],
)
def test_a_kind_or_a_count_of_works_is_no_programme(text, wrong):
    assert (wrong, "Initiative") not in entities(text)


@pytest.mark.parametrize(
    "text, wrong, kept",
    [
        # a verb the tagger files otherwise before a line's or a train's name
        ("今年以来口岸通行中欧班列3000列。", "口岸通行中欧班列", "中欧班列"),
        # 高铁 modifying the noun after it (…高铁网, …高铁动车组) names no line
        ("兰张高铁将完善我国西部地区高铁网。", "西部地区高铁", "兰张高铁"),
        ("“复兴号”高铁动车组驶出车站。", "复兴号高铁", ""),
    ],
)
def test_a_line_s_name_stops_at_a_clause_and_ends_before_a_compound(text, wrong, kept):
    found = {n.replace("“", "").replace("”", "") for n, t in entities(text) if t == "Initiative"}
    assert wrong not in found and (not kept or kept in found)


def test_an_adjective_before_a_known_bodys_whole_name_is_no_word_of_it():
    # 做大做强 | 新开发银行: 强/a before the lexicon's 新开发银行
    found = entities("维护高水平金融安全，做大做强新开发银行，推动国际金融体系改革。")
    assert ("新开发银行", "Organization") in found
    assert not any(n == "强新开发银行" for n, _t in found)


@pytest.mark.parametrize(
    "text, body, wrong",
    [
        # a known public body before what it does to a kind of company
        ("银保监会规范银行保险机构行为。", "银保监会", "银保监会规范银行"),
    ],
)
def test_a_known_public_body_is_no_word_of_a_company_s_name(text, body, wrong):
    found = entities(text)
    assert (body, "Organization") in found
    assert not any(n == wrong for n, _t in found)


def test_a_branch_keeps_its_known_parent_in_its_name():
    assert ("中国人民银行宁波市中心支行", "Organization") in entities("中国人民银行宁波市中心支行发布通知。")


def test_a_country_opens_its_team_s_name_and_stays_a_place():
    found = entities("捷克残奥冰球队准备启程。")
    assert ("捷克残奥冰球队", "Organization") in found and ("捷克", "Place") in found
    assert ("残奥冰球队", "Organization") not in found


def test_a_team_of_one_sport_is_named_after_its_country():
    assert ("印尼羽毛球队", "Organization") in entities("梁秋霞（印尼羽毛球队教练）接受了采访。")


def test_a_known_body_before_zuzhi_is_who_organises():
    found = entities("东部战区组织联合演训。")
    assert ("东部战区", "Organization") in found
    assert not any(n == "东部战区组织" for n, _t in found)


@pytest.mark.parametrize(
    "text, name",
    [
        # an edition or a year and a typeset space open an event's name (PDF page text)
        ("2024 中国数字经济峰会在太原开幕。", "2024中国数字经济峰会"),
        ("第二十届 中国国际进口博览会在上海开幕。", "第二十届中国国际进口博览会"),
    ],
)
def test_an_edition_before_a_typeset_space_opens_an_events_name(text, name):
    assert (name, "Event") in entities(text)


def test_a_space_after_other_words_still_ends_the_name():
    assert ("截至 中国数字经济峰会", "Event") not in entities("截至 中国数字经济峰会开幕，各方已签约。")
