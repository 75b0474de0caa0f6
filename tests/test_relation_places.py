"""The adjacent engine (a place right before a name) and the venue engine (the place of an
event, EVENT上, organisers, the sites of a tour, datelines)."""

import pytest
from helpers import relations


@pytest.mark.parametrize(
    "text, triple",
    [
        # located_in: a place right before a name, 在…举行
        ("寿阳县山西新元煤炭有限责任公司建成智能矿井。", ("山西新元煤炭有限责任公司", "located_in", "寿阳县")),
        ("第三届“一带一路”国际合作高峰论坛在北京举行。", ("第三届一带一路国际合作高峰论坛", "located_in", "北京")),
        ("山西的吕梁革命老区和太行革命老区是精神高地。", ("太行革命老区", "located_in", "山西")),  # A的B和C
        ("在艾奥瓦州马斯卡廷小镇结识朋友。", ("马斯卡廷", "part_of", "艾奥瓦州")),  # a foreign town of a state
        # part_of: administrative nesting the gazetteer confirms
        ("福建宁德市委副书记潘国强表示欢迎。", ("宁德市", "part_of", "福建")),
        ("他在晋中市祁县调研。", ("祁县", "part_of", "晋中市")),
        ("代表团抵达法国巴黎。", ("巴黎", "part_of", "法国")),
        # a village or town whose name the segmenter cut (rule settlement) is a unit of the
        # county or the town before it; a village before another is not (no village holds one)
        ("江苏连云港东海县兴西村的村民们开始了一天的劳作。", ("兴西村", "part_of", "东海县")),
        ("随后，习近平来到汾西县僧念镇段村考察。", ("僧念镇", "part_of", "汾西县")),
        ("救援官兵在长所乡森嘎村营救被困群众。", ("森嘎村", "part_of", "长所乡")),
        # a country right after its continent, region or ocean, or after 国家/岛国 there
        ("拉美哥斯达黎加，习近平来到一个咖啡种植园。", ("哥斯达黎加", "located_in", "拉美")),
        ("推动向太平洋岛国巴布亚新几内亚推广菌草技术。", ("巴布亚新几内亚", "located_in", "太平洋")),
        ("南太平洋岛国汤加火山喷发。", ("汤加", "located_in", "南太平洋")),
        (  # a dateline gives the place of the event its first sentence reports
            "新华社重庆4月23日电 中共中央总书记习近平23日下午主持召开新时代推动西部大开发座谈会。",
            ("新时代推动西部大开发座谈会", "located_in", "重庆"),
        ),
        # attended: EVENT上，PERSON, and an event that opens the sentence
        ("世界经济论坛2017年年会上，习近平发表主旨演讲。", ("习近平", "attended", "世界经济论坛2017年年会")),
        ("2020年第七十五届联合国大会一般性辩论，习近平主席作出承诺。", ("习近平", "attended", "2020年第七十五届联合国大会一般性辩论")),
        ("习近平在十四届全国人大一次会议上发表讲话。", ("习近平", "attended", "十四届全国人大一次会议")),
        # a clause opened by the site of a tour
        ("王忠林来到东风汽车集团有限公司，走进展厅，在武汉钢铁有限公司，听取企业情况介绍。", ("王忠林", "visited", "武汉钢铁有限公司")),
        ("在东风汽车集团有限公司，李殿勋察看新能源汽车生产线。", ("李殿勋", "visited", "东风汽车集团有限公司")),
        # an event and the one held with its opening are both where they are held
        ("第七届中国—亚欧博览会开幕式暨天山论坛在新疆国际会展中心举行。", ("天山论坛", "located_in", "新疆国际会展中心")),
        ("第七届中国—亚欧博览会开幕式暨天山论坛在新疆国际会展中心举行。", ("第七届中国—亚欧博览会", "located_in", "新疆国际会展中心")),
        # 在 a chain of places: the innermost is the venue; a person 在 PLACE 出席 EVENT
        ("第十四届中国—东盟博览会在广西南宁国际会展中心开幕。", ("第十四届中国—东盟博览会", "located_in", "南宁国际会展中心")),
        ("第四届全球智库峰会于6月26日在北京中国大饭店举行。", ("第四届全球智库峰会", "located_in", "中国大饭店")),
        ("国务院总理李强在印度新德里出席二十国集团领导人第十八次峰会。", ("二十国集团领导人第十八次峰会", "located_in", "新德里")),
        # EVENT由[titles]PERSON主持: the chair attends
        ("第四届晋商大会在晋中开幕，大会由全国政协副主席王晓东主持。", ("王晓东", "attended", "第四届晋商大会")),
        # one who 致辞 at the event speaks there (not a letter sent to it)
        ("在第三届文化旅游博览会上，省委书记蔡奇致辞。", ("蔡奇", "attended", "第三届文化旅游博览会")),
    ],
)
def test_relation_found(text, triple):
    assert triple in relations(text)


@pytest.mark.parametrize(
    "text, triple",
    [
        # a place inside a company name is not a located_in
        ("太原重型机械集团有限公司生产轮轴。", ("太原重型机械集团有限公司", "located_in", "太原")),
        # two divisions side by side are a list, not a nesting
        ("山西和河北加强合作。", ("河北", "part_of", "山西")),
        # 在X， frames a tour only with a body or company, not a city
        ("在北京，李强听取汇报。", ("李强", "visited", "北京")),
        # the stretch of a river at a city
        ("这是长江武汉段开展的最大规模中华鲟放流活动。", ("武汉", "located_in", "长江")),
        # two regions side by side are a list
        ("昆明加快建设辐射南亚东南亚的区域性国际中心城市。", ("东南亚", "located_in", "南亚")),
        # a division named after a river is not in the river (the river runs through it)
        ("长江湖北宜昌中华鲟省级自然保护区总长度约80公里。", ("湖北", "located_in", "长江")),
        # a country named further on is not located by a region before 国家; nor is a
        # country by a region of another country (西伯利亚 is Russia's)
        ("北欧国家代表在芬兰出席会议。", ("芬兰", "located_in", "北欧")),
        ("西伯利亚蒙古族牧民迁徙。", ("蒙古", "located_in", "西伯利亚")),
        # the outer place of a chain is not the venue
        ("第十四届中国—东盟博览会在广西南宁国际会展中心开幕。", ("第十四届中国—东盟博览会", "located_in", "广西")),
        # an event of a later clause is not the one held at the place
        (
            "推介会在北京中国美术馆举办，同时，第三届文化旅游博览会也拉开帷幕。",
            ("第三届文化旅游博览会", "located_in", "中国美术馆"),
        ),
        # the sender of a letter read at an event does not attend it
        ("在第三届文化旅游博览会上，宣读了国家主席习近平致大会的贺信。", ("习近平", "attended", "第三届文化旅游博览会")),
        ("在第三届文化旅游博览会上，王东明宣读了习近平的贺信。", ("习近平", "attended", "第三届文化旅游博览会")),
    ],
)
def test_relation_not_found(text, triple):
    assert triple not in relations(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the organisers of an event attend it: 由…主办的, …由A主办，B承办，C协办, A举办
        (
            "由国家发展改革委、江西省人民政府联合主办的第二届中部投资贸易博览会在南昌开幕。",
            {("国家发展改革委", "第二届中部投资贸易博览会"), ("江西省人民政府", "第二届中部投资贸易博览会")},
        ),
        (
            "第五届清华全球能源论坛由清华大学主办，北京市科委承办，中关村管委会协办。",
            {("清华大学", "第五届清华全球能源论坛"), ("北京市科委", "第五届清华全球能源论坛"), ("中关村管委会", "第五届清华全球能源论坛")},
        ),
        ("中国国际经济交流中心举办第四届全球智库峰会。", {("中国国际经济交流中心", "第四届全球智库峰会")}),
        ("清华大学举办的第五届清华全球能源论坛在北京举行。", {("清华大学", "第五届清华全球能源论坛")}),
        # hard negatives: the organiser as a noun, an event named only after the sentence
        ("本次峰会的主办方是清华大学。第五届清华全球能源论坛在北京举行。", set()),
        ("本届论坛由清华大学主办。", set()),
        ("由于清华大学举办活动，第五届清华全球能源论坛延期。", set()),
        # a time, an adverb or the venue after 在 between the organiser and the verb
        ("中国国际经济交流中心今天（4月2日）在北京举办第四届全球智库峰会。", {("中国国际经济交流中心", "第四届全球智库峰会")}),
        ("中国国际经济交流中心也成功举办第四届全球智库峰会。", {("中国国际经济交流中心", "第四届全球智库峰会")}),
        # anything else between them: no organiser
        ("中国国际经济交流中心专家出席在北京举办的第四届全球智库峰会。", set()),
        ("中国国际经济交流中心宣布明年举办第四届全球智库峰会。", set()),
        # a list whose bodies follow the places they belong to, a list closed by 等N部门
        (
            "首届世界古典学大会在北京开幕，由中国社会科学院、希腊文化部、希腊雅典科学院共同主办。",
            {("中国社会科学院", "首届世界古典学大会"), ("希腊文化部", "首届世界古典学大会"), ("雅典科学院", "首届世界古典学大会")},
        ),
        ("中国国际经济交流中心、清华大学等单位共同举办第四届全球智库峰会。", {("中国国际经济交流中心", "第四届全球智库峰会"), ("清华大学", "第四届全球智库峰会")}),
    ],
)
def test_organisers_attend_their_event(text, expected):
    assert {(h, t) for h, r, t in relations(text) if r == "attended"} == expected


def test_a_venue_described_between_zai_and_its_name_hosts_the_event():
    found = relations("首届中国国际进口博览会开幕式在被称为“四叶草”的上海国家会展中心举行。")
    assert ("首届中国国际进口博览会", "located_in", "上海国家会展中心") in found
    # 所在地 holds no 在 of its own, and a description naming another place is no venue's
    text = "为庆祝北京冬奥会的成功举办，位于国际奥委会总部所在地瑞士洛桑的奥林匹克博物馆日前举办特展。"
    assert not any(r[1] == "located_in" and r[0] == "北京冬奥会" for r in relations(text))


@pytest.mark.parametrize(
    ("text", "attendees"),
    [
        # the names of the clause before 在 are there during the event (the reporter is not)
        ("赵志刚说，今年9月，王强同李明在第三届文化旅游博览会期间成功会晤。", {"王强", "李明"}),
        ("在第三届文化旅游博览会期间，王强会见了多位外国嘉宾。", {"王强"}),
        # a plan to be there is no attendance
        ("赵志刚表示，王晓东将在第三届文化旅游博览会期间会见多位外国嘉宾。", set()),
    ],
)
def test_those_there_during_an_event_attend_it(text, attendees):
    found = {h for h, r, t in relations(text) if r == "attended" and t == "第三届文化旅游博览会"}
    assert found == attendees


@pytest.mark.parametrize(
    ("text", "attendees"),
    [
        ("县长王晓东向第三届文化旅游博览会作了《关于推动高质量发展工作情况》的报告。", {"王晓东"}),
        # a letter sent to it, a report one is entrusted to make later
        ("王晓东向第三届文化旅游博览会致贺信，祝愿大会取得圆满成功。", set()),
        ("会议决定，委托王晓东副主任向第三届文化旅游博览会作说明。", set()),
    ],
)
def test_who_reports_to_a_meeting_attends_it(text, attendees):
    found = {h for h, r, t in relations(text) if r == "attended" and t == "第三届文化旅游博览会"}
    assert found == attendees


def test_organisers_listed_across_unnamed_bodies_of_a_level():
    text = "第三届文化旅游博览会由山西省人民政府主办，山西省工商联、省侨联、省台办、太原市商会协办。"
    found = {h for h, r, t in relations(text) if r == "attended"}
    assert {"山西省工商联", "太原市商会", "山西省人民政府"} <= found
    # an item that is no body of a level still ends the list
    text = "第三届文化旅游博览会由山西省人民政府主办，山西省工商联、各大媒体、太原市商会协办。"
    assert "山西省工商联" not in {h for h, r, t in relations(text) if r == "attended"}
