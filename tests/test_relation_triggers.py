"""The trigger engine (HEAD … TRIGGER … TAIL, 在 TAIL TRIGGER): visits, attendance,
proposals, programmes (the pair engine's own cases are in test_relation_pairs)."""

import pytest
from helpers import relations


@pytest.mark.parametrize(
    "text, triple",
    [
        # located_in by 位于 and by a host place
        ("宁德时代新能源科技股份有限公司位于福建省宁德市。", ("宁德时代新能源科技股份有限公司", "located_in", "宁德市")),
        ("今年以来，山西密集举办光伏产业链协同发展推进会、智能制造推进大会。", ("智能制造推进大会", "located_in", "山西")),
        # visited
        ("习近平总书记在山西考察调研。", ("习近平", "visited", "山西")),
        ("江苏省委书记信长星来到苏州工业园区考察。", ("信长星", "visited", "苏州工业园区")),
        ("正在希腊访问的习近平主席走进雅典卫城博物馆。", ("习近平", "visited", "希腊")),
        ("法国总统马克龙访华期间，两国签署文件。", ("马克龙", "visited", "中国")),
        # visits: the guest of 对X一行来Y, a list of places before 进行…访问, 前往/亲临/察看
        ("刘宁对张国清一行来南宁考察表示欢迎。", ("张国清", "visited", "南宁")),
        ("王忠林率团对越南和老挝进行友好访问。", ("王忠林", "visited", "老挝")),
        ("河南省委书记楼阳生率河南省代表团前往浙江省考察学习。", ("楼阳生", "visited", "浙江省")),
        ("王忠林现场察看宜昌港作业情况。", ("王忠林", "visited", "宜昌港")),
        # the guest whose coming to China the 的-clause tells (来华…并进行…访问的, 来华访问的)
        ("李强在京会见来华出席中非合作论坛北京峰会并进行国事访问的南非总统拉马福萨。", ("拉马福萨", "visited", "中国")),
        ("习近平同来华访问的阿迪昂总统举行会谈。", ("阿迪昂", "visited", "中国")),
        # one's own invitation with a long title of the inviter: no host (应…邀请赴…)
        (
            "习近平乘专机离开北京，应秘鲁共和国总统博鲁阿尔特邀请，赴利马出席亚太经合组织第三十一次领导人非正式会议并对秘鲁进行国事访问。",
            ("习近平", "visited", "秘鲁"),
        ),
        # attended: trigger, a list of names, a bare 座谈会 resolved to the named one
        ("习近平出席二十国集团领导人峰会。", ("习近平", "attended", "二十国集团领导人峰会")),
        ("李强、丁薛祥出席新时代推动西部大开发座谈会。", ("李强", "attended", "新时代推动西部大开发座谈会")),
        (
            "新时代推动西部大开发座谈会在重庆召开。李强、丁薛祥出席座谈会。",
            ("丁薛祥", "attended", "新时代推动西部大开发座谈会"),
        ),
        # a list of titled names runs over a bare body left after its place (湛江市 | 政府副秘书长)
        (
            "湛江市委常委、常务副市长黄明忠,湛江市政府副秘书长张国强,吴川市市委书记庞晓冬等出席第五届中欧城市合作论坛。",
            ("黄明忠", "attended", "第五届中欧城市合作论坛"),
        ),
        # what is said after 表示，has its own subject
        (
            "中山市人民政府副市长刘云梅表示，今年以来，中山贯彻落实“百县千镇万村高质量发展工程”。",
            ("中山市", "participates_in", "百县千镇万村高质量发展工程"),
        ),
        # proposed
        ("2021年，习近平提出全球发展倡议。", ("习近平", "proposed", "全球发展倡议")),
        # participates_in, also through 我省
        ("山西积极融入“一带一路”建设。", ("山西", "participates_in", "一带一路")),
        ("山西是能源大省。我省积极融入“一带一路”建设。", ("山西", "participates_in", "一带一路")),
        # the topic after a clause of time, not a name inside it
        ("党中央作出部署5年来，西部地区生态环境明显改善，如期打赢脱贫攻坚战。", ("西部地区", "participates_in", "脱贫攻坚战")),
        # cooperates_with (symmetric: stored sorted)
        ("山西国际能源集团与榆社县人民政府签约，共建光伏电站。", ("山西国际能源集团", "cooperates_with", "榆社县人民政府")),
        ("吕梁市与天津市南开区已签署战略合作协议。", ("吕梁市", "cooperates_with", "南开区")),  # the innermost place
        # met
        ("国家主席习近平在人民大会堂会见美国总统拜登。", ("习近平", "met", "拜登")),
        ("习近平同俄罗斯总统普京举行会谈。", ("习近平", "met", "普京")),
        # greeted on arrival: X抵达…时，Y…迎接
        ("国务院总理李强抵达明斯克。李强抵达时，戈洛夫琴科在下车处迎接。", ("戈洛夫琴科", "met", "李强")),
        # a list with 和夫人 shares the trigger; X的…Y: the tail is the head of the phrase
        ("习近平主席和夫人彭丽媛接待当年马斯卡廷的房东德沃切克夫妇一家。", ("习近平", "met", "德沃切克")),
    ],
)
def test_relation_found(text, triple):
    found = relations(text)
    h, r, t = triple
    if r in ("cooperates_with", "met"):
        assert (h, r, t) in found or (t, r, h) in found
    else:
        assert triple in found


@pytest.mark.parametrize(
    "text, triple",
    [
        # a call or a wish states no fact
        ("希望山西积极融入“一带一路”建设。", ("山西", "participates_in", "一带一路")),
        # the visit belongs to the person described by the 的-clause, not to the subject
        ("国家主席习近平在人民大会堂会见来华进行国事访问的法国总统马克龙。", ("习近平", "visited", "法国")),
        # the host of 对X一行来Y does not visit Y
        ("刘宁对张国清一行来南宁考察表示欢迎。", ("刘宁", "visited", "南宁")),
        ("刘宁对客人一行来南宁考察表示欢迎。", ("刘宁", "visited", "南宁")),  # the guest is not named
        # who welcomes or hosts a delegation does not visit
        ("林文今天午宴欢迎访台团成员。", ("林文", "visited", "台湾省")),
        # a place in a later clause is not the place of the visit
        ("沈明对代表团到访表示欢迎，感谢各界给予湖南的支持。", ("沈明", "visited", "湖南")),
        # the speaker's body is not the subject of what is said after 表示，
        (
            "中山市人民政府副市长刘云梅表示，今年以来，中山贯彻落实“百县千镇万村高质量发展工程”。",
            ("中山市人民政府", "participates_in", "百县千镇万村高质量发展工程"),
        ),
        # the host of a guest who came to attend or visit neither attends nor visits by it
        (
            "习近平在北京人民大会堂同来华出席中非合作论坛北京峰会并进行国事访问的塞内加尔总统法耶举行会谈。",
            ("习近平", "attended", "中非合作论坛北京峰会"),
        ),
        ("习近平在北京人民大会堂会见来华访问的马来西亚总理安瓦尔。", ("习近平", "visited", "中国")),
        ("党中央作出部署5年来，西部地区生态环境明显改善，如期打赢脱贫攻坚战。", ("党中央", "participates_in", "脱贫攻坚战")),
        ("肯中建交60多年来，双方始终真诚合作，祝贺中方成功主办中非合作论坛北京峰会。", ("中非合作论坛北京峰会", "located_in", "肯尼亚")),
        # a headline's next half, after a space, is another statement
        (
            "中国同俄罗斯建交。许勤率团对俄罗斯进行工作访问 深化中俄新时代全面战略协作伙伴关系 加快构筑我国向北开放新高地",
            ("许勤", "visited", "中国"),
        ),
        (
            "赵乐际主持召开十四届全国人大常委会第三十五次委员长会议 决定十四届全国人大常委会第十三次会议12月21日至25日在京举行",
            ("赵乐际", "attended", "十四届全国人大常委会第十三次会议"),
        ),
        # the inviter is no visitor
        (
            "习近平乘专机离开北京，应秘鲁共和国总统博鲁阿尔特邀请，赴利马出席亚太经合组织第三十一次领导人非正式会议并对秘鲁进行国事访问。",
            ("博鲁阿尔特", "visited", "秘鲁"),
        ),
    ],
)
def test_relation_not_found(text, triple):
    assert triple not in relations(text)



# attended through a bare event word: the article names the event once, then says 出席会议,
# …等出席活动, 出席开幕大会, 在开幕式上; the verb is shared by a list of titled names
@pytest.mark.parametrize(
    "text, triples",
    [
        (  # 出席会议 is one token; 会议 stands for a named 论坛
            "第五届中欧城市合作论坛在成都开幕。市长王志刚、副市长李明出席会议。",
            [("王志刚", "attended", "第五届中欧城市合作论坛"), ("李明", "attended", "第五届中欧城市合作论坛")],
        ),
        (  # 活动 stands for any named event when it is what is attended
            "2024中部投资贸易博览会在南昌开幕。省委书记张伟、省长刘强等出席活动。",
            [("张伟", "attended", "2024中部投资贸易博览会"), ("刘强", "attended", "2024中部投资贸易博览会")],
        ),
        (  # the opening of an exhibition is the exhibition
            "第九届中国西部国际博览会在成都举行。国务院副总理王强出席开幕大会并致辞。",
            [("王强", "attended", "第九届中国西部国际博览会")],
        ),
        ("第六届世界智能大会在天津开幕。市长张工在开幕式上致辞。", [("张工", "attended", "第六届世界智能大会")]),
        ("全省民营经济发展推进会在太原召开。副省长李明主持会议。", [("李明", "attended", "民营经济发展推进会")]),
        (  # bare bodies before the titles of a list (市政协主席) do not break it
            "全省民营经济发展推进会在太原召开。市委书记张伟，市人大常委会主任刘强、市政协主席陈明出席会议。",
            [("张伟", "attended", "民营经济发展推进会"), ("陈明", "attended", "民营经济发展推进会")],
        ),
        (  # 会议 after a second meeting is that meeting
            "全省民营经济发展推进会在太原召开。全省安全生产工作会议在大同召开。副省长李明出席会议。",
            [("李明", "attended", "安全生产工作会议")],
        ),
        (  # the guests described by 出席…的 attend, not the one who meets them
            "国家主席习近平会见来华出席第三届中国国际进口博览会的法国总统马克龙。",
            [("马克龙", "attended", "第三届中国国际进口博览会")],
        ),
    ],
)
def test_attended_through_an_event_word(text, triples):
    found = relations(text)
    for triple in triples:
        assert triple in found


@pytest.mark.parametrize(
    "text, triple",
    [
        # an event word with no named event in the article gives nothing
        ("市长王志刚出席会议并讲话。副市长李明出席签约仪式。", None),
        # 参加工作 (began working) and 参加会见 are no attendance of the named event
        ("第五届中欧城市合作论坛在成都开幕。王志刚1985年参加工作。", None),
        ("第五届中欧城市合作论坛在成都开幕。市长王志刚参加会见。", None),
        # a modified meeting word names a meeting of its own (召开专题会议)
        ("全省民营经济发展推进会在太原召开。次日，副省长李明主持召开专题会议。", None),
        # 会议 is no exhibition; 开展招商活动 is no attendance
        ("2024中部投资贸易博览会在南昌开幕。副市长李明主持会议。", None),
        ("2024中部投资贸易博览会在南昌开幕。省长刘强强调，要开展招商活动。", None),
        # the nearer meeting, not the first one named
        (
            "全省民营经济发展推进会在太原召开。全省安全生产工作会议在大同召开。副省长李明出席会议。",
            ("李明", "attended", "民营经济发展推进会"),
        ),
        # the partners described by 与出席…的 attend, not the subject who meets them
        (
            "2023世界制造业大会开幕前，省委书记韩俊与出席大会的大会主办单位负责人座谈。",
            ("韩俊", "attended", "2023世界制造业大会"),
        ),
        # the host who meets the guests of an event does not attend it by that sentence
        ("国家主席习近平会见来华出席第三届中国国际进口博览会的法国总统马克龙。", ("习近平", "attended", "第三届中国国际进口博览会")),
    ],
)
def test_attended_not_through_an_event_word(text, triple):
    found = relations(text)
    if triple is None:
        assert not [r for r in found if r[1] == "attended"]
    else:
        assert triple not in found



def _sym(found, a, r, b):
    return (a, r, b) in found or (b, r, a) in found


@pytest.mark.parametrize(
    "text, triple, expected",
    [
        # 学习贯彻…视察X重要讲话: the visit named by its speech is a fact, the call is about the speech
        ("市长胡衡华强调，要学习贯彻习近平总书记视察重庆重要讲话精神。", ("习近平", "visited", "重庆"), True),
        ("市长胡衡华强调，要学习贯彻习近平总书记视察重庆期间重要指示精神。", ("习近平", "visited", "重庆"), True),
        # without the speech the call still cancels the visit
        ("赵志刚要求各级干部到临汾市调研。", ("赵志刚", "visited", "临汾市"), False),
        # a word inside a name is no verb: 倡议 of “一带一路”倡议 proposes nothing after it
        ("平遥县支持“一带一路”倡议，参与西部陆海新通道建设。", ("平遥县", "proposed", "西部陆海新通道"), False),
        # the body right before 提出 is who proposed, not the sentence's first place
        ("马来西亚非常支持中国提出的全球发展倡议。", ("中国", "proposed", "全球发展倡议"), True),
        ("马来西亚非常支持中国提出的全球发展倡议。", ("马来西亚", "proposed", "全球发展倡议"), False),
        # a person opening the clause is its subject: the place after it takes part in nothing
        ("习近平主席亲临黑龙江省视察，主持召开座谈会，推动东北全面振兴。", ("黑龙江省", "participates_in", "东北全面振兴"), False),
        ("习近平主席亲临黑龙江省视察，主持召开第三届东北振兴座谈会。", ("第三届东北振兴座谈会", "located_in", "黑龙江省"), False),
        # a person inside what the clause says is not its subject
        ("当前，浙江正深入学习习近平总书记考察浙江重要讲话精神，深入实施“八八战略”。", ("浙江", "participates_in", "八八战略"), True),
        # a body named as the source of a decision or a report does not carry the programme out
        ("国有企业贯彻党中央决策部署，推动共建“一带一路”。", ("中共中央", "participates_in", "一带一路"), False),
        ("央视网消息：广西高水平共建西部陆海新通道。", ("广西", "participates_in", "西部陆海新通道"), True),
        ("央视网消息：广西高水平共建西部陆海新通道。", ("央视网", "participates_in", "西部陆海新通道"), False),
        # 以X同志为核心的Y: the core of a body is not the subject
        ("以习近平同志为核心的党中央团结带领全党，胜利召开党的十九届六中全会。", ("习近平", "attended", "党的十九届六中全会"), False),
        # who invites is not who visits; 应…邀请 is the visitor's own invitation
        ("拉索表示，感谢习近平主席邀请我访华。", ("习近平", "visited", "中国"), False),
        ("习近平应普京总统邀请对俄罗斯进行国事访问。", ("普京", "visited", "俄罗斯"), False),
        ("习近平应普京总统邀请对俄罗斯进行国事访问。", ("习近平", "visited", "俄罗斯"), True),
        # 位于X的Y: Y lies in X, and Y is what is visited
        ("赵志刚来到位于平遥县的山西华晋纺织有限公司。", ("赵志刚", "visited", "山西华晋纺织有限公司"), True),
        ("赵志刚来到位于平遥县的山西华晋纺织有限公司。", ("赵志刚", "visited", "平遥县"), False),
        ("苏联红军解放了位于波兰的奥斯维辛集中营。", ("苏联红军", "located_in", "波兰"), False),
        # what follows 提出， is what is said, not the proposal
        ("国家发展改革委提出，今年要加快推进“十四五”规划纲要确定的重大工程。", ("国家发展改革委", "proposed", "十四五规划"), False),
        # the names after 向 are addressed, not partners
        ("俄罗斯已向美国和北约提议签署条约。", ("美国", "cooperates_with", "北约"), False),
        # the body of a titled speaker is not the subject of what the speakers do
        (
            "座谈会上，国家发展改革委主任郑栅洁、重庆市委书记袁家军先后发言，就推动西部大开发提出意见建议。",
            ("国家发展改革委", "participates_in", "西部大开发"),
            False,
        ),
        # a name after another verb is that verb's object, not the place visited
        ("习近平总书记亲临浙江考察并出席杭州亚运会开幕式。", ("习近平", "visited", "杭州"), False),
        ("习近平总书记亲临浙江考察并出席杭州亚运会开幕式。", ("习近平", "visited", "浙江"), True),
        # a willingness is a wish
        ("马来西亚表示，愿意积极参与西部陆海新通道建设。", ("马来西亚", "participates_in", "西部陆海新通道"), False),
        # A携手B: the partner right before the verb
        ("中央广播电视总台已连续五年携手商务部开展消费季活动。", ("中央广播电视总台", "cooperates_with", "商务部"), True),
    ],
)
def test_subjects_calls_and_names(text, triple, expected):
    found = relations(text)
    h, r, t = triple
    assert (_sym(found, h, r, t) if r in ("cooperates_with", "met") else triple in found) is expected


def test_both_parties_stand_for_the_one_pair_of_partners():
    # 双方 as the subject of a programme's verb: each partner of the document's one
    # cooperation takes part; not with no cooperation, nor under a call (要)
    signed = "成都市与宜宾市签署合作协议。"
    found = relations(signed + "双方将深入贯彻落实乡村振兴战略。")
    assert {("成都市", "participates_in", "乡村振兴战略"), ("宜宾市", "participates_in", "乡村振兴战略")} <= found
    assert not any(r[1] == "participates_in" for r in relations(signed + "双方要深入贯彻落实乡村振兴战略。"))
    assert not relations("成都市代表团访问宜宾市。双方将深入贯彻落实乡村振兴战略。")
    two_pairs = "成都市与宜宾市签署合作协议。泸州市与自贡市签署合作协议。双方将深入贯彻落实乡村振兴战略。"
    assert not any(r[1] == "participates_in" for r in relations(two_pairs))


def test_both_parties_go_on_into_a_clause_with_no_subject():
    # 双方将…，共同推进…: the later clause has no subject of its own, 双方 is still it; a clause
    # that names its own subject, or a call in the earlier clause, keeps the partners out
    signed = "成都市与宜宾市签署合作协议。"
    found = relations(signed + "双方将立足优势互补，共同推进乡村振兴战略。")
    assert {("成都市", "participates_in", "乡村振兴战略"), ("宜宾市", "participates_in", "乡村振兴战略")} <= found
    found = relations(signed + "双方将立足优势互补，泸州市深入实施乡村振兴战略。")
    assert ("成都市", "participates_in", "乡村振兴战略") not in found
    found = relations(signed + "双方要立足优势互补，共同推进乡村振兴战略。")
    assert not any(r[1] == "participates_in" for r in found)


def test_a_body_before_its_officers_title_is_no_subject():
    # 联大主席将出席…: the president attends, not the assembly; a named officer stays the subject
    assert not any(r[1] == "attended" for r in relations("联大主席将出席北京冬奥会。"))
    assert ("王晓东", "attended", "第三届文化旅游博览会") in relations("山西省文化和旅游厅厅长王晓东出席第三届文化旅游博览会。")


def test_the_city_after_its_province_acts_and_paired_countries_stay_apart():
    # the gazetteer puts 唐山 in 河北: the city acts; 中 and 越 side by side are two countries,
    # the first of which stays the subject of its own programme
    found = relations("河北唐山启动“万名干部下基层”工作机制。")
    assert ("唐山", "participates_in", "万名干部下基层") in found
    assert ("河北", "participates_in", "万名干部下基层") not in found
    found = relations("中越两党都坚持以人民为中心，推动两国改革开放和革新事业不断取得新成就。")
    assert ("中国", "participates_in", "改革开放") in found
    assert ("越南", "participates_in", "改革开放") not in found


def test_a_photographers_credit_is_no_person_subject():
    # 左乙辰摄 opens the line before the outlet's byline: a credit, not the one who acts
    line = (
        "左乙辰摄 荆楚网(湖北日报网)讯(通讯员刘元金祝强)22日,黄石大冶湖高新技术产业开发区举行签约仪式,"
        "由上海国鼎建设工程发展集团有限公司投资26亿元的湖北智慧光电产业园项目,正式落户大冶湖高新区。"
    )
    assert ("上海国鼎建设工程发展集团有限公司", "participates_in", "湖北智慧光电产业园项目") in relations(line)
