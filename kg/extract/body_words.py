"""The vocabulary of the suffix grammar (``kg.extract.bodies``, ``kg.extract.body_parts``,
``kg.extract.body_walk``): tags and words that may be part of a body before a name suffix,
words that end one, suffixes of each kind of body, and the patterns of dates, counts,
editions and ceremonies around names."""

from __future__ import annotations

import re

#: POS tags that may form the body of a name.
NOMINAL_POS = frozenset(
    {"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng", "ng", "nw", "b", "a", "an", "vn", "s", "l", "i", "m", "x", "h", "k"}
)
PROPER_POS = frozenset({"nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng"})
#: Tags that end a phrase-like name (prepositions, conjunctions, particles, pronouns…).
PHRASE_STOP_POS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "y", "e", "o", "w", "zg"})
PHRASE_STOP_WORDS = frozenset(
    ["在", "于", "对", "为", "向", "从", "把", "将", "被", "由", "和", "与", "及", "以及", "同", "跟", "是", "有", "的", "了", "着", "等", "以", "并", "而", "或", "也", "都", "还", "又", "就", "要", "会", "能", "这", "那", "该", "此", "其", "各", "每", "上", "下", "出席", "参加", "召开", "举办", "举行", "主持", "亮相", "实施", "落实", "贯彻落实", "贯彻", "推行", "提出", "开展", "深化", "融入", "对接", "参与", "加快", "加强", "围绕", "通过", "依托", "作为", "成为", "包括", "进行", "启动", "打造", "构建", "发布", "签署", "签约", "助力", "服务", "支持", "推出", "组织", "开幕", "闭幕", "致信", "致电", "致辞", "发表", "宣布", "倡导", "发起", "考察", "调研", "访问", "出访", "来到", "走进", "聚焦", "共建", "携手", "坚持", "全面", "积极", "扎实", "大力", "不断", "持续", "加速", "深入", "落地", "入选", "获批", "纳入", "争创", "创建", "迈出", "打好", "打赢", "用好", "抓好", "做好", "开行", "举措", "以来", "期间", "今年", "去年", "明年", "近年来", "目前", "当前", "日前", "近日", "同时", "此外", "其中", "随着", "按照", "根据", "借助", "依据", "面向", "对于", "关于", "本届", "此次", "这次", "上届", "历届", "每届", "首次", "再次", "又一次", "时任", "曾任", "现任", "原任", "担任", "位于", "地处", "申报", "培育", "践行", "促进", "建好", "发行", "累计", "到", "至", "向着", "迈向", "一家", "一批", "一系列", "一大批", "系列", "使", "让", "令", "请", "获", "任", "谴责", "要求", "希望", "呼吁", "下周", "上周", "本周", "今天", "明天", "昨天", "今日", "明日", "昨日", "本月", "上月", "下月", "月底", "年底", "年初", "愿同", "愿与", "愿和", "一道",
     # a match report's verbs before a team (以3∶0战胜波斯尼亚队, 力克印尼男队) and a dateline's
     # 本报讯 before a headline's name (…下岗职工本报讯河南羚锐制药有限公司)
     "战胜", "力克", "击败", "负于", "逼平", "迎战", "对阵", "不敌", "战平", "输给", "本报讯", "讯",
     # a parent before its own company (长航集团所属 | 长江轮船海外旅游总公司)
     "所属", "下属", "旗下"]
)
#: Verbs that set a body up or that the nation does (国家设立, 国家支持): no word of a body's
#: name right after 国家, where the function verbs of national bodies are (国家留学基金管理
#: 委员会, 国家开发银行), nor of an organisation named by a phrase (成立 | 国务院第三次全国
#: 土壤普查领导小组). Verbs of a group's task stay (推动长三角一体化发展领导小组,
#: 四川省实施乡村振兴战略工作领导小组).
FOUNDING_VERBS = frozenset(
    ["设立", "成立", "建立", "组建", "筹建", "设置", "批准", "认定", "支持", "鼓励", "出台", "发布",
     "公布", "规定", "要求", "提出", "下达", "投入"]
)
#: Verbs whose object is a person or a body, which end the name after them on the left
#: (张古江会见中冶集团, 陪同省长视察); the dictionary files several as nouns, so
#: their tag does not stop the name.
OBJECT_VERBS = frozenset(
    ["会见", "会晤", "接见", "看望", "慰问", "拜会", "拜访", "走访", "宴请", "陪同", "率领", "带领", "邀请",
     "见证", "约见", "莅临", "视察", "祝贺", "参观", "致", "会同", "援引"]
)
#: Initiative names stop at a predicate verb too (实施乡村振兴战略 → 乡村振兴战略).
#: Verbs that take a meeting as their object and so end its name on the left
#: (认真贯彻中央经济工作会议, 讨论拟提请十三届全国人大五次会议, 热烈祝贺…会议开幕,
#: 经中央纪委常委会会议研究, 建议…会议于…举行, 截至…会议); verbs inside names
#: (推动, 制造, 阅读) are not among them.
EVENT_GOVERNING_VERBS = frozenset(
    ["发挥", "充分发挥", "贯彻", "讨论", "提请", "拟提请", "开好", "办好", "完成", "责成", "筹备", "审议", "传达", "部署", "迎接", "备战", "学习", "宣传", "宣讲", "研究", "总结", "出席", "参加", "主持", "召开", "举办", "举行", "列席", "通过", "决定", "听取", "筹办", "服务", "保障", "圆满", "胜利", "会见", "致信", "致贺信", "发来", "闭幕", "开幕", "祝贺", "热烈祝贺", "落实", "认真落实", "建议", "经", "截至",
     "表彰", "勉励", "申办", "承办", "主办", "涵盖", "观看", "报名", "结束", "期待", "通报", "直播", "转播",
     "赶上", "设置", "赞赏", "高度赞赏", "确保", "介绍", "接任", "欢迎", "预祝", "用好",
     # reporting to a meeting (向大会报告…会议以来的工作, 经…研究并报中央政治局会议审议)
     "报告", "并报", "报请", "呈报",
     # judging, issuing or visiting, and the clause words before a meeting named as the object
     # of a sentence (中方高度评价东方经济论坛的作用, 印发…会议, 多国人士热议…论坛, 通过参观展览,
     # 这是继…峰会后, 应…大会邀请, 意味着…运动会6项…项目)
     "评价", "高度评价", "印发", "热议", "参观", "继", "应", "意味着"]
)
#: Counts of meetings that are no edition (多次中央经济工作会议上, 历次全会): they end a name.
MEETING_COUNTS = frozenset(["多次", "几次", "数次", "历次", "每次", "两次", "多届", "历届"])
#: Verbs of furthering or founding that open the name of a meeting on a topic (推动长江经济带
#: 发展座谈会, 推进南水北调后续工程高质量发展座谈会, 越南在重庆设立总领馆换文仪式) but govern a
#: complete one of the kinds NAMED_BY_KIND when a proper name follows them (推动联合国气候变化
#: 巴库大会取得成功, 扎实推进中海峰会提出的…, 设立中非和平利用核技术论坛; 智能制造推进大会 is one).
FURTHERING_VERBS = frozenset(["推动", "推进", "促进", "设立", "创立", "成立"])
NAMED_BY_KIND = ("峰会", "大会", "论坛", "博览会", "运动会", "年会", "艺术节", "电影节", "文化节")
#: Adverbs kept in one word with the verb after them before a meeting (高度评价, 继续抓好).
EVENT_ADVERB_LEADS = frozenset(["高度", "继续", "认真", "切实", "坚决"])
INITIATIVE_STOP_WORDS = frozenset(
    ["展开", "采取", "发动", "开始", "推动", "推进", "建设", "构建", "实施", "学习", "阐述", "制定", "完善", "用好", "抓住", "把握", "抢抓", "对标", "列入", "布局", "探索", "支持", "鼓励", "参与", "入选", "获批", "纳入", "申报", "争创", "创建", "打造", "开展", "启动", "谋划", "编制", "出台", "印发", "发布",
     "审查", "下达", "询问", "设立", "研制", "加大", "实现", "确保", "欢迎",
     # verbs and adverbs of a clause before a programme (欧尔班当天敦促欧盟改变错误战略, 弥蒙高铁成功
     # 接入南昆高铁, 生态环境部确定…试点) and the points of a list (一是粮食节约减损行动)
     "敦促", "作出", "做出", "确定", "遭受", "注资", "接入", "执行", "重视", "当天", "成功", "正在",
     "一是", "二是", "三是", "四是", "五是", "六是",
     # a headline's clause before a plan or an operation (乌称破坏俄军进攻计划, 两市开通人道主义
     # 走廊, 已有60项改革试点, 21亿元中央预算内投资用于…补短板工程)
     "称", "宣称", "声称", "开通", "用于", "已有", "破坏", "夸大",
     # a person's going or taking on before a programme (班禅先后前往…绿化工程, 组装后承担引江补汉
     # 工程, 重开…人道走廊, 敦促欧盟改变错误战略, 他生前最后一次抓捕行动)
     "前往", "承担", "重开", "改变", "生前",
     # a clause's verb the tagger files otherwise (结束湘西不通高铁的历史, 口岸通行中欧班列)
     "不通", "通行",
     # quantifiers before works (大江南北很多重点工程, 实施多惠民工程: 多 is tagged alone)
     "很多", "许多", "不少", "一些", "诸多", "众多", "多项", "多个", "多"]
)
#: Adverbs of manner that the dictionary keeps in one word with the verb after them
#: (积极支持, 高度重视, 严格执行): such a word governs the programme, no word of its name.
ADVERB_VERB_LEADS = frozenset(["积极", "高度", "严格", "认真", "切实", "全面", "深入", "扎实", "大力", "加快", "持续", "不断", "坚决", "坚定"])
NUMERAL_CLASSIFIER = re.compile(r"[\d一二三四五六七八九十百千万两几多数]+(?:个|家|列|项|批|座|条|种|类|名|位|所|大|场)")
#: A count the segmenter keeps as one word, its classifier inside it, unlike the counts of
#: NUMERAL_CLASSIFIER (多个, 一名, 一处, 多座: 加沙地带30多个巴武装组织, 黎真主党武装一名
#: 炮兵部队, 别尔哥罗德州一处俄罗斯国防部设施).
#: (处 and 支 after 一, 两, 多, 几, 数 only: 三处, 二支队 are offices and units, 铁道部十四局三处.)
COUNT_WORD = re.compile(r"[\d一二三四五六七八九十百千万两几多数]+(?:个|家|名|位|座|艘|架|辆|所|批|项)|[一两多几数](?:处|支)")
#: Words of how many or which of a kind (所有, 部分), which end a body on the left.
QUANTIFIERS = frozenset({"所有", "全部", "部分", "各个", "一些", "若干", "诸多", "众多", "整座", "整个", "各大", "人均"})
#: An ordinal count (第一批, 第三座, 首个: 第一批国家公园, 亚洲第一座货运枢纽机场): which of a
#: kind, never a word of the name after it.
ORDINAL_COUNT = re.compile(r"(?:第[\d一二三四五六七八九十百千]+|首)(?:个|家|批|座|条|所|处|项|位)")
#: Words of going, passing or gathering before a place (经深圳皇岗口岸, 途经北京奥林匹克森林公园,
#: 步入体育场, 会聚北京中山公园): no place's name holds them. The dictionary files several as
#: nouns (经, 途经, 步入), so the tagger's verbs alone would not stop the walk there.
PLACE_ROUTE_WORDS = frozenset(
    {"经", "途经", "经由", "取道", "步入", "驶入", "驶离", "进入", "抵", "抵达", "到达", "直达", "飞抵", "前往",
     "赶赴", "奔赴", "会聚", "汇聚", "齐聚", "相聚", "聚集", "入境", "出境"}
)
#: An edition or year right before a quoted name part.
EDITION_BEFORE = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]+[届次]|首届|\d{4}年?)$")
#: A date inside a token (6月, 29日, 1998年).
#: (The digits open at a run's start: tried from every digit of a long run, the search
#: would take time quadratic in the run's length.)
DATE_TOKEN = re.compile(r"(?<!\d)\d++[年月日号]|^[年月日]$")
#: A month and day (with or without a year) is never part of an event's name.
FULL_DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?")
LEADING_DATE = re.compile(r"\d{4}年(?:\d{1,2}月份?(?:\d{1,2}日)?)?|\d{1,2}月份?(?:\d{1,2}日)?")
#: Leading words trimmed from a name body: demonstratives and generic scope words.
LEADING_TRIM = (
    "原", "前",
    "本届", "此次", "这次", "该次", "本次", "上届", "历届", "每届", "这一", "该", "本", "此", "这", "那", "各",
    "我省", "我市", "我县", "全省", "全市", "全县", "全国性", "一批", "一个", "一项", "一场", "两个", "多个", "有关", "相关",
    "上述", "新一届", "首批", "全国首个", "国内首个", "首个", "首条", "首座", "首开",
    "去年底", "去年", "今年", "明年", "年底", "近日", "日前",
    # days and times of day the segmenter glues to a name's first word (今天上午 | 论坛峰会)
    "今天", "昨天", "明天", "当天", "当日", "今晚", "昨晚", "上午", "下午", "晚上", "早上", "中午", "凌晨", "傍晚",
)
LEADING_FIRST = frozenset(lead[0] for lead in LEADING_TRIM)
#: Suffixes of a state's own bodies, which keep the state's name (苏丹卫生部, its news
#: agency 越南通讯社); a university
#: or a company after a country is named without it (俄罗斯 | 莫斯科国际关系学院).
STATE_BODY_SUFFIXES = frozenset(
    {"部", "署", "局", "通讯社", "厅", "委员会", "政府", "议会", "国会", "法院", "检察院", "使馆", "大使馆",
     "队", "女队", "男队", "足球队", "国家队", "代表团", "女篮", "男篮", "女排", "男排", "女足", "男足"}
)
#: Roads and railways: a token ending with them is more often a kind than a name (高速铁路).
ROAD_SUFFIXES = frozenset({"路", "街", "大街", "西街", "东街", "铁路", "公路"})
#: Offices whose generic name (公安局, 警察局; a kind of college or hospital: 师范学院,
#: 人民医院) follows the proper part of a body's name.
OFFICE_SUFFIXES = frozenset({"局", "厅", "部", "署", "委员会", "院", "所", "办", "处", "乐团", "歌舞团", "艺术团", "合唱团", "剧团", "俱乐部", "学院", "医院"})
#: Suffixes that, after a company's name, name one of its sub-units.
SUB_UNIT_SUFFIXES = frozenset({"中心", "研究院", "研究所", "实验室", "办公室"})
COMPANY_WORD = re.compile(r"公司|集团|重工|能源|科技|股份|银行|煤矿|电厂|钢铁")
#: Suffixes of a bank's or company's branch, and the words its parent's name holds.
BRANCH_SUFFIXES = frozenset({"分公司", "分行", "支行", "中心支行", "储蓄所", "分理处"})
BRANCH_PARENT = re.compile(r"银行|公司|集团|信用社|农商行")
#: Places below a division, written after it: 武乡县下庄村, 榆次区汇通路 (the division is
#: its own entity); zones and sites keep it (山西大学城, 运城航空口岸).
LOCAL_PLACE_SUFFIXES = frozenset({"村", "镇", "乡", "街道", "路", "街", "大街", "西街", "东街", "南街", "北街"})
#: Words that open the proper part of a body though tagged as common nouns.
PROPER_PREFIXES = frozenset(["国家", "中央", "全国", "中华", "中共", "国务院", "联合国", "世界", "亚洲", "欧洲", "非洲"])
#: Suffixes of federations and societies, which 国际 and common words name (国际雪车联合会,
#: 国际冬季两项联盟; 国际经济组织, 国际金融中心 are kinds).
SOCIETY_SUFFIXES = frozenset({"联合会", "联盟", "协会", "学会"})
#: Suffixes of sports teams (巴西队, 印尼女队), and teams of one sport named after their
#: country or city (印尼羽毛球队, 澳大利亚游泳队): the place before is the team's own.
TEAM_SUFFIXES = frozenset(
    {"队", "女队", "男队", "国家队"}
    | {s + "队" for s in ("羽毛球", "游泳", "田径", "体操", "跳水", "举重", "射击", "击剑", "冰球", "围棋", "藤球", "登山")}
)
QUOTE_OPEN = "“‘「『\""
QUOTE_CLOSE = "”’」』\""
#: Dashes that join two named parties into one name (中国—东盟博览会); a doubled dash (——)
#: sets off a clause instead.
DASH_JOINERS = frozenset("—―–")
#: Words written in brackets inside a name besides places: 均瑶(集团)有限公司,
#: 全体(扩大)会议, 县(区)委书记.
BRACKET_WORDS = frozenset(["集团", "扩大", "区", "县", "市", "筹", "控股", "股份"])
#: A short bracketed part right after a name, read as part of it when it holds a place:
#: 大众汽车集团(中国).
BRACKET_AFTER = re.compile(r"[(（]([\u4e00-\u9fff]{2,5})[)）]")
#: The opening, closing or a stage of a named event, written right after its name: the
#: name without it is the event (…大会开幕式暨主旨论坛, …峰会第一阶段会议).
SUB_EVENT_WORDS = (
    r"(?:开幕式|闭幕式|开幕大会|闭幕大会|开幕仪式|闭幕仪式|开幕典礼|闭幕典礼|启动仪式|开幕会|闭幕会"
    r"|第[一二三四五六七八九十\d]+阶段会议)"
)
SUB_EVENT = re.compile(r"(?<=[会會坛壇节節展季])" + SUB_EVENT_WORDS)
#: A project named right before the ceremony of signing, starting or opening it.
PROJECT_BEFORE_CEREMONY = re.compile(r".+?项目(?=(?:集中)?(?:签约|开工|投产|揭牌|启动|奠基|竣工)(?:仪式|活动)$)")
#: Kinds of project that name none (湛江空港经济区产业项目 is the zone's projects).
GENERIC_PROJECT_WORDS = ("产业", "重点", "重大", "招商", "投资", "合作", "签约", "民生", "建设", "引资")
#: A verb of carrying out right before a programme's body (实施市场主体倍增工程, 启动乡村建设行动):
#: it names a programme even when its words are all common ones; a round may stand between
#: (开展第二轮…试点, 实施新一轮…行动).
CARRIED_OUT_BEFORE = re.compile(r"(?:实施|启动|开展|推行)(?:第[一二三四五六七八九十\d]{1,2}[轮批期]|新一轮)?$")
#: Verbs of carrying a programme out (开展…试点, 实施…计划), and the verbs that may stand inside
#: the name such a verb takes (生态产品价值实现机制试点, 旅游促进各民族交往交流交融计划); elsewhere
#: they stop a name (实现…目标, 推进…战略 are the verb and its object).
CARRIED_OUT = frozenset({"实施", "开展", "启动", "推行", "启动实施"})
NAME_INNER_VERBS = frozenset({"实现", "推进", "推动", "建设", "促进"})
#: Words of a military operation, which is no programme (展开有限地面行动, 开展军事行动).
MILITARY_WORDS = frozenset({"地面", "军事", "作战", "空中", "海上", "有限", "特别"})
#: Words that only say of what scope or weight a programme is (国家重大区域战略, 重点专项行动):
#: a body of these alone names no programme, whatever the verb before it.
GENERIC_PLAN_WORDS = frozenset(
    {"国家", "全国", "重大", "重点", "专项", "相关", "有关", "各项", "系列", "一系列", "各类", "区域",
     "发展", "总体", "具体", "年度", "中长期", "新", "一批", "这项", "该", "新一轮", "综合", "整体",
     "配套", "试点", "示范", "改革", "建设", "工作", "行动", "计划", "战略", "工程", "项目", "全面",
     "深入", "大力", "持续", "专题", "集中", "统一", "长期", "短期", "阶段性", "多项", "几项", "若干"}
)
#: Words after 规划 that make it "planned" or "the planning of", not a plan's name: 雄安新区规划建设
#: (the planning and building of the new area), 三澳核电站规划建设6台机组, 综保区规划面积.
PLANNED_AFTER = ("建设", "建成", "布局", "面积", "范围", "用地", "总面积")
#: "The first" inside a programme's body: 西南地区首个特高压交流工程.
FIRST_OF_KIND = ("首个", "首条", "首座")
#: Words after a state's name that make it the state acting: 伊朗政府计划, 以色列军方行动.
ACTOR_HEADS = ("政府", "当局", "军方", "方面", "总统", "内阁")
#: An army or a military move in the body of a 行动 or 计划: operations, not a programme.
MILITARY_BODY = re.compile(r"[俄美以乌英法日朝韩]军|进攻|作战|回应|报复|反击")
#: What a project named by 项目 builds: 项目 after one of these (中吉乌铁路项目, 东营海上风电装备
#: 产业园项目) names a project, while after anything else it is a kind or a count of projects
#: (重点项目, 新兴产业项目) or a sport's discipline (冬奥会雪上项目, 高山滑雪项目).
PROJECT_HEADS = (
    "产业园", "园区", "科技园", "基地", "机场", "铁路", "高铁", "公路", "大桥", "隧道", "管道",
    "运河", "港区", "码头", "医院", "电站", "电厂", "风电场", "综合体", "生产线", "博物馆", "水库",
    "枢纽", "一期", "二期", "三期", "扩建", "迁建", "改扩建",
)
#: Words of kinds of works before 工程 or 项目 (重点工程, 配套工程, 惠民工程): with only a place
#: before them (福建省重点工程, 深圳配套工程, 日本国内工程) they name a kind, no project.
WORKS_KINDS = ("重点", "重大", "配套", "国内", "惠民", "民生", "德政", "改扩建")
#: Suffixes of lines named after their termini (长邯聊高铁: 长治, 邯郸, 聊城), and what may
#: stand before such a name.
LINE_SUFFIXES = frozenset({"高铁"})
LINE_OPENERS = frozenset("、，,。；：“的和及")
LINE_PREPOSITIONS = frozenset("为在将把对向从与经")
LINE_NOT_IN = frozenset("等各")
#: Suffixes of a state's missions abroad: after 驻 and the host, the state named before 驻
#: opens the name (中国驻埃及大使馆).
MISSION_SUFFIXES = frozenset({"大使馆", "使馆", "总领事馆", "领事馆"})


#: What a word ending in 党 names when it is a kind of party or a gang, not a party's
#: name (执政党, 反对党, 地下党, 黑手党, 飞车党): the part before 党.
PARTY_KINDS = frozenset(
    ["执政", "反对", "在野", "地下", "多数", "少数", "参政", "革命", "太子", "光头", "飞车", "黄牛", "背包",
     "暗杀", "秘书", "反叛", "黑手", "国共两", "朝野两", "各政", "第一大", "申请入", "清除出", "领导全", "献给", "忠于",
     "从严治", "共产"]
)
#: First characters of a word for some party or parties (该党, 各党, 两党, 我党), not a name.
_PARTY_NOT_OPENING = frozenset("各该本我全两多一几每此其友敌残乱匪贼逆")


def party_name(word: str, dictionary_tag: str) -> bool:
    """True when ``word``, a word of the dictionary tagged as a noun or name, is a party's
    name (保守党, 新芬党, 工人党), which the tagger files as a common noun and so no body
    rule takes; not a kind of party (执政党, 反对党) nor 共产党 (the short form of a party
    the lexicon names in full, 中国共产党; 越南共产党 and 古巴共产党 are whole words).

    >>> [w for w in ("保守党", "新芬党", "执政党", "该党", "共产党", "工党") if party_name(w, "n")]
    ['保守党', '新芬党']
    """
    return (
        len(word) >= 3
        and word.endswith("党")
        and dictionary_tag in ("n", "nz", "nr", "nt")
        and word[0] not in _PARTY_NOT_OPENING
        and word[:-1] not in PARTY_KINDS
    )
#: Units of a project's size that its name states (雄安500千伏输变电工程, 黄骅港30万吨原油码头工程),
#: unlike a count or an amount before it (5447户危房重建工程).
SPEC_UNITS = ("千伏", "万伏", "千瓦", "万千瓦", "兆瓦", "吨", "万吨")
#: Verbs whose complement 好 (well) the segmenter cuts off (开 | 好, 用 | 好): 好 then ends
#: the name of the meeting or platform after it on the left.
VERBS_BEFORE_HAO = frozenset("开用办抓做管建搞实")
#: Abbreviations that open the name of a national or party body (政协第十三届全国委员会): a
#: person's name before one is no word of the body's.
BODY_OPENINGS = frozenset({"政协", "全国政协", "中共", "全国人大", "人大", "国务院"})
#: Words of kinds of company, which name none (外资, 国营, 股份制 …).
KIND_WORDS = frozenset(["外国", "外资", "合资", "独资", "国营", "国有", "民营", "私营", "跨国", "著名", "知名", "大型", "中型", "小型", "中小", "金融", "商业", "股份制", "政策性", "城市", "地方", "银行",
                        # whose capital (中资银行, 法资银行), where it trades (离岸公司, 主板公司)
                        "中资", "美资", "日资", "韩资", "港资", "台资", "澳资", "法资", "德资", "英资", "欧资", "侨资", "离岸", "主板", "上市"])

#: A count or a determiner opening a company's body: 10余家银行, 30多家发电企业, 一些银行支行, 各大拍卖公司.
COUNT_HEAD = re.compile(r"(?:[\d０-９]+[余多]?家|[多几数两三]家|一些|许多|不少|各大|这些|那些|各|大|小)")


def kind_of_company(body: str, industry_words: frozenset[str]) -> bool:
    """True when a company's body is a count (10余家, 一些, 各大) or ends with a rank
    (第三大, 最大), or is made of words of trades (``industry_words``, from
    lexicon/industry_words.txt) or kinds (外资, 国营, 股份制) only: a kind of company."""
    if RANKED.search(body):
        return True  # 美国第三大 | 银行, 世界最大 | 公司: a rank among companies, no name
    m = COUNT_HEAD.match(body)
    rest = body[m.end() :] if m else body
    # can rest be cut into such words? (reach[k]: rest[:k] can)
    reach = [True] + [False] * len(rest)
    for k in range(1, len(rest) + 1):
        reach[k] = any(reach[k - n] and (rest[k - n : k] in industry_words or rest[k - n : k] in KIND_WORDS) for n in range(1, min(k, 4) + 1))
    return reach[-1] and (bool(m) or bool(rest))


#: Nouns of a kind of firm or body set before a name in apposition (美国军工企业 | 洛克希德-马丁公司,
#: 芯片巨头 | 英伟达公司, 米兰标志性建筑 | 裕信银行): the name starts after them. (Not 中央银行:
#: the tagger keeps 英格兰银行 whole, and the country before it then opens a longer name.)
APPOSITIVE_KINDS = frozenset(
    {"企业", "军工企业", "公司", "跨国公司", "巨头", "运营商", "制造商", "供应商", "开发商", "厂商", "服务商",
     "建筑", "机构", "监管机构", "评级机构", "咨询机构", "调查机构"}
)

#: Ends of common nouns that say what kind of company the name after them is (龙头企业).
KIND_ENDS = ("企业", "银行", "公司", "集团")

#: Kinds of venue that 国家 alone names (国家会展中心, 国家大剧院, 国家体育馆): the nation's own.
#: The nation's own teams, named by 国家 and the team (国家男篮, 国家女排).
NATIONAL_TEAMS = frozenset({"男篮", "女篮", "男排", "女排", "男足", "女足"})
NATIONAL_VENUES = frozenset({"会展中心", "会议中心", "大剧院", "剧院", "博物馆", "美术馆", "体育馆", "体育场", "图书馆", "展览馆", "游泳中心"})
#: A rank at the end of a company's body (美国第三大银行): what kind, not which company.
RANKED = re.compile(r"(?:第[一二三四五六七八九十\d]+|最)大$")
#: Suffixes that are verbs as often, as a word of their own after who does it (赵国霖组织数十名专家).
VERB_SUFFIX_WORDS = frozenset({"组织"})
#: The N biggest of a kind (十大交响乐团, 四大银行), which the tagger files as an abbreviation.
RANKED_COUNT = re.compile(r"[一二三四五六七八九十百两几]+大")
#: Verbs that take a platform or a meeting as their object (利用中国-东盟博览会), but are part
#: of a name after the noun they pair with (文物保护利用片区).
LEAD_VERBS = frozenset({"利用", "借助于", "依靠"})
#: Prepositions before a name, which the segmenter glues to its first characters (从凯 |
#: 雷姆沙洛姆口岸, 对亚速 | 钢铁厂, 据菲 | 农业部, 就亚速 | 钢铁厂) or leaves alone, and 称 ("says",
#: 称伊 | 境内极端组织); not 经 and 由, which open words and names too often (经开区, 经二纬二路,
#: 由园升谷). A glued word the dictionary knows stays (称多县).
LEADING_PREPOSITIONS = frozenset("从对为在向到往除据就称")
#: First characters of a verb the segmenter glued out of a demonstrative or an adverb and the
#: word after it (这是, 也是, 曾到, 需向), which is no word of a name.
GLUED_VERB_OPENINGS = frozenset("这那也就都还正即又便却曾已需须均皆仍亦")
#: Last characters of a word the segmenter glued out of a name's last character and the
#: verb "to reach" after it (冬奥村到, 火车站至): the end of a route's first place, no word
#: of the name after it.
GLUED_VERB_ENDINGS = frozenset("到至")

#: Sizes and levels that open a kind of thing after 和, not a word of one body's name
#: (5G网络和大型数据中心, 中央和省级组织); beside the kinds before a company's name (KIND_WORDS).
SIZES_AND_LEVELS = frozenset(["大型", "中型", "小型", "微型", "新型", "大中型", "中小型", "超大型", "省级", "市级", "县级", "国家级"])
