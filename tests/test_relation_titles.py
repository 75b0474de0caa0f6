"""The title engine: holds_position from BODY TITLE PERSON, chains and lists of titles,
sub-units, and bare titles that point to a place of their level."""

import pytest
from helpers import entities, relations


@pytest.mark.parametrize(
    "text, triple",
    [
        # a title between body and name, chains, shared titles, places
        ("晋中市委书记常书铭主持会议。", ("常书铭", "holds_position", "晋中市委")),
        ("全国人大代表、山西省委书记唐登杰出席。", ("唐登杰", "holds_position", "全国人大")),
        ("全国人大代表、山西省委书记唐登杰出席。", ("唐登杰", "holds_position", "山西省委")),
        ("新华社记者谢希瑶、郑钧天报道。", ("郑钧天", "holds_position", "新华社")),
        ("土耳其总统埃尔多安表示欢迎。", ("埃尔多安", "holds_position", "土耳其")),
        ("中国人民银行行长潘功胜表示，将继续实施稳健的货币政策。", ("潘功胜", "holds_position", "中国人民银行")),
        ("山西省发改委项目推进中心主任赵江燕说，项目进展顺利。", ("赵江燕", "holds_position", "山西省发改委")),  # a sub-unit
        ("福建宁德市委副书记、市长潘国强表示欢迎。", ("潘国强", "holds_position", "宁德市")),  # a mayor: the place too
        ("山西新元煤炭有限责任公司建成5G矿井。新元公司 5G+智能化矿井建设办公室主任冀杰说。", ("冀杰", "holds_position", "山西新元煤炭有限责任公司")),
        ("他说：“好。”山西省工业和信息化厅厅长潘海燕说。", ("潘海燕", "holds_position", "山西省工业和信息化厅")),
        # a bare title takes the place of its level named before it in the sentence
        ("省委常委、太原市委书记韦韬，市委副书记、市长张新伟出席签约仪式。", ("张新伟", "holds_position", "太原市")),
        ("大同市委书记卢东亮，市人大常委会主任刘建勇，市政协主席王宏出席活动。", ("王宏", "holds_position", "大同市")),
        ("湖北省委书记王忠林，省委副书记、省长李殿勋在武汉会见客人。", ("李殿勋", "holds_position", "湖北省")),
        ("江西省委书记尹弘、省长叶建春在南昌会见了客人。", ("叶建春", "holds_position", "江西省")),  # after 、
        # a title with no body or level after a titled name is held in that name's body
        ("中联办主任王志民、副主任陈冬出席活动。", ("陈冬", "holds_position", "中联办")),
        ("商务部部长王文涛、副部长盛秋平出席。", ("盛秋平", "holds_position", "商务部")),
        # short forms of a body and of a country (the forms Hong Kong's and Taiwan's papers use)
        ("中联办主任郑雁雄及港澳办副主任王灵桂出席。", ("王灵桂", "holds_position", "港澳办")),
        ("团长马绍尔常任代表席克大使感谢邀约。", ("席克", "holds_position", "马绍尔")),
        # a later title of a chain held in a bare body that stands for one named before
        ("大冶市委副书记、黄石大冶湖高新区党工委书记、管委会主任潘小进说。", ("潘小进", "holds_position", "大冶市委")),
        ("大冶市委副书记、黄石大冶湖高新区党工委书记、管委会主任潘小进说。", ("潘小进", "holds_position", "黄石大冶湖高新区党工委")),
        # … or after it, when none stands before (not where the person goes)
        ("受省委书记王忠林委托，省长李殿勋率湖北省代表团前往广东省考察。", ("王忠林", "holds_position", "湖北省")),
        ("省委书记、省人大常委会主任王忠林强调，全面落实习近平总书记视察湖北时的重要讲话。", ("王忠林", "holds_position", "湖北")),
        # a title sharing the body's last character
        ("国防部长董军会见来访客人。", ("董军", "holds_position", "国防部")),
        ("中共中央政治局委员、外交部长王毅出席。", ("王毅", "holds_position", "中共中央政治局")),
        # envoys and founders
        ("微软公司联合创始人比尔·盖茨发表演讲。", ("比尔·盖茨", "holds_position", "微软公司")),
        # the democratic parties and people's bodies of the lexicon, in a chain
        ("中国侨联副主席、民盟中央副主席程红出席。", ("程红", "holds_position", "中国侨联")),
        ("中国侨联副主席、民盟中央副主席程红出席。", ("程红", "holds_position", "民盟中央")),
        ("致公党中央副主席郑守仪获奖。", ("郑守仪", "holds_position", "致公党中央")),
        ("全国工商联副主席安立佳出席。", ("安立佳", "holds_position", "全国工商联")),
    ],
)
def test_position_found(text, triple):
    assert triple in relations(text)


@pytest.mark.parametrize(
    "text, triple",
    [
        # a bare title with no place of its level in the sentence names no body
        ("市委书记韦韬主持会议。", ("韦韬", "holds_position", "山西省")),
        ("省委书记尹弘、省长叶建春在南昌会见了客人。", ("叶建春", "holds_position", "南昌")),  # no province named
        ("省长李殿勋说，武汉市发展很快。", ("李殿勋", "holds_position", "武汉市")),  # a city is not a province
        ("市长张新伟在北京会见客人。", ("张新伟", "holds_position", "北京")),  # where he is, not his city
        ("太原市政府副秘书长王强出席。", ("王强", "holds_position", "太原市")),  # titles after a name, not a mark
        # bare bodies are not entities: 市人大常委会主任 holds no post in 人大常委会
        ("大同市委书记卢东亮，市人大常委会主任刘建勇出席。", ("刘建勇", "holds_position", "人大常委会")),
        ("市委常委、统战部部长高峰出席。", ("高峰", "holds_position", "统战部")),
        # a government's mayor holds the post in the government named, not in the place too
        ("太原市人民政府副市长王强致辞。", ("王强", "holds_position", "太原市")),
        # a company's sub-unit after a place: the post is not in the place
        ("山西裕容能源低碳云中心总经理尉言说。", ("尉言", "holds_position", "山西")),
        # a title with no named body gives no holds_position
        ("市委书记常书铭主持会议。", ("常书铭", "holds_position", "市委")),
        # a title of a level after a titled name points to its place, not to the body before
        ("山西省委书记李明、省长王强出席会议。", ("王强", "holds_position", "山西省委")),
    ],
)
def test_position_not_found(text, triple):
    assert triple not in relations(text)


def test_bare_bodies_are_not_entities():
    found = entities("大同市委书记卢东亮，市人大常委会主任刘建勇，市政协主席王宏出席。市委常委、统战部部长高峰讲话。")
    names = {n for n, _ in found}
    assert not names & {"人大常委会", "政协", "统战部"}
    assert ("刘建勇", "Person") in found
    # a body with its place is a name
    assert ("山西省人大常委会", "Organization") in entities("山西省人大常委会主任王某出席。山西省人大常委会召开会议。")


@pytest.mark.parametrize(
    "text, triple, expected",
    [
        # the post held, 的, then the name: 担任/时任 … 的 PERSON
        ("1985年，担任河北正定县委书记的习近平，带领考察团访问美国。", ("习近平", "holds_position", "正定县委"), True),
        ("时任晋中市委书记的王晓东主持会议。", ("王晓东", "holds_position", "晋中市委"), True),
        # without a verb of holding a post, 书记的 is no title of the name after it
        ("晋中市委书记的讲话，王晓东认真学习。", ("王晓东", "holds_position", "晋中市委"), False),
        # a rotating chair; a chain of titles gives each body
        (
            "时任非洲联盟轮值主席、津巴布韦总统穆加贝激动地说。",
            ("穆加贝", "holds_position", "非洲联盟"),
            True,
        ),
    ],
)
def test_titles_after_holding_verbs_and_prefixes(text, triple, expected):
    assert (triple in relations(text)) is expected


def test_a_title_is_not_shared_across_a_clause():
    # 巴赫 is named again in the next clause, with 习近平: no list under his title
    found = relations("介绍国际奥委会主席巴赫，习近平和巴赫起身向大家挥手致意。")
    assert ("巴赫", "holds_position", "国际奥委会") in found
    assert not any(h == "习近平" and r == "holds_position" for h, r, _t in found)
    # a list under one title still shares it
    assert ("郑钧天", "holds_position", "新华社") in relations("新华社记者谢希瑶、郑钧天报道。")


def test_a_minister_of_state_holds_the_post_in_the_ministry_before_the_rank():
    # 高级政务部长 (senior minister of state) is a rank, not a body 高级政务部 with 长
    found = relations("新加坡贸工部高级政务部长许宝琨出席活动。")
    assert ("许宝琨", "holds_position", "新加坡贸工部") in found


def test_appointments_in_a_list_each_take_their_own_post():
    found = relations("会议经表决，任命李玉妹为全国人大华侨委员会副主任委员，李纪恒为全国人大农业与农村委员会副主任委员。")
    assert ("李玉妹", "holds_position", "全国人大华侨委员会") in found
    assert ("李纪恒", "holds_position", "全国人大农业与农村委员会") in found
    assert ("李纪恒", "holds_position", "全国人大华侨委员会") not in found


def test_the_appointment_verbs_are_read_between_mentions_not_indexed():
    # 为 and 任 occur at every turn of a text: the trigger index of the other engines
    # holds no word of the appointed rule that no other rule has
    from helpers import tools

    finder = tools().relations
    appointed = next(r for r in finder.rules if r.engine == "appointed")
    others = {t for r in finder.rules if r.engine != "appointed" for t in r.triggers}
    assert "为" in appointed.triggers and "为" not in others
    assert set(finder._words) == {t for t in others if t}


def test_a_place_visited_is_not_the_place_of_a_bare_title():
    # 访港: 香港 is where the governor goes (DESTINATION_MARKS), not the place of 省长
    found = relations("会议期间，省长王晓东率团访港，拜会了特区政府。")
    assert ("王晓东", "visited", "香港特别行政区") in found
    assert not any(r == "holds_position" for _h, r, _t in found)


@pytest.mark.parametrize(
    "text, person, party",
    [
        ("老挝人民革命党中央总书记、国家主席通伦表示。", "通伦", "老挝人民革命党"),
        ("越南共产党中央总书记苏林会见了他。", "苏林", "越南共产党"),
    ],
)
def test_a_partys_central_committee_before_the_leaders_title_gives_the_post_in_the_party(text, person, party):
    assert (person, "holds_position", party) in relations(text)
