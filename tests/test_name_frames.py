"""Where a person stands in a sentence (kg.extract.name_frames), on whole sentences."""

import pytest
from helpers import entities, relations


@pytest.mark.parametrize(
    "text, person, body",
    [
        # a surname and the given name's first character that make a place's word, after a
        # title whose 长 the segmenter cut off its body
        ("高雄市长韩国瑜当天表示，将推动地方建设。", "韩国瑜", "高雄市"),
        ("立法院长韩国瑜也出席了会议。", "韩国瑜", "立法院"),
    ],
)
def test_a_name_cut_at_a_place_s_word_after_a_title(text, person, body):
    found = entities(text)
    assert (person, "Person") in found and not any(n == "韩国" for n, _t in found)
    assert (person, "holds_position", body) in relations(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("部长中国队夺冠后接受采访。", "中国队"),  # the place's team after a title
        ("院长韩国来的客人到了。", "韩国"),  # a verb after the place: no given name
        ("校长中国有句古话说得好。", "中国"),
    ],
)
def test_a_place_after_a_title_stays_a_place_when_no_name_is_cut(text, place):
    assert place in {n for n, _t in entities(text)}


@pytest.mark.parametrize(
    "text, person, body",
    [
        # the segmenter glued the title's last character to the name's first into a city
        ("吉尔吉斯斯坦议会议长沙基耶夫会见了代表团。", "沙基耶夫", "吉尔吉斯斯坦议会"),
    ],
)
def test_a_foreign_name_glued_to_a_title_s_last_character(text, person, body):
    found = entities(text)
    assert (person, "Person") in found and ("长沙", "Place") not in found
    assert (person, "holds_position", body) in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        "本次会议长沙市委书记出席。",  # 长沙市: the city, after a meeting
        "副市长沙志刚出席。",  # a Chinese surname 沙 and given name: no transliteration
    ],
)
def test_a_city_after_a_title_s_last_character_stays_without_a_foreign_name(text):
    assert any(n.startswith("长沙") and t in ("Place", "Organization") for n, t in entities(text))


@pytest.mark.parametrize(
    "text, name",
    [
        # a given name that is an ordinary word (为民, 学文, 胜利), where a person stands
        ("服刑人员李文艺、李为民在来信中说：“身处高墙之内。”", "李为民"),
        ("那是1994年，王学文家所在的红庄乡陈沟村。", "王学文"),
        ("院长代表医院向唐胜利及其父亲赠送编织机。", "唐胜利"),
        ("加赛快棋时，许银川仅用4分多钟便轻松取胜。", "许银川"),
    ],
)
def test_a_whole_name_whose_given_name_is_a_word_in_a_person_s_frame(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("山坡上种满了花椒树，一片翠绿。", "花椒树"),  # 花椒 is a word: a thing
        ("龙卷风过后，村民开始重建家园。", "龙卷风"),
        ("乐团演奏了管弦乐，观众起立鼓掌。", "管弦乐"),
        ("如何走向高增值，如何与邻近地区合作。", "高增值"),  # 高: "high", no surname here
        ("华北北部部分地区有阵雨或雷阵雨。", "雷阵雨"),
        ("受强降雨影响，多条道路中断。", "强降雨"),
        ("易消化的食物适合病人。", "易消化"),  # before 的: no frame of a person
    ],
)
def test_things_tagged_as_names_stay_out_of_a_person_s_frame(text, word):
    assert not any(n == word for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("1997年，琼斯重返田径赛场。", "琼斯"),
        ("为此，穆萨敦促以色列政府立即重返谈判。", "穆萨"),
    ],
)
def test_a_two_character_transliteration_opening_its_clause_before_a_verb(text, name):
    assert (name, "Person") in entities(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("多谢大家的支持。", "多谢"),  # frequent in the dictionary: an ordinary word
        ("他们请了保姆照顾老人。", "保姆"),  # not at a clause's start
    ],
)
def test_ordinary_nrt_words_are_no_subjects(text, word):
    assert not any(n == word for n, _t in entities(text))


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a country's short form and 中 (China) before the words of their ties
        ("弗洛伦蒂诺表示，洪中建交具有历史性意义。", "洪中"),
        ("卢卡申科表示，30年间，白中关系不断提升。", "白中"),
        # two transliteration characters a transliteration runs on into: a cut foreign name
        ("马德布利表示，埃方恪守一个中国原则。", "马德"),
    ],
)
def test_pairs_of_countries_and_pieces_of_foreign_names_are_no_people(text, wrong):
    assert (wrong, "Person") not in entities(text)


def test_a_name_ending_in_zhong_stays_a_name_before_other_words():
    assert ("王中", "Person") in entities("记者王中报道。")
