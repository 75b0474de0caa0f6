"""People's names (kg.extract.persons): names the segmenter cut, bylines, hard negatives."""

import pytest
from helpers import entities, forms


def test_title_is_not_part_of_the_name():
    found = forms("习近平总书记在山西考察。习近平强调，要坚持改革。")
    assert "习近平" in found
    assert not any("总书记" in f for fs in found.values() for f in fs)


@pytest.mark.parametrize(
    "text, name",
    [
        ("影评人认为，郭子健在新作中表现更为成熟。", "郭子健"),  # 健 glued to 在
        ("而翁振杰作为人大常委被列入小组。", "翁振杰"),  # 杰 glued to 作(为)
        ("本报讯（记者商为智 实习生陈文波）前晚，一男子在柜员机存款。", "陈文波"),  # a role word between byline names
        ("喜剧类影帝方面，西摩尔·霍夫曼的底气就越足。", "西摩尔·霍夫曼"),
    ],
)
def test_names_the_segmenter_cut(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("一名工作人员向记者解释了坏账委外催收的原因。", "解释了"),  # the reporter is spoken to: no byline
        ("本报讯（记者商为智 实习生陈文波）前晚，一男子在柜员机存款。", "习生"),
        ("王刚在会上发言。", "王刚在"),  # a two-character name before 在 stays two characters
    ],
)
def test_rejects_cut_name_errors(text, name):
    assert name not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("外资银行和商业银行都在增加。", "外资银行"),  # kinds of bank, not names
        ("外资银行和商业银行都在增加。", "商业银行"),
        ("由小型催账公司负责。", "小型催账公司"),
        ("国有商业银行的改革正在推进。", "国有商业银行"),
        ("推荐人须熟悉申请人的能力。", "申请人"),  # words the dictionary files as names
        ("东亚银行推出白金卡。", "白金卡"),
        ("业内专家向晨报表示，持卡人不受影响。", "向晨报"),  # a preposition before a noun
        ("“十一”黄金周期间，民众出游。", "黄金周"),
        ("管委会主任潘小进说，高新区发展很快。", "高新区"),  # the dictionary files districts as names
    ],
)
def test_rejects_kinds_and_words_read_as_names(text, name):
    assert name not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        # a surname the segmenter cut off, between a title and a boundary
        ("副市长任清华出席开工仪式。", "任清华"),
        ("当天，省长叶建春在南宁会见了客商。", "叶建春"),
        ("区委副书记段小龙参加调研。", "段小龙"),
        ("常务副县长张和平、副县长李明出席。", "张和平"),
        ("副主任蒋建平研究员说，产量稳定。", "蒋建平"),
        # a list of names: a member the tagger split or did not tag
        ("出席的有王愚、叶和平、吕轶、王向阳、简光秀。", "叶和平"),
        ("出席的有王愚、叶和平、吕轶、王向阳、简光秀。", "吕轶"),
        ("出席的有王愚、叶和平、吕轶、王向阳、简光秀。", "王向阳"),
        # a given name ending in 和, judged by the predicate after it
        ("梁元和主持召开常务会议。", "梁元和"),
        ("大学校长包信和讲话。", "包信和"),
        # transliterations kept whole after a title
        ("乌兹别克斯坦总统米尔济约耶夫出席会议。", "米尔济约耶夫"),
        ("白俄罗斯总统卢卡申科、蒙古国总统额勒贝格道尔吉出席。", "卢卡申科"),
        ("白俄罗斯总统卢卡申科、蒙古国总统额勒贝格道尔吉出席。", "额勒贝格道尔吉"),
        ("边区州长捷格加廖夫和州长奥尔洛夫举行会谈。", "捷格加廖夫"),
        ("第一副总理阿斯卡尔・马明，以及其他嘉宾。", "阿斯卡尔・马明"),
    ],
)
def test_person_boundaries_in_the_frame_of_a_name(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("梁元和李明出席。", "梁元和"),  # 和 joins two people
        ("李明和出席会议的嘉宾合影。", "李明和"),  # 和 before a clause about others
        ("副市长华源作主旨发言。", "华源作"),  # 作 is the verb of 作发言
        ("省委书记林武来到济宁市。", "林武来"),  # 来到 is one verb
        ("书记向群众讲话。", "向群众"),  # a preposition before a noun, not a surname
        ("主任对记者说，效果明显。", "对记者"),
        ("市长王也表示支持。", "王也"),  # an adverb, not a given name
        ("总经理尉言说，下一步扩产。", "尉言说"),
        ("推进蔡家崖、孟门、车赶等集运站改造。", "孟门"),  # a list of places, not of names
        ("了解针状焦和碳基新材料生产。", "焦和碳"),  # two nouns joined by 和
        ("杭温两地领导出席。", "杭温"),  # two place abbreviations
        ("宣布沙伊双方同意恢复外交关系。", "沙伊"),
        ("扬州经开区在中南高科项目现场举行仪式。", "高科"),  # a trade name after its place
        ("此行除晋见副总统萧美琴外，还将拜会各界。", "晋见副"),  # 副 opens the title
        ("外长阿尤布·汗说，会谈顺利。", "阿尤布·汗说"),
        ("中国名将王楠以3比0获胜。", "王楠以"),  # 以 opens the score, no given name ends so
        ("编辑室副主任严平认为，出版社要改革。", "严平认"),  # 认为 is a reporting verb, not 认 + 为
    ],
)
def test_words_around_a_name_that_are_no_part_of_it(text, name):
    assert (name, "Person") not in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("英国外交大臣库克今天发表声明。", "库克"),
        ("美国参议员约翰·格伦将重返太空。", "约翰·格伦"),
        ("泰国国王普密蓬出席仪式。", "普密蓬"),
        ("主帅米卢对比赛结果表示满意。", "米卢"),
        ("中国名将王楠以3比0获胜。", "王楠"),
    ],
)
def test_names_after_titles_of_ministers_royalty_and_sport(text, name):
    assert (name, "Person") in entities(text)


def test_title_words_inside_names_make_no_person():
    # 皇后 opens a road's name; 元首 and 理事 stay out of the title list, so the meeting's
    # name runs over 元首理事会
    assert not any(t == "Person" for _n, t in entities("皇后大道上人来人往。"))
    found = entities("上海合作组织成员国元首理事会第十七次会议在阿斯塔纳举行。")
    assert ("上海合作组织成员国元首理事会第十七次会议", "Event") in found
    assert not any(t == "Person" for _n, t in found)


@pytest.mark.parametrize(
    "text, name",
    [
        ("本报巴黎5月25日电记者刘正学、果永毅报道：法中委员会举行年会。", "果永毅"),
        ("对此，阴衍江有自己的看法。", "阴衍江"),
        ("本报厦门五月三十日电记者郅振璞报道：科技馆开馆。", "郅振璞"),
        ("中宣部副部长、中央广播电视总台台长慎海雄共同启动活动。", "慎海雄"),
        ("市委副书记亓延军主持会议。", "亓延军"),
    ],
)
def test_names_with_less_common_surnames(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text",
    [
        "美国队技压群芳，以4战皆捷积8分的成绩名列榜首。",  # 战 is left out of the surnames
        "中山市举行2023年中国农民丰收节活动。",  # and so is 丰
    ],
)
def test_common_characters_are_no_surnames(text):
    assert not any(t == "Person" for _n, t in entities(text))


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # the word after a two-character name is a common one: its first character is no
        # third character of the name
        ("见习排长冯强见到此事，立即报警。", "冯强", "冯强见"),
        ("原告杨芳由于治伤，家里欠了债。", "杨芳", "杨芳由"),
        ("青年画家赵奇很有建树。", "赵奇", "赵奇很"),
    ],
)
def test_common_word_after_a_name_keeps_its_first_character(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found
    assert wrong not in found


@pytest.mark.parametrize(
    "text, name",
    [
        # names the dictionary files as people's, whose given names it also lists a few
        # times as nouns (居易, 政道)
        ("正如白居易所描绘的那样，人心难测。", "白居易"),
        ("会后，李政道请大会主席讲话。", "李政道"),
    ],
)
def test_dictionary_names_with_rare_given_name_words(text, name):
    assert (name, "Person") in entities(text)


def test_surname_before_an_ordinary_word_is_still_no_name():
    found = {n for n, _t in entities("明天有雷阵雨，气温下降。")}
    assert "雷阵雨" not in found


def test_a_given_name_ending_in_guo_the_dictionary_files():
    assert ("王志国", "Person") in entities("他们威逼她的丈夫王志国签字画押。")
    assert not any(t == "Person" for _n, t in entities("春秋时期诸侯国林立。"))


def test_a_news_site_is_no_person():
    # 荆楚网: a surname character before a site's name; 网 ends no given name
    assert not any(t == "Person" for _n, t in entities("荆楚网讯 22日，黄石大冶举行签约仪式。"))


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("某银行的资深理财顾问姜先生表示，利率将会下调。", "姜先生"),  # a surname and a form of address
        ("丹顶鹤、大天鹅、白鹳、苍鹰、白鹭等珍禽在此越冬。", "白鹭"),
        ("傣族的孔雀舞、瑶族的盘王节，孩子们都会跳。", "盘王节"),
        ("辅导员为她系上安全带。", "安全带"),
    ],
)
def test_forms_of_address_and_things_are_no_names(text, wrong):
    assert (wrong, "Person") not in entities(text)


def test_a_translator_s_name_before_yi():
    # 李松 + 梅译: 译 (translated by) is glued to the name's last character
    assert ("李松梅", "Person") in entities("詹姆斯·莱德菲尔德著，李松梅译，昆仑出版社出版。")


@pytest.mark.parametrize(
    "text, name, glued",
    [
        ("习近平主席同卢拉总统达成重要共识。", "卢拉", "同卢拉"),  # a preposition the segmenter glued on
        ("韩正转达习近平主席对佐科总统的亲切问候。", "佐科", "对佐科"),
        ("在人民大会堂为斯图布举行欢迎仪式。", "斯图布", "为斯图布"),
        ("习近平向普京总统致以诚挚问候。", "普京", "向普京"),  # 向 is a surname: a known name only
    ],
)
def test_a_preposition_glued_to_a_name_is_no_part_of_it(text, name, glued):
    found = entities(text)
    assert (name, "Person") in found and (glued, "Person") not in found


def test_surnames_that_are_prepositions_stay_in_names():
    # 向 and 于 open real names; only a well-known name after them is read without them
    assert ("向巧", "Person") in entities("副总经理向巧出席会议。")
    assert ("于伟国", "Person") in entities("于伟国表示，要加快发展。")


def test_with_glued_after_a_name_before_whom_it_introduces():
    # 王毅同 | 美国: the tagger glued 同 (with) to the name; before a place, body or name it
    # is the preposition, while a given name may end in 同 (王大同) elsewhere
    found = entities("外交部长王毅同美国国务卿布林肯通电话。")
    assert ("王毅", "Person") in found and ("王毅同", "Person") not in found


@pytest.mark.parametrize(
    "text, name",
    [("从剑桥大学取得博士学位的马丁一行4人来到北戴河。", "马丁"), ("副部长会见了美国助理国防部长帮办希尔一行。", "希尔")],
)
def test_a_name_before_yixing_is_a_visitor(text, name):
    # X一行 (X and the party with X): the name needs no title or reporting verb
    assert (name, "Person") in entities(text)


def test_yixing_after_no_name_gives_no_person():
    assert not any(t == "Person" for _n, t in entities("考察团一行来到村里参观。"))


@pytest.mark.parametrize(
    "text, place, person",
    [
        ("加利福尼亚州文图拉县6日燃起林火。", "文图拉县", "文图拉"),  # 文图拉 | 县
        ("在阿拉木图州和江布尔州的反恐行动中。", "江布尔州", "江布尔"),
        ("一架小型飞机在富勒顿市发生坠机事故。", "富勒顿市", "富勒顿"),
    ],
)
def test_a_foreign_name_before_a_division_word_is_a_town(text, place, person):
    found = entities(text)
    assert (place, "Place") in found and (person, "Person") not in found


def test_a_chinese_name_before_a_division_word_is_no_town():
    # 小明 is no transliteration: the person stays, no 王小明市
    found = entities("王小明市民服务中心负责人说。") | entities("王小明市")
    assert not any(n.startswith("王小明") and t == "Place" for n, t in found)


def test_a_name_whose_last_character_the_segmenter_glued_to_shou_of_a_mandate():
    # 刘国 | 洪受 | 国务院委托: 洪受 is no word, so 洪 ends the name
    found = entities("会议听取了自然资源部副部长刘国洪受国务院委托作的报告。")
    assert ("刘国洪", "Person") in found and ("刘国", "Person") not in found
    # 难受 is a word: 李明 | 难受 keeps the name as it is
    assert ("李明", "Person") in entities("李明难受极了。")


@pytest.mark.parametrize("text", ["巴方称，空袭造成多人死亡。", "马方愿同中方加强合作。"])
def test_a_side_in_talks_and_its_predicate_is_no_person(text):
    # 巴方称/nr: the tagger glues the side (巴方) and its verb into a three-character "name"
    assert not any(t == "Person" for _n, t in entities(text))


def test_fang_inside_a_given_name_stays():
    assert ("李方明", "Person") in entities("记者李方明说，工程进展顺利。")


@pytest.mark.parametrize(
    "text, word",
    [
        ("可以享受25项人社服务事项。", "项人社"),  # a count's measure word opens the word
        ("出台了18项纾困政策。", "项纾困"),
        ("开创了影响深远的京剧梅派、麒派艺术。", "梅派"),  # a school of opera
    ],
)
def test_words_that_open_with_a_surname_are_no_names(text, word):
    assert (word, "Person") not in entities(text)


def test_a_surname_that_is_a_measure_word_still_opens_a_name():
    assert ("项俊波", "Person") in entities("市长项俊波出席会议。")


@pytest.mark.parametrize(
    "text, word",
    [
        ("美国堪萨斯州遭遇龙卷风，近百建筑被毁。", "龙卷风"),  # the dictionary files it as a name
        ("国务院新闻办公室今天发布白皮书，介绍有关情况。", "白皮书"),
        ("打造安全、温馨、舒适的运动员之家。", "温馨"),  # a 、 alone cues no name
        ("干部一定要知敬畏、存戒惧、守底线。", "敬畏"),
        ("引发强降雨、洪水、山体滑坡等灾害。", "洪水"),  # two such words cue no each other
        ("引发强降雨、洪水、山体滑坡等灾害。", "强降雨"),
    ],
)
def test_common_words_the_dictionary_files_as_names_need_a_cue(text, word):
    assert (word, "Person") not in entities(text)


@pytest.mark.parametrize(
    "text, names",
    [
        ("李强、汪洋出席会议。", {"李强", "汪洋"}),  # a list of names cues each of them
        ("栗战书、汪洋、王沪宁出席会议。", {"栗战书", "汪洋", "王沪宁"}),
        ("据鲁宾和雷诺介绍，工程进展顺利。", {"鲁宾", "雷诺"}),
        ("欧阳修的文章流传千年。", {"欧阳修"}),  # a compound surname is no word before a name
    ],
)
def test_lists_of_names_still_cue_their_names(text, names):
    found = {n for n, t in entities(text) if t == "Person"}
    assert names <= found


@pytest.mark.parametrize(
    "text, name",
    [
        ("谈起将来，黄小目说，过两年再看。", "黄小目"),  # 黄/a: a surname the tagger read as a word
        ("顾昂然说，近年来情况有所好转。", "顾昂然"),
        ("蔡奇、李鸿忠、何卫东、何立峰等出席。", "何卫东"),  # 何/r in a list of names
        ("副委员长丁仲礼、郝明金、蔡达峰、武维华，秘书长杨振武出席会议。", "武维华"),
        ("加上此前朱大庆、张雯静分别在视障组夺冠。", "朱大庆"),  # a given name that is a city's
        ("大众汽车集团董事长兼首席执行官贝瑞德、比亚迪公司董事长王传福出席。", "贝瑞德"),
    ],
)
def test_a_surname_token_of_any_tag_opens_a_cued_name(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("多年来北约一直表示会敞开大门。", "来北约"),  # a verb, then a known body
        ("青海省原副省长文国栋、原中船重工董事长胡问鸣等人被查。", "原中船"),
        ("习近平仔细观看，并向参训运动员、教练员表示慰问。", "向参训"),  # a preposition
    ],
)
def test_a_surname_character_before_a_place_or_body_opens_no_name(text, word):
    assert (word, "Person") not in entities(text)


@pytest.mark.parametrize(
    "text, name, glued",
    [
        ("每册单价78元，嘱王涛购10册以上。", "王涛", "嘱王涛"),  # 嘱王涛/nr: a verb glued before
        ("采访结束时，记者问拉埃是否喜爱现在的工作。", "拉埃", "问拉埃"),
        ("老汉因为周冲民带人催款时说了一句气话。", "周冲民", "周冲民带"),  # 带 glued after
        ("男双是钟腾福/李万华和陈金和。", "陈金和", "陈金"),  # 和 before a stop joins nothing
    ],
)
def test_a_verb_glued_to_a_name_is_no_part_of_it(text, name, glued):
    found = entities(text)
    assert (name, "Person") in found and (glued, "Person") not in found


@pytest.mark.parametrize("text", ["据乌媒称，多地响起防空警报。", "巴媒称，以军空袭了加沙地带。"])
def test_a_country_s_media_and_their_verb_are_no_person(text):
    assert not any(t == "Person" for _n, t in entities(text))


@pytest.mark.parametrize(
    "text, word",
    [
        ("西安自强路街道向荣社区居住着2000多户居民。", "向荣"),  # a kind of place after the name
        ("在容东片区尚德花园小区，韩正察看了展板。", "尚德"),
        ("从上海张江科学城到北京怀柔科学城。", "张江"),  # a place runs into the name
        ("黄河古贤水利枢纽建设进一步提速。", "古贤"),
    ],
)
def test_a_name_the_tagger_found_before_a_site_word_or_after_a_place_is_a_site(text, word):
    assert (word, "Person") not in entities(text)


def test_a_name_the_tagger_found_with_no_site_around_stays():
    assert ("谢兴昌", "Person") in entities("这是一个受游客青睐的美丽小镇。谢兴昌今年67岁。")


def test_zhang_after_a_demonstrative_is_a_measure_word():
    assert ("张林票", "Person") not in entities("他用这张林票向当地金融机构申请了贷款。")
    assert ("张林", "Person") in entities("市长张林出席会议。")


@pytest.mark.parametrize(
    "text, name",
    [
        ("去年，李国庆还搭建了规范化的暖棚。", "李国庆"),  # 李/nr 国庆/t 还/d: the clause's subject
        ("谈起四年搏击商海的感受，邹春雨欣慰地说，市场经济锻炼人。", "邹春雨"),
        ("栗战书主持召开委员长会议", "栗战书"),  # a headline opening with the name
    ],
)
def test_a_split_name_opening_its_clause_before_its_verb_is_read(text, name):
    assert (name, "Person") in entities(text)


def test_lian_before_dou_is_even_not_a_surname():
    assert not any(t == "Person" for _n, t in entities("如输，连出线都成问题。"))


@pytest.mark.parametrize(
    "text, name",
    [
        ("乡里让王登龙买化肥。", "王登龙"),  # after a verb, before one
        ("这一年，蒋天才有了新的打算。", "蒋天才"),  # 天才 is a common word: the frame makes the name
        ("我们要学习蒋新松的精神。", "蒋新松"),
        ("服刑人员李文艺、李为民写来感谢信。", "李文艺"),  # after a noun for a role, before a list's 、
    ],
)
def test_a_surname_tagged_as_a_name_and_a_common_word_where_a_person_stands(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("预计需要2周时间恢复通信。", "周时间"),  # a count before
        ("乌军方称击落一架无人机。", "乌军方"),  # a country's short form
        ("这是城市的“金名片”。", "金名片"),  # in quotes
        ("请王大娘坐下。", "王大娘"),  # a form of address
        ("黄河进入凌汛期后，", "凌汛期"),  # a time word
        ("叩问澳门－－－贺澳门回归进入倒计时", "贺澳门"),  # a place
        ("为二十二冶集团在唐发展给予支持。", "唐发展"),  # a city's short form after 在
    ],
)
def test_a_surname_tagged_as_a_name_before_words_that_are_no_given_name(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("老挝国家主席通伦表示，两国友谊深厚。", "通伦"),  # no surname the checks know
        ("西藏人民出版社社长旺久在会上说。", "旺久"),
        ("俄罗斯国防部副部长福明表示，", "福明"),
    ],
)
def test_a_word_the_dictionary_lacks_between_a_title_and_the_end_of_the_phrase_is_a_name(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("要建好用好代表家站、基层立法联系点。", "家站"),  # a role noun modifying a noun
        ("经过专家测产，每亩达488斤。", "测产"),  # a nominal verb
        ("匈牙利总理称美欧在乌克兰危机中投入巨资。", "称美欧"),  # the reporting verb glued on
    ],
)
def test_words_after_a_title_that_are_no_name(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize("text, wrong", [("胡老说，当画画疲倦时就到院里去看看。", "胡老"), ("出版社安排吕老去怀柔休息几天。", "吕老去")])
def test_an_elder_named_by_the_surname_and_lao_is_no_name(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("李涛（北科大）、吴桂花（女，新疆）、冯尚喜（解放军）、高文旭（山西）", "冯尚喜"),  # 冯尚 + 喜/v （
        ("阿斯塔纳位置图（阎月凡／编绘新华社发）", "阎月凡"),  # 阎月 + 凡/d ／
    ],
)
def test_a_names_last_character_the_tagger_cut_off_before_the_mark_ending_its_item(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, name",
    [("副委员长王光英会见了墨菲市长一行。", "墨菲"), ("特别是藤森总统执政以来，两国关系发展迅速。", "藤森")],
)
def test_a_name_no_check_reads_right_before_its_title(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("中国单板滑雪运动员苏翊鸣获得金牌。", "滑雪"),  # a kind of athlete
        ("摩纳哥元首阿尔贝二世亲王到访。", "二世"),  # a regnal number
        ("谈调查研究问题，说汉生同志发扬井冈山作风。", "说汉生"),  # a verb glued on
        ("塔科马市最近开始对莱克伍德县法官展开调查。", "伍德县"),  # a county's officer
    ],
)
def test_words_before_a_title_that_are_no_name(text, wrong):
    assert wrong not in {n for n, _t in entities(text)}


@pytest.mark.parametrize("text", ["制造业PMI降至48.9，跌破50的荣枯线。", "秘鲁出土的印加人金面具同三星堆的黄金面具相似。"])
def test_words_of_the_stop_list_are_no_persons(text):
    assert not any(t == "Person" for _n, t in entities(text))


def test_a_surname_like_character_before_the_clause_s_verb_is_no_name():
    # 执行主席 | 席 | 就座: 席 is a surname, but 就座 is the verb of the clause
    found = entities("杨振武在主席台执行主席席就座。")
    assert not any(n.startswith("席") for n, _t in found)
    # hard negative: a given name that is a verb's word, in a list of officials
    assert ("李发展", "Person") in entities("市长王建设，副市长李发展出席。")


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a two-character name the tagger found, then one character that ends no given name
        # (a breed, a line's section, a shrine): a thing, and no shorter name either
        ("当地聚焦莱阳梨、大花生、白羽鸡等特色农产品。", ("白羽鸡", "白羽")),
        ("南珠高铁南玉段等一批新线投用。", ("南玉段", "南玉")),
        ("三苏祠：古祠风韵 文脉源长", ("古祠",)),
        # a modal verb the tagger's HMM glued to the name
        ("瞬息万变的海流之中，韩超要寻找到机械手。", ("韩超要",)),
    ],
)
def test_things_and_glued_modals_after_a_tagged_name(text, wrong):
    assert not any(n in wrong for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, name",
    [
        # a name the tagger reads, then an official's act: the act cues the name as a reporting verb does
        ("李强出席二十国集团领导人第十九次峰会。", "李强"),
        ("李强考察当地企业。", "李强"),
    ],
)
def test_an_officials_act_after_a_tagged_name_cues_it(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, not_a_name",
    [
        # 来 (a surname too) before a place or a pronoun, then the act: the one who came is named elsewhere
        ("习近平总书记来这里考察。", "来这里"),
        ("韩正副主席来印尼出席就职仪式。", "来印尼"),
    ],
)
def test_an_officials_act_cues_no_name_the_tagger_does_not_read(text, not_a_name):
    assert (not_a_name, "Person") not in entities(text)
