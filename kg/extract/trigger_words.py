"""The vocabulary of the trigger engine (:mod:`kg.extract.relation_triggers`): the words and
patterns around a trigger that say who visits, attends or takes part, and what stops a
name from being the subject (a decision's source, a wish, a host, a past occasion)."""

from __future__ import annotations

import re

from kg.read.sentences import CLAUSE_MARKS

#: The occasion a clause opening the sentence names, closed by its comma: 出席喀山峰会期间，
#: 在对秘鲁进行国事访问之际，在考察宁波舟山港时，: the one who attends or visits is the
#: subject of the clause after it (国家主席习近平…), with a clause of time alone between
#: (…之际，当地时间10月22日，习近平…).
OCCASION_AFTER = re.compile(r"(?:期间|之际|时)[，,](?:[\s\d年月日号至到－\-—上下午晚早间当地时]*[，,])?")
#: Before the trigger of such an occasion, in its clause: nothing but 在, a time or 并.
OCCASION_LEAD = re.compile(r"[\s\d年月日号至到－\-—上下午晚早间当地时]*在?")
#: Between a visited place and the trigger after it: nothing, or 进行 and the kind of
#: visit (对俄罗斯进行工作访问); 等地 closing a list of places (在重庆、四川等地考察).
VISIT_GAP = re.compile(r"(?:等地)?(?:(?:成功|顺利|再次|首次)?进行(?:了)?(?:工作|正式|国事|友好|专题|实地)?|实地|专题)?")
#: What stands right before the place of a visit: 在山西考察, 对俄罗斯进行访问, 来驻马店考察,
#: 前往浙江省考察, 深入企业调研; the one that ends right before the place (在对秘鲁进行国事访问: 对),
#: or before a quoted epithet of it (在“齐鲁粮仓”山东省考察).
VISIT_PREP = re.compile(r"(?:前往|来到|深入|在|对|到|赴|来)(?:“[^“”，。]{1,10}”)?$")
#: Between the names of X的…Y, where the tail is Y: no clause mark and no list.
NO_PHRASE = re.compile(f"[{CLAUSE_MARKS}、]")
#: What closes 位于X…的 before the name of what lies there (位于三亚的, 位于园区内的).
LIES_IN = re.compile(r"(?:内|境内|中|旁|附近|东部|西部|南部|北部|郊区|市郊|近郊|城区|市区|一带|周边)?的")
#: What follows a meeting whose spirit or speech is studied, not the meeting attended
#: (传达学习省委全会精神, 贯彻…在…大会上的重要讲话精神).
SPIRIT_OF = re.compile(r"(?:上的)?(?:重要)?(?:讲话)?精神")
#: Verbs of other relations: a name after one of them is its object (考察并出席…).
OTHER_VERB = re.compile(r"出席|参加|主持|会见|会晤|召开|举行")
#: What may stand between a body and the title of its officer (中共中央政治局常委, 副主席).
TITLE_OPENERS = ("常务副", "副", "常务", "党组", "原", "前")
#: Words the segmenter's dictionary keeps in one token with a trigger after them
#: (应邀出席, 应邀参加, 亲自参加, 专程前往): the trigger still counts as a word of its own.
TRIGGER_LEADS = ("应邀", "亲自", "专程")
#: The companions of a visit (在省委书记林武和省长蓝佛安陪同下).
ACCOMPANIED_BY = re.compile(r"在[^，。；,;]{1,40}?陪同下")
#: The host of an invitation (应普京总统邀请, 应…的邀请).
INVITED_BY = re.compile(r"应[^，。；、,;]{1,20}?邀请")
#: A pronoun for the one addressed, in what is said (习近平指出，今年4月你访问中国); 他/她
#: often stand for the speaker in reported speech (格伦德贝里表示，他在访问也门期间…).
OTHER_ONE = re.compile(r"(?:你|您)(?:们)?(?!的|们的)")
#: The opening of a clause 在同X会谈时 (the partner follows it).
TALKS_WITH = re.compile(r"\s*(?:在)?(?:同|与)")
#: Being received by someone, right before a verb of meeting: 受到博鲁阿尔特总统热情迎接,
#: 受到…的亲切会见 (group 1: who receives).
RECEIVED_BY = re.compile(r"受到([^，。；,;]{2,20}?)(?:的)?(?:热情|亲切|隆重|热烈)?$")
#: What stands before a place one goes to or is at (来华, 赴俄罗斯, 在北京).
GOING_TO = frozenset("来赴到在访抵往至")
#: An invitation between a name and the verb: the name invites, someone else comes
#: (感谢习近平主席邀请我来华出席北京冬奥会开幕式); not 应…邀请, the guest's own.
INVITER_BEFORE = re.compile(r"(?<!应)邀请(?:我|我们|他|她|他们|各国|各方)")
#: Words of a host between the subject and a visit trigger: the visit is the guests'
#: (感谢习近平主席邀请我访华); not 应…邀请, the visitor's own (应普京总统邀请访问俄罗斯).
HOST_WORDS = re.compile(r"欢迎|宴请|接待|会见|邀请")
#: What may open the gap between two listed names besides marks: 习近平同…总统普京,
#: …外长扎里夫以及联合国秘书长古特雷斯.
LIST_CONJ = re.compile(r"^[\s、，,]*(?:以及|和|及|与|同)")
#: Words of one who receives the attendees of an event: 会见出席峰会的…
GUEST_HOSTS = ("会见", "接见", "看望", "慰问", "欢迎", "宴请", "会晤", "接待")
#: What names the guests again in the clause after a meeting (欢迎他们…, 向其…): that clause is
#: about them, not the host's next act.
GUESTS_AGAIN = re.compile("|".join(GUEST_HOSTS) + "|他|她|其")
#: The same before the guest's coming (会见来华出席…的, 会见了专程前来参加…的), and the 同/与
#: of talks with a guest whose coming is told (同来华出席…并进行国事访问的…总统…举行会谈).
GUEST_HOST_BEFORE = re.compile(
    f"(?:(?:{'|'.join(GUEST_HOSTS)})了?(?:应邀|专程)?(?:来华|来京|前来|到访|来访)?|[同与](?:应邀|专程)?(?:来华|来京|前来|到访|来访))$"
)
#: A guest's visit to China told in the clause describing the guest, closed by 的 before
#: the guest's country, title and name (会见来华出席…峰会并进行正式访问的埃塞俄比亚总理阿比,
#: 会见来华访问的马来西亚总理安瓦尔); group 1 is 华.
GUEST_VISITS_CHINA = re.compile(r"来(华)(?:[^，。；：,;:的]{0,40}?并)?(?:进行)?(?:国事|正式|工作|友好|官方)?访问的")
#: What describes the guest between a verb of meeting and the guest's country, title and
#: name (会见来华出席第二十一届中国—东盟博览会暨…峰会的越南副总理胡德福): read over, so that
#: the guest's distance from the verb is counted from 的.
GUEST_DESCRIBED = re.compile(r"了?(?:应邀|专程)?(?:来华|访华|来京|前来|到访|来访|出席|参加)[^，。；：,;:]{0,60}?的")
#: A gap that lists names (、, 和 …), a bracketed aside, and one mark of a list.
LIST_GAP = re.compile(r"[\s、，,和及与]*")
#: A reporting verb and the mark after it: what follows is what the speaker says.
SPEECH_OPENS = re.compile(r"(?:表示|指出|强调|认为|介绍|说)[，,：:]")
#: What follows a name given as the source of a decision, a call or a report, or as the
#: core of a body, not as the one that acts (党中央决策部署, 央视网消息, 国务院关于…的意见,
#: 以习近平同志为核心的党中央), or as a reporter's source (记者从水利部了解到, 从中国海油获悉,
#: 工业和信息化部今天（1月17日）发布数据显示, 住房和城乡建设部最新数据显示).
NOT_SUBJECT_AFTER = re.compile(
    r"(?:的)?(?:决策部署|决策指示|部署要求|重要指示|指示|批示|要求|精神|号召|坚强领导|领导下|消息|关于|印发)|(?:同志)?为核心"
    r"|(?:了解到|获悉|得知)"
    r"|(?:今天|近日|日前)?(?:（[^）]{1,12}）)?(?:最新)?(?:发布|公布)?(?:的)?(?:最新)?(?:统计)?数据(?:显示|表明)"
)
#: What may precede the subject at a clause's opening: spaces, a date or time.
CLAUSE_LEAD = re.compile(r"[\s\d年月日号至到－\-—上下午晚早间当地时]*")
#: A date or time that opens a clause (9月6日至8日, 当地时间上午).
LEADING_DATE = re.compile(r"^(?:[\s\d年月日号至到－\-—上下午晚早间当地时]*)")
#: What follows a place whose visit is named as a past occasion: 视察重庆重要讲话,
#: 考察云南时的重要指示, 访问俄罗斯期间.
PAST_VISIT = re.compile(r"(?:时(?:的|发表的)?)?重要(?:讲话|指示)|期间")
#: Adverbs that may stand between a subject and its programme verb (新加坡深度参与…,
#: 福建正加快建设…, 中方将继续推进…).
SUBJECT_GAP = re.compile(
    r"(?:将|正|正在|也|还|已|已经|均|都|再|又|继续|持续|不断|积极|深度|深入|全面|加快|加速|大力|进一步|扎实|稳步|率先|共同|一道|主动|全力|着力|坚定|坚持|努力|切实|认真|先后|同步|首次|高质量|全方位|有序|大胆|更好|更加|地)*"
)
#: Verbs whose object does what follows it (支持江西参与…, 推动企业融入…): the object is
#: no subject of a stated act.
GOVERNS = re.compile(r"支持|帮助|推动|鼓励|助力|引导|吸引|欢迎|邀请|带动|希望|要求|促进|让|使|请")
#: Verbs of issuing a document to others, before its title (印发《…》) or after it
#: (《…》正式发布); adopting, signing or implementing one (审议通过, 签署, 落实) is none.
ISSUED = re.compile(r"(?:正式|联合|近日|同步)?(?:印发|发布|出台|公布|下发|颁布|推出|发出)")
#: Verbs after a subject whose object, not the subject, does what follows (中方欢迎沙方加入…,
#: 鼓励企业参与…, 支持福建建设…); 支持并参与, 支持建设…, 支持开展… are the subject's own acts, and
#: so is what 其 (the subject itself) is helped to do (将吕梁市纳入…，支持其设立…，开展…试点).
OTHERS_ACT = re.compile(r"(?:欢迎|邀请|鼓励|吸引|引导|帮助|支持)(?![并和与、，,其]|建设|开展|实施|推进|推动|参与|打造|创建|发展|共建)")
#: After 共建 and a programme: the countries that take part in it (共建“一带一路”国家), a noun
#: phrase and no act of the sentence's subject.
PARTNER_LANDS = re.compile(r"[”\"]?(?:国家|沿线|伙伴国)")
#: A partner's preposition right before a name (加强同粤港澳大湾区联动发展, 推动港口发展同洋浦
#: 经济开发区…相得益彰): the name is what another works with, no subject of the clause.
WITH_PARTNER = ("同", "与")
#: What may stand between a co-party and the 同/与 before its partner (塔方最早同中方签署,
#: 中华人民共和国政府与秘鲁共和国政府, 中国人民银行会同公安部, 沙方愿同中方…): then both act
#: (or, after 愿, both wish, and the wish blocks the relation).
CO_PARTY_GAP = re.compile(
    r"(?:政府|方面|方|代表)?(?:将|正|也|还|已|已经|均|都|再|又|继续|持续|不断|积极|率先|最早|首先|共同|愿|愿意|决定|拟|会)*$"
)
#: Words for a co-party that the tagger gives no name (我国与埃及…签署, 我们同…).
CO_PARTY_WORDS = ("我国", "我们", "中方", "双方", "我省", "我市")
#: 等 and the kind of what is listed, between a list of names and its verb (中国和巴西等国提出的,
#: 中国、印度等国家倡导): the list is the verb's subject.
LISTED_ETC = re.compile(r"等(?:国|国家|方|地|地区|部门|单位|机构|企业|高校|组织)?")
#: Between a verb of proposing and a programme: a support of the programme is proposed, not
#: the programme (研究提出明年继续支持“两新”工作的总体安排, 提出…服务“一带一路”建设的举措).
PROPOSED_FOR = re.compile(r"支持|助力|服务")
#: 要 right after a verb of proposing (提出要…, 提出，要…): what follows is a requirement.
PROPOSED_CALL = re.compile(r"了?[，,：:]?要")
#: Pronouns and titles that name who acts after a clause of place (在广东佛山，我们看到了…).
SOMEONE_ELSE = re.compile(r"我们|我|他们|他|她|大家|总书记|记者")
#: Verbs whose object, right after them, is no subject of the clauses that follow (推动高水平
#: 大学开展…，…推进…; 隆重庆祝中国共产党成立100周年，…打赢…; 横贯亚欧大陆、沟通两大洋的…).
#: Not 支持: in a policy's list the one supported goes on acting (支持长治市深化…试点，建设…).
OBJECT_OF = re.compile(r"(?:推动|庆祝|纪念|横贯|连接|贯通|连通|通达|通往|途经|流经|谴责|感谢)$")
#: Words that make a programme's slogan of the country's name after them (平安中国, 法治中国,
#: 健康中国建设): that 中国 is no country acting.
SLOGAN_BEFORE = ("平安", "健康", "法治", "美丽", "数字", "网络", "体育", "教育", "文化", "交通", "质量", "智慧", "绿色", "幸福", "书香")
#: Words of a call that govern every clause after them in the sentence (双方要继续…，加紧落实…;
#: 他强调，要…，贯彻…，推进改革开放): what follows is asked for, not done.
CALL_WORDS = ("要", "希望")
#: What closes a clause of time (…作出部署5年来，; 中国加入世贸组织以来，; 访问期间，): a name
#: inside it is no subject of the clauses after it.
TIME_CLAUSE_END = re.compile(r"(?:以来|年来|期间|之际)$")
#: A clause telling an arrival, right before the clause of the greeting (李强抵达时，;
#: 习近平乘专机抵达利马卡亚俄空军基地时，): group 1 is 抵达, after the one who arrives.
ARRIVED_WHEN = re.compile(r"[^，。；,;]{0,30}?(抵达)[^，。；,;]{0,24}?时[，,]$")
#: The space that parts the halves of a headline (许勤率团对俄罗斯进行工作访问 深化中俄… 加快
#: 构筑我国向北开放新高地): what follows is another statement, as after a full stop.
HEADLINE_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
#: Words of going back before the place one goes back to (结束出访回到北京, 中断访问返回约旦河
#: 西岸): home, no place visited.
RETURNS_TO = ("回到", "返回", "返抵", "返回到")
