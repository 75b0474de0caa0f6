"""Bodies by suffix (kg.extract.bodies): companies, branches, offices, events, slogans."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("光大银行宁波市分行已完成改造。", "光大银行宁波市分行", "Enterprise"),  # a bank's branch, place inside
        ("昨日上午，农行珞狮路支行一名员工说。", "农行珞狮路支行", "Enterprise"),
        ("中国人民银行宁波市中心支行行长说。", "中国人民银行宁波市中心支行", "Organization"),  # the parent's type
        ("中国邮政集团有限公司晋中市分公司举行仪式。", "中国邮政集团有限公司晋中市分公司", "Enterprise"),
    ],
)
def test_branch_of_a_named_bank_or_company(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("上海天衡拍卖公司近日举行拍卖会。", "上海天衡拍卖公司"),  # 拍卖 is a verb to the tagger
        ("北京友谊辉志房地产开发有限公司成立于2001年。", "北京友谊辉志房地产开发有限公司"),
    ],
)
def test_business_words_inside_a_company_name(text, name):
    assert (name, "Enterprise") in entities(text)


def test_business_word_alone_before_company_is_no_name():
    assert not any(t == "Enterprise" for _n, t in entities("他说这家投资公司很有钱。"))


@pytest.mark.parametrize(
    "text, name",
    [
        ("广东省社科院研究员表示。", "广东省社科院"),  # a place + the short name of its office
        ("湖南省金融办主任说。", "湖南省金融办"),
        ("上海地税部门称。", "上海地税"),
    ],
)
def test_place_and_short_office_name(text, name):
    assert (name, "Organization") in entities(text)


def test_short_office_name_without_place_is_no_entity():
    assert not any(t == "Organization" for _n, t in entities("他去金融办咨询了一下。"))


def test_branch_of_no_named_bank_is_no_entity():
    found = {n for n, _t in entities("该行深圳分行信用卡中心表示。")}
    assert "深圳分行" not in found and "深圳" in found


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("招行至少盈利在3500万元以上。", "招行", "Enterprise"),  # a bank's short form the tagger calls a verb
        ("银行人士说，由于银监会一般只审批衍生产品。", "银监会", "Organization"),
        ("重庆农商行和天津农村合作银行除外。", "重庆农商行", "Enterprise"),  # a suffix over two tokens
        ("重庆农商行和天津农村合作银行除外。", "天津农村合作银行", "Enterprise"),
        ("报道说，印度空军已下令停飞这一机型。", "印度空军", "Organization"),  # a country's armed service
        ("面对日军的进攻，守军坚持了三天。", "日军", "Organization"),
    ],
)
def test_banks_and_armed_forces(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    "text, name, typ",
    [
        ("前往苏梅岛的游客很多。", "苏梅岛", "Place"),  # the tagger calls it a name; no given name ends in 岛
        ("欣赏风景如画的白水河。", "白水河", "Place"),
        ("拿出相机与长滩岛全景合影一张。", "长滩岛", "Place"),
        ("从艾尔利海滩出发。", "艾尔利海滩", "Place"),
        ("最后一轮前往伯纳乌球场。", "伯纳乌球场", "Place"),
        ("两人被带回龙岗派出所继续接受审查。", "龙岗派出所", "Organization"),
        ("由武汉市黄鹤公证处公证。", "武汉市黄鹤公证处", "Organization"),
        ("节目尽在湖北卫视播出。", "湖北卫视", "Organization"),
        ("据彭博新闻社统计。", "彭博新闻社", "Organization"),
    ],
)
def test_sites_and_local_bodies(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("李宝山在会上发言。", "李宝山"),  # 山 ends given names: stays a person
        ("这个小岛很美。", "这个小岛"),
        ("半岛局势趋于缓和。", "半岛"),
    ],
)
def test_feature_rules_keep_people_and_words(text, name):
    found = entities(text)
    assert (name, "Place") not in found


def test_unknown_word_inside_a_company_name():
    found = entities("韩国投资金融公司于1991年转型。")
    assert ("韩国投资金融公司", "Enterprise") in found
    assert ("太重集团", "Enterprise") in entities("太重集团签约。")  # a short name that is also a word
    assert ("潘国强", "Person") in entities("市长潘国强表示，今年经济平稳。")


@pytest.mark.parametrize(
    "text, name, typ",
    [
        # 暨 joins two parts of one event's name
        ("2024年江西省投资环境推介会暨项目对接会在深圳举行。", "2024年江西省投资环境推介会暨项目对接会", "Event"),
        # the opening or a stage of a named event is part of it: the event is the named whole
        ("第三届数字经济大会开幕式暨高峰论坛在福州举行。", "第三届数字经济大会", "Event"),
        ("二十国集团领导人第十九次峰会第一阶段会议在里约热内卢举行。", "二十国集团领导人第十九次峰会", "Event"),
        ("第九届中国西部国际博览会开幕大会在成都举行。", "第九届中国西部国际博览会", "Event"),
        # a treaty's meeting keeps the treaty's title and who made it
        ("联合国《生物多样性公约》第十五次缔约方大会在昆明举办。", "联合国生物多样性公约第十五次缔约方大会", "Event"),  # the name without its title marks
        ("《湿地公约》第十四届缔约方大会在武汉开幕。", "湿地公约第十四届缔约方大会", "Event"),
        # an edition written in digits opens the name (the segmenter cuts 第/16/届)
        ("第16届中国-东盟博览会本月即将开幕。", "第16届中国-东盟博览会", "Event"),
        ("非洲联盟第35届首脑会议在亚的斯亚贝巴举行。", "非洲联盟第35届首脑会议", "Event"),
        # a named event held with the opening is one of its own
        ("第七届中国—亚欧博览会开幕式暨天山论坛在乌鲁木齐举行。", "天山论坛", "Event"),
        ("第七届中国—亚欧博览会开幕式暨天山论坛在乌鲁木齐举行。", "第七届中国—亚欧博览会", "Event"),
        # ceremonies and activities of a named project, and the project itself
        ("惠州新材料产业园项目签约仪式在惠州举行。", "惠州新材料产业园项目签约仪式", "Event"),
        ("惠州新材料产业园项目签约仪式在惠州举行。", "惠州新材料产业园项目", "Initiative"),
        ("2025年春季重点项目集中开工仪式在南宁举行。", "2025年春季重点项目集中开工仪式", "Event"),
        ("钦州港片区产业项目集中签约活动举行。", "钦州港片区产业项目集中签约活动", "Event"),
        ("我县举行招商推介会暨重点项目签约仪式。", "招商推介会暨重点项目签约仪式", "Event"),  # a formal title
    ],
)
def test_finds_compound_events_and_ceremonies(text, name, typ):
    assert (name, typ) in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("第三届数字经济大会开幕式暨高峰论坛在福州举行。", "第三届数字经济大会开幕式暨高峰论坛"),
        ("第三届数字经济大会开幕式暨高峰论坛在福州举行。", "高峰论坛"),  # no name of its own
        ("双方举行了隆重的签约仪式。", "签约仪式"),  # a bare ceremony
        ("省委召开学习贯彻《条例》工作会议。", "《条例》工作会议"),  # a title with no edition after it
        ("学校举行升旗仪式。", "升旗仪式"),
        ("市委举行入党宣誓仪式。", "入党宣誓仪式"),
        # a ceremony named by common words only, and the plan it signs
        ("双方举行抽水蓄能清洁能源一体化项目投资开发协议签约仪式。", "抽水蓄能清洁能源一体化项目投资开发协议签约仪式"),
        ("2025年春季重点项目集中开工仪式在南宁举行。", "2025年春季重点项目"),  # no proper word: no project
        ("钦州港片区产业项目集中签约活动举行。", "钦州港片区产业项目"),  # the zone's projects, no name
    ],
)
def test_rejects_bare_ceremonies_and_sub_events(text, name):
    assert name not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        # numbered slogans that are carried out are programmes
        ("加快实现“三高四新”美好蓝图。", "三高四新"),
        ("抢抓“两重”“两新”机遇。", "两重"),
        ("抢抓“两重”“两新”机遇。", "两新"),  # chained after an accepted one
        ("聚力打好“八场硬仗”。", "八场硬仗"),
        ("当前正是“十三五”收官之年。", "十三五"),
        ("深入开展“四下基层”。", "四下基层"),
    ],
)
def test_finds_numbered_slogans(text, name):
    assert (name, "Initiative") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("全力抓好“五上”企业培育。", "五上"),  # a kind of company in statistics
        ("全面打造“三无”“三可”营商环境。", "三可"),  # qualities of what follows
        ("增强“四个意识”。", "四个意识"),  # a concept, not carried out
        ("他说“三个人”就够了。", "三个人"),
    ],
)
def test_rejects_numbered_terms_that_are_no_programme(text, name):
    assert name not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("据湖南日报报道，会议在长沙召开。", "湖南日报"),  # one token of the dictionary: 湖南日报/nz
        ("河南日报周口分社记者连线直播间。", "河南日报"),
        ("据北京晚报报道，展览开幕。", "北京晚报"),
    ],
)
def test_a_places_paper_kept_whole_by_the_segmenter_is_a_body(text, name):
    assert (name, "Organization") in entities(text)



@pytest.mark.parametrize(
    "text, wrong",
    [
        ("他们感谢中国公司为当地的经济重建做出贡献。", "中国公司"),  # a country's companies
        ("美国公司纷纷裁员。", "美国公司"),
        ("并积极参与联合国麻醉品委员会的工作。", "积极参与联合国麻醉品委员会"),  # an idiom's verb governs the name
        ("双方重新启动美韩经济协商会磋商制度。", "重新启动美韩经济协商会"),
        ("中国男队必须在半决赛中力克印尼男队。", "力克印尼男队"),  # a match report's verb
        ("下岗职工本报讯河南羚锐制药有限公司积极安排职工就业。", "下岗职工本报讯河南羚锐制药有限公司"),
    ],
)
def test_body_stops_at_verbs_and_countries_alone_name_no_company(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("并积极参与联合国麻醉品委员会的工作。", "联合国麻醉品委员会"),
        ("下岗职工本报讯河南羚锐制药有限公司积极安排职工就业。", "河南羚锐制药有限公司"),
        ("英国石油公司发布财报。", "英国石油公司"),  # a country and a kind of company: its company
        ("中石化美国公司在休斯敦成立。", "中石化美国公司"),  # a company's unit in a country
    ],
)
def test_body_after_the_stop_is_the_name(text, name):
    assert name in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [("会上，湛江市政府与企业签署合作协议。", "湛江市政府"), ("蒙古国政府秘书长出席会议。", "蒙古国政府"), ("广西壮族自治区政府主席陈武出席。", "广西壮族自治区政府")],
)
def test_a_place_and_its_government(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize("text, wrong", [("新政府上台后推行改革。", "新政府"), ("地方政府要加强监管。", "地方政府"), ("联邦政府宣布预算。", "联邦政府")])
def test_a_government_without_a_place_is_no_name(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize("text, name", [("伊朗队教练在赛后说，球队发挥正常。", "伊朗队"), ("主教练说，伊朗队很强。", "伊朗队")])
def test_a_country_s_team_the_dictionary_knows_is_a_name(text, name):
    # 伊朗队 is frequent enough to be a dictionary word: still the team's name
    assert (name, "Organization") in entities(text)


def test_a_paper_the_segmenter_keeps_whole_is_a_name():
    # 新华日报 is one token tagged nz; 新华 alone is no place
    assert ("新华日报", "Organization") in entities("来源：新华日报。记者从会上获悉。")


@pytest.mark.parametrize(
    "text, name",
    [("山西省投资促进局正式对外发布重大项目。", "山西省投资促进局"), ("吉林省野生动物保护协会成立二十周年。", "吉林省野生动物保护协会")],
)
def test_the_verb_of_an_office_s_function_after_its_place(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize("text", ["山西省大力促进局势稳定。", "山西省积极参与协会工作。"])
def test_a_verb_after_a_place_and_an_adverb_ends_no_body(text):
    assert not any(t == "Organization" for _n, t in entities(text))


def test_a_governing_verb_before_an_event_is_no_part_of_it():
    found = {n for n, _t in entities("希望双方利用中国-东盟博览会和金融开放门户深化合作。")}
    assert "中国-东盟博览会" in found and "利用中国-东盟博览会" not in found


def test_a_conflict_named_by_its_place_is_an_event():
    assert ("叙利亚冲突", "Event") in entities("国际社会面临考验，叙利亚冲突进入第五年。")
    assert not any(t == "Event" for _n, t in entities("两国边境冲突不断。"))


def test_a_lead_verb_after_its_verbal_noun_stays_in_the_name():
    assert ("吕梁晋绥革命文物保护利用片区", "Place") in entities("推动吕梁晋绥革命文物保护利用片区建设。")


def test_a_named_professional_town_is_an_initiative():
    # GUIDELINES: a named 专业镇 is an Initiative (a programme), not a town
    found = entities("以祁县玻璃器皿专业镇为例，产业加快升级。")
    assert ("祁县玻璃器皿专业镇", "Initiative") in found
    assert not any(t == "Place" and "专业镇" in n for n, t in found)
    assert not any("专业镇" in n for n, _t in entities("首批十大特色专业镇名单公布。"))


@pytest.mark.parametrize(
    "text, planner",
    [
        ("美国计划将所冻结的阿富汗资产用于赔偿。", "美国"),
        ("工业和信息化部计划今年推动完成60个项目。", "工业和信息化部"),
        ("今年，内蒙古计划实施重大项目3289个。", "内蒙古"),
    ],
)
def test_plan_as_the_verb_after_its_planner_is_no_initiative(text, planner):
    found = entities(text)
    assert not any(t == "Initiative" for _n, t in found), found
    assert any(n == planner for n, _t in found)


@pytest.mark.parametrize(
    "text, name",
    [
        ("新时代基础教育强师计划启动。", "新时代基础教育强师计划"),  # 强师 names the plan
        ("国家重点研发计划“科技冬奥”特别专项取得成果。", "国家重点研发计划"),  # no predicate after it
        ("我省启动中小学教师能力提升计划。", "中小学教师能力提升计划"),
    ],
)
def test_a_named_plan_before_a_predicate_stays_a_plan(text, name):
    assert (name, "Initiative") in entities(text)


def test_a_meeting_name_before_the_word_for_system_is_no_event():
    # 人民代表大会制度: the system of people's congresses, not a congress held
    assert not any(t == "Event" for _n, t in entities("坚持和完善人民代表大会制度。"))
    assert ("十三届全国人大五次会议", "Event") in entities("十三届全国人大五次会议在京开幕。")


@pytest.mark.parametrize(
    "text, name",
    [
        ("热烈祝贺全国政协十三届五次会议开幕。", "全国政协十三届五次会议"),
        ("经中央纪委常委会会议研究，决定给予其处分。", "中央纪委常委会会议"),
        ("建议十三届全国人大常委会第三十四次会议于4月18日举行。", "十三届全国人大常委会第三十四次会议"),
    ],
)
def test_a_verb_taking_the_meeting_as_object_is_no_part_of_its_name(text, name):
    assert (name, "Event") in entities(text)


def test_dabu_most_of_a_region_is_no_body():
    # 大部 (most of) after a region is no body named with 部
    found = entities("预计华北地区大部将有一次降雨过程。")
    assert not any(t == "Organization" for _n, t in found)


@pytest.mark.parametrize("text", ["多家期货公司的分析员一致认为金价将涨。", "国内各大拍卖公司达成了默契。", "记者联系了本地10余家银行。", "在埃及的外国公司资本年增长三成。",
                                  # by their capital, their market, their trade
                                  "积极审批法资银行有关金融资格申请。", "打击利用离岸公司洗钱。", "深交所近1500家主板公司市值上涨。", "这是一家医疗器械公司。",
                                  # a pollster, an insurer, a grid or pipeline operator by trade; a plant by its kind
                                  "报社联合一家民意调查公司发布民调。", "鼓励财险公司兼并重组。", "管网公司和炼油企业协商运价。",
                                  "全省新培育国家层面绿色工厂200家。", "园区里的“黑灯工厂”全天生产。"])
def test_a_kind_or_a_count_of_companies_is_no_name(text):
    assert not any(t == "Enterprise" for _n, t in entities(text))


@pytest.mark.parametrize("text, name", [("上海天衡拍卖公司举行春季拍卖会。", "上海天衡拍卖公司"), ("太平洋保险公司推出新险种。", "太平洋保险公司"),
                                        # hard negatives: a plant's own name before its kind of 工厂
                                        ("特斯拉上海储能超级工厂开工。", "特斯拉上海储能超级工厂"), ("一汽新能源智能工厂满负荷生产。", "一汽新能源智能工厂")])
def test_a_trade_after_a_trade_name_stays_in_the_company_s_name(text, name):
    assert (name, "Enterprise") in entities(text)


@pytest.mark.parametrize(
    "text, first, second",
    [("龙门镇茅家村青年积极要求入党。", "龙门镇", "茅家村"), ("位于金坛市西岗镇的新石器时代遗址。", "金坛市", "西岗镇"), ("在江西安义县万埠镇桃花村落成。", "万埠镇", "桃花村")],
)
def test_a_settlement_before_another_is_a_place_of_its_own(text, first, second):
    found = entities(text)
    assert (first, "Place") in found and (second, "Place") in found
    assert (first + second, "Place") not in found


def test_a_town_whose_first_word_ends_like_a_division_keeps_its_name():
    assert ("新市镇", "Place") in entities("新市镇发展特色产业。")


@pytest.mark.parametrize("text, name", [("泰国国家银行今天宣布关闭七家公司。", "泰国国家银行"), ("他兼任荷兰中央银行顾问。", "荷兰中央银行")])
def test_a_country_s_national_or_central_bank_holds_the_country(text, name):
    # 国家银行/nt and 中央银行/nt are kinds the tagger files as names: the country makes the name
    assert (name, "Enterprise") in entities(text)


def test_a_bank_named_alone_by_its_kind_is_no_name():
    assert not any(t == "Enterprise" for _n, t in entities("据国家银行统计，存款增加。"))


def test_two_bodies_joined_by_yu_or_a_verb_are_two_names():
    found = entities("中央广播电视总台与中国书法家协会签署战略合作框架协议。")
    assert {("中央广播电视总台", "Organization"), ("中国书法家协会", "Organization")} <= found
    found = entities("中国人民银行会同公安部开展专项行动。")  # 会同: together with
    assert {("中国人民银行", "Organization"), ("公安部", "Organization")} <= found
    # 和 inside one name still joins its words
    assert ("山西省工业和信息化厅", "Organization") in entities("山西省工业和信息化厅发布通知。")


@pytest.mark.parametrize(
    "text, name",
    [
        ("本报讯深圳市财政局多方筹集资金。", "深圳市财政局"),  # 财政 | 局, not 政局
        ("北京市怀柔县民政局领导来到边防哨所。", "怀柔县民政局"),
        ("山西省邮政局开展集邮活动。", "山西省邮政局"),
    ],
)
def test_a_bureau_of_a_field_ending_in_zheng_is_a_body(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize("text", ["中东政局动荡不安。", "当前的政局十分复杂。", "他们顾全大局。"])
def test_zhengju_the_political_situation_is_no_bureau(text):
    assert not any(t == "Organization" for _n, t in entities(text))


@pytest.mark.parametrize(
    "text, mission, host",
    [
        ("中国驻洛杉矶总领事馆举行招待会。", "中国驻洛杉矶总领事馆", "洛杉矶"),
        ("美国驻乌克兰大使馆开始撤离外交人员。", "美国驻乌克兰大使馆", "乌克兰"),
    ],
)
def test_a_mission_abroad_is_the_sending_state_s(text, mission, host):
    found = entities(text)
    assert (mission, "Organization") in found
    assert (host, "Place") in found  # the host is named inside it
    assert not any(n == host + mission[-4:] or n.startswith(host) and t == "Organization" for n, t in found)


def test_a_mission_whose_sender_is_not_named_is_no_name():
    # 我驻英国使馆: the host alone does not name China's embassy (英国使馆 would be Britain's)
    assert not any(t == "Organization" for _n, t in entities("我驻英国使馆举办活动。"))


@pytest.mark.parametrize(
    "text, name",
    [
        ("据广州海关统计，今年前三季度进出口增长。", "广州海关"),
        ("以色列内阁当天通过了扩建计划。", "以色列内阁"),
        ("意大利参议院通过了这项法案。", "意大利参议院"),
        ("丹麦红十字会每年收集旧服装。", "丹麦红十字会"),
    ],
)
def test_a_place_s_customs_cabinet_chamber_and_red_cross_are_bodies(text, name):
    assert (name, "Organization") in entities(text)


def test_a_body_after_yu_does_not_cut_a_known_federation():
    found = entities("红十字会与红新月会国际联合会主席罗卡发来贺信。")
    assert ("红十字会与红新月会国际联合会", "Organization") in found


@pytest.mark.parametrize(
    "text, line",
    [
        ("支持将长治机场迁建、长邯聊高铁、吴家庄水库列入规划。", "长邯聊高铁"),  # 长/a 邯聊/i: the termini's abbreviations
        ("吕梁的太绥高铁等重大项目加快推进。", "太绥高铁"),
        ("，为弥蒙高铁建设提供保障。", "弥蒙高铁"),  # the preposition stays out
    ],
)
def test_a_high_speed_line_named_by_its_termini(text, line):
    assert (line, "Initiative") in entities(text)


@pytest.mark.parametrize("text", ["我国高铁运营里程达4万公里。", "实现市市通高铁。", "包括银西等高铁线路。", "其中高铁完成投资。"])
def test_no_line_is_named_by_words_a_slogan_or_a_list(text):
    assert not any(t == "Initiative" and n.endswith("高铁") for n, t in entities(text))


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        ("他介绍第七届中国国际进口博览会筹备情况。", "第七届中国国际进口博览会", "介绍第七届中国国际进口博览会"),
        ("欢迎沙方加入全球发展倡议。", "全球发展倡议", "欢迎沙方加入全球发展倡议"),
        ("双方同意推进中拉论坛建设。", "中拉论坛", "推进中拉论坛"),
    ],
)
def test_a_verb_before_a_known_name_is_no_part_of_it(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found


def test_a_verb_opening_a_meeting_s_own_name_stays():
    # the meeting is named by what it pushes forward: no known name follows the verb
    found = entities("习近平出席推动黄河流域生态保护和高质量发展座谈会。")
    assert ("推动黄河流域生态保护和高质量发展座谈会", "Event") in found


@pytest.mark.parametrize(
    "text, agency, wrong",
    [
        ("据塔斯社8日报道，俄军摧毁了多处目标。", "塔斯社", "塔斯社8日报"),  # a date and 报道, no paper
        ("朝中社26日报道，朝鲜试射了导弹。", "朝中社", "朝中社26日报"),
        ("据路透社报道，谈判仍在继续。", "路透社", None),
    ],
)
def test_a_news_agency_and_the_date_of_its_report(text, agency, wrong):
    found = {n for n, t in entities(text) if t == "Organization"}
    assert agency in found and wrong not in found


@pytest.mark.parametrize(
    "text, name",
    [
        ("暂时关闭从凯雷姆沙洛姆口岸往加沙地带运送人道援助。", "凯雷姆沙洛姆口岸"),  # 从凯 | 雷姆沙洛姆
        ("俄军对亚速钢铁厂发动进攻。", "亚速钢铁厂"),  # 对亚速 | 钢铁厂
    ],
)
def test_a_preposition_glued_to_a_name_is_no_part_of_it(text, name):
    found = {n for n, _t in entities(text)}
    assert name in found and not any(n.endswith(name) and n != name for n in found)


@pytest.mark.parametrize(
    "text, name",
    [
        ("中国将在有需要的国家设立传统医学中心。", "传统医学中心"),  # 国家设立: the nation's act
        ("为加强组织领导，成立国务院第三次全国土壤普查领导小组。", "国务院第三次全国土壤普查领导小组"),
    ],
)
def test_a_verb_that_sets_a_body_up_is_no_word_of_its_name(text, name):
    found = {n for n, _t in entities(text)}
    assert not any(n.endswith(name) and n != name for n in found)


@pytest.mark.parametrize(
    "text, name",
    [
        ("国家留学基金管理委员会资助了一批学者。", "国家留学基金管理委员会"),  # a national body's function verb
        ("国家移民管理局发布数据。", "国家移民管理局"),
        # a group's task
        ("推动长三角一体化发展领导小组组长韩正主持会议。", "推动长三角一体化发展领导小组"),
    ],
)
def test_a_national_body_s_function_verb_stays_in_its_name(text, name):
    assert name in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("扬州经开区党工委书记张明表示。", "扬州经开区党工委"),  # 经 opens 经开区 (经济技术开发区)
        ("宁夏对口帮扶领导小组召开会议。", "宁夏对口帮扶领导小组"),  # 对口 is a word
    ],
)
def test_a_preposition_s_character_inside_a_word_of_the_name_stays(text, name):
    assert name in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, village",
    [
        ("黎明村地处旱塬，人均耕地不足一亩。", "黎明村"),  # 黎明村/nr: 黎明 is a common word
        ("从调查中可以看出，三桥村村干部置政策于不顾。", "三桥村"),  # 三桥村/nz
    ],
)
def test_a_village_the_segmenter_keeps_whole_as_a_name(text, village):
    assert (village, "Place") in entities(text)


def test_a_kind_of_village_is_no_name():
    assert not any(t == "Place" for _n, t in entities("他们帮助贫困村脱贫。"))


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("审查日方核污染水排放入海计划的合法性。", "审查日方核污染水排放入海计划"),
        ("教育部下达2022年现代职业教育质量提升计划资金。", "下达2022年现代职业教育质量提升计划"),
        ("预祝2024年中非合作论坛峰会圆满成功。", "预祝2024年中非合作论坛峰会"),
    ],
)
def test_a_governing_verb_opens_no_programme_or_event(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, wrong, name",
    [
        # an adverb the dictionary keeps in one word with its verb (积极支持, 高度重视)
        ("国家开发银行积极支持城市更新行动。", "国家开发银行积极支持城市更新行动", "城市更新行动"),
        ("各地全面实施新一轮千亿斤粮食产能提升行动。", "全面实施新一轮千亿斤粮食产能提升行动", "新一轮千亿斤粮食产能提升行动"),
        # verbs of a clause before the programme, and the points of a list
        ("弥蒙高铁成功接入南昆高铁。", "弥蒙高铁成功接入南昆高铁", "南昆高铁"),
        ("一是粮食节约减损行动，二是全民节粮意识提升行动。", "二是全民节粮意识提升行动", "全民节粮意识提升行动"),
        ("亚投行注资中国－世界银行伙伴关系基金。", "注资中国－世界银行伙伴关系基金", "中国－世界银行伙伴关系基金"),
    ],
)
def test_a_clause_before_a_programme_is_no_part_of_its_name(text, wrong, name):
    found = entities(text)
    assert (name, "Initiative") in found and wrong not in {n for n, _t in found}


def test_an_adverb_and_verb_with_no_programme_after_them_make_none():
    assert not any(t == "Initiative" for _n, t in entities("要严格执行相关规划。"))


@pytest.mark.parametrize(
    "text, bad",
    [
        ("中国全国政协愿同阿曼协商会议加强交流。", "中国全国政协愿同阿曼协商会议"),  # 愿同: one word for the segmenter
        ("愿同中方一道推动峰会取得成功。", "中方一道推动峰会"),
        # a day or a time of day glued to the name's first word is no part of it
        ("今天上午论坛峰会在京举行。", "今天上午论坛峰会"),
        ("当地时间凌晨召集紧急会议。", "凌晨召集紧急会议"),
    ],
)
def test_a_wish_to_work_together_ends_an_events_name(text, bad):
    assert not any(n == bad for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        ("美国媒体报道称，这是波音公司历史上第二严重的亏损。", "波音公司", "是波音公司"),
        ("2013年，习近平曾到中国航天科技集团公司考察。", "中国航天科技集团公司", "习近平曾到中国航天科技集团公司"),
        ("绍伊古表示，除亚速钢铁厂外，俄军已控制全城。", "亚速钢铁厂", "除亚速钢铁厂"),
    ],
)
def test_a_company_s_name_opens_after_a_glued_verb_or_preposition(text, name, wrong):
    found = entities(text)
    assert (name, "Enterprise") in found and (wrong, "Enterprise") not in found


@pytest.mark.parametrize(
    "text, wrong",
    [
        # the suffix is a modifier in a compound, or a verb with its object
        ("首个中国国际消费中心城市精品消费月将启动。", "中国国际消费中心"),
        ("全国一体化大数据中心体系完成总体布局。", "全国一体化大数据中心"),
        # a standing in a compound (中心地位: centrality), not a centre that is a body
        ("中方支持东盟中心地位和战略自主。", "东盟中心"),
        ("持续支持巩固提升香港国际金融中心地位。", "香港国际金融中心"),
        ("吉林组织省市县乡村五级宣讲。", "吉林组织"),
        ("福建海警组织舰艇编队开展执法巡查。", "福建海警组织"),
    ],
)
def test_no_body_ends_at_a_suffix_in_a_compound_or_used_as_a_verb(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, venue",
    [
        ("演出在国家大剧院举行。", "国家大剧院"),
        ("会议在国家会议中心召开。", "国家会议中心"),
        ("开幕式在上海国家会展中心举行。", "上海国家会展中心"),  # the city names which of the nation's venues
    ],
)
def test_the_nation_s_own_venue_is_a_place(text, venue):
    assert (venue, "Place") in entities(text)


@pytest.mark.parametrize("text", ["我国已设立10个国家公园。", "支持国家革命老区加快发展。"])
def test_a_national_kind_of_place_is_no_name(text):
    assert not any(t == "Place" and n.startswith("国家") for n, t in entities(text))


@pytest.mark.parametrize(
    "text, province, city",
    [
        # a suffix (岛, 乡) that ends the word of a city of the gazetteer names no place of its own
        ("这批货物从山东青岛港启运，运往江西萍乡。", "山东", "萍乡"),
        ("辽宁葫芦岛迎来旅游旺季。", "辽宁", "葫芦岛"),
    ],
)
def test_a_province_before_a_city_with_a_place_suffix_is_two_places(text, province, city):
    found = entities(text)
    assert (province, "Place") in found and (city, "Place") in found
    assert not any(n.startswith(province) and n != province and t == "Place" for n, t in found)


@pytest.mark.parametrize(
    "text, wrong, place",
    [
        # 组织 as the verb of a place that organises a count of people
        ("河南组织18个省级专家指导组深入田间。", "河南组织", "河南"),
        ("怀化组织30000多名党员下沉社区。", "怀化组织", "怀化"),
    ],
)
def test_a_place_organising_a_count_of_people_is_no_organisation(text, wrong, place):
    found = entities(text)
    assert (place, "Place") in found and not any(n == wrong for n, _t in found)


def test_an_organisation_named_zuzhi_keeps_a_date_after_it():
    # hard negative: 18日 is a date, no count
    assert ("世界卫生组织", "Organization") in entities("世界卫生组织18日表示，疫情仍在蔓延。")


@pytest.mark.parametrize(
    "text, wrong, kept",
    [
        ("１９９５年赵国霖组织数十名专家成立研究所。", "赵国霖组织", "赵国霖"),  # a person organises
        ("河北栾城县组织机关干部进行军训。", "栾城县组织", "栾城县"),  # a county organises
        ("记者参加过美国外国记者中心组织的一次采访。", "外国记者中心组织", "外国记者中心"),  # a body organises
    ],
)
def test_zuzhi_after_who_does_it_is_a_verb(text, wrong, kept):
    found = {n for n, _t in entities(text)}
    assert wrong not in found and kept in found, found


def test_zuzhi_after_a_foreign_name_ends_a_body():
    assert ("哈马斯组织", "Organization") in entities("哈马斯组织发表声明。")


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        ("今天，美国第三大银行国民银行和第四大银行美洲银行宣布合并。", "美洲银行", "第四大银行美洲银行"),
        ("我国钢铁行业的龙头企业宝山钢铁集团公司与东北大学合作。", "宝山钢铁集团公司", "龙头企业宝山钢铁集团公司"),
    ],
)
def test_the_kind_before_a_company_is_no_part_of_its_name(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found and "美国第三大银行" not in found, found


@pytest.mark.parametrize(
    "text, body, wrong",
    [
        ("泰山队的巴西外援卡洛斯和海狮队的巴西外援里贝罗各为自己的球队进球。", "海狮队", "和海狮队"),
        ("据黎公共卫生部通报，空袭造成多人死亡。", "卫生部", "据黎公共卫生部"),  # 据 glued to the country
    ],
)
def test_a_conjunction_or_a_preposition_before_a_body_is_no_part_of_it(text, body, wrong):
    found = {n for n, _t in entities(text)}
    assert wrong not in found and any(n.endswith(body) for n in found), found


def test_he_between_two_words_the_tagger_misreads_stays_in_a_team_s_name():
    assert ("越野滑雪和冬季两项国家队", "Organization") in entities("越野滑雪和冬季两项国家队的运动员出发了。")


@pytest.mark.parametrize(
    "text, name",
    [
        ("胡锦涛会见了日本国际贸易促进协会会长樱内义雄。", "国际贸易促进协会"),  # 促进/v after 国际贸易/nz
        ("专家成立贵州特色乙型肝炎防治研究所，并建立了基地。", "贵州特色乙型肝炎防治研究所"),  # two nouns before 防治/v
    ],
)
def test_the_verb_of_an_office_s_function_after_its_place_and_nouns_is_in_its_name(text, name):
    assert any(n.endswith(name) for n, _t in entities(text)), entities(text)


def test_a_verb_before_a_complete_name_is_no_word_of_it():
    found = {n for n, _t in entities("澳门特区筹委会澳门委员启程赴京北京大学新老图书馆相加。")}
    assert "北京大学" in found and not any(n.endswith("北京大学") and len(n) > 4 for n in found), found


@pytest.mark.parametrize(
    "text, name",
    [
        ("北京格威特发展总公司为组织此次活动投入了三百万元。", "北京格威特发展总公司"),
        ("长航集团所属长江轮船海外旅游总公司是长江上最大的旅游企业。", "长江轮船海外旅游总公司"),  # 所属 ends it
    ],
)
def test_a_head_company_is_named_by_the_proper_words_before_zonggongsi(text, name):
    found = {n for n, _t in entities(text)}
    assert name in found and not any(n.endswith(name) and n != name for n in found), found


@pytest.mark.parametrize("text", ["记者参观时看到，编织袋厂厂房整洁。", "这是70年代建的一个柞蚕丝厂。", "义演音乐会今晚举行。", "各级团组织和广大团员青年共同努力。"])
def test_a_factory_of_a_product_or_a_kind_the_tagger_calls_a_body_is_no_name(text):
    assert not any(t in ("Organization", "Enterprise") for _n, t in entities(text)), entities(text)


def test_a_factory_named_by_its_place_and_product_keeps_its_name():
    assert ("太原重型机器厂", "Enterprise") in entities("太原重型机器厂开工建设新车间。")


def test_the_nations_own_team_is_named_by_guojia():
    assert ("国家男篮", "Organization") in entities("八一队主教练王非将担任国家男篮主教练。")
    assert not any(n == "国家公园" for n, _t in entities("这里建起了国家公园。"))


@pytest.mark.parametrize(
    "text, name",
    [
        ("国家雪车雪橇中心赛道被国际雪车联合会主席评价为世界一流。", "国际雪车联合会"),
        ("国际冬季两项联盟宣布了新赛季的赛程。", "国际冬季两项联盟"),
    ],
)
def test_an_international_federation_is_named_by_guoji_and_common_words(text, name):
    assert (name, "Organization") in entities(text)


@pytest.mark.parametrize("text", ["上海加快国际金融中心建设。", "多个国际机构表示关切。"])
def test_guoji_and_common_words_before_another_suffix_name_a_kind(text):
    assert not any(t == "Organization" for _n, t in entities(text))


@pytest.mark.parametrize(
    "text, party",
    [
        ("包括国家宗教党在内的右翼议员强烈反对。", "国家宗教党"),
        ("他仍担任赞比亚最大反对党联合民族独立党主席。", "联合民族独立党"),
        ("韩国共同民主党党首发表讲话。", "共同民主党"),  # not the shorter 民主党 inside it
        ("国民力量党领导层召开会议。", "国民力量党"),
    ],
)
def test_a_party_named_by_several_words_is_one_organization(text, party):
    assert (party, "Organization") in entities(text)


@pytest.mark.parametrize(
    "text",
    ["用邓小平理论统一全党的思想。", "在从严治党治政中不要怕得罪人。", "要加强对新时期党的历史的研究。", "热爱党、热爱祖国。"],
)
def test_a_verb_a_time_or_a_bare_reference_before_dang_makes_no_party(text):
    assert not [n for n, t in entities(text) if t == "Organization" and n.endswith("党")]
