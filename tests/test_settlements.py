"""Villages and towns whose names the segmenter cuts (kg.extract.settlements)."""

import pytest
from helpers import extract, tools

from kg.extract.candidates import Candidate


def places(text: str) -> list[str]:
    """The surfaces of the Place mentions of ``text``, in text order."""
    return [m.text for m in extract(text).mentions if m.type == "Place"]


@pytest.mark.parametrize(
    "text, name",
    [
        # the suffix glued to the word after it, after a town or a county
        ("习近平来到四川省成都市郫都区唐昌镇战旗村考察。", "战旗村"),
        ("江苏连云港东海县兴西村的村民们开始了一天的劳作。", "兴西村"),
        # the name cut in the middle, after a province or a city
        ("电影以湖南十八洞村脱贫故事为原型。", "十八洞村"),
        ("内蒙古赤峰市小庙子村党总支书记发言。", "小庙子村"),
        # a city's short form with its division character after it
        ("在乌蒙山腹地的贵州黔西市化屋村，新年贺词让苗家儿女倍感振奋。", "化屋村"),
        # the last character and the suffix are a word (山村): the name before them still is one
        ("在广西全州县毛竹山村，村民种起了葡萄。", "毛竹山村"),
        # one word the dictionary does not know, tagged as a noun
        ("救援官兵在长所乡营救被困群众。", "长所乡"),
        ("嘎拉村的幸福生活。", "嘎拉村"),
        ("他决定到下叔村看一看。", "下叔村"),
        # a city's street office or community, after its district
        ("在上海市普陀区万里街道，为方便居民接种。", "万里街道"),
        ("在安宁区枣林西社区党群服务中心，他视察了综合服务平台。", "枣林西社区"),
    ],
)
def test_settlement_found(text, name):
    assert name in places(text)


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("湖南贫困村、示范村都有了新变化。", "贫困村"),
        ("山西偏远山村通了公路。", "偏远山村"),
        ("海南黎族村寨迎来游客。", "黎族村"),
        ("是依靠葡萄产业富裕起来的小山村。", "小山村"),
        ("江苏两个村庄入选名单。", "两个村"),
        ("壮大新型农村集体经济。", "新型农村"),
        ("推动湖南美丽乡村建设。", "美丽乡"),
        # a bound character before the word may open the name (从冬 | 残奥村)
        ("从竞赛场馆到颁奖广场，从冬残奥村到媒体中心。", "残奥村"),
        # an adverb and a verb before the word the suffix opens (乡武装部长)
        ("年转业到大连，旋即回乡，先干乡武装部长，再去林场。", "先干乡"),
        # a verb before a kind of place, and kinds of community
        ("在常德看老城街道修复利用。", "看老城街道"),
        ("深入北京市城乡社区和老旧社区。", "城乡社区"),
        # a word of the verb (预开村: to open the village early), an idiom
        ("三村将同步在23日预开村。", "预开村"),
    ],
)
def test_no_settlement(text, not_a_place):
    assert not_a_place not in places(text)


def test_found_name_is_a_place_wherever_written():
    text = "战旗村的新变化\n习近平来到唐昌镇战旗村考察。战旗村是乡村振兴示范村。"
    assert places(text).count("战旗村") == 3


def test_after_places_reads_from_the_place_end():
    reader = tools().entities.settlements
    text = "江苏连云港东海县兴西村的村民们"
    county = Candidate(5, 8, "Place", "gazetteer", 2, "cn:320722")
    assert [(c.start, c.end, c.rule) for c in reader.after_places(text, [county])] == [(8, 11, "settlement")]
    # a company's place opens no settlement (the rule of the place is not one of divisions)
    assert reader.after_places(text, [Candidate(5, 8, "Place", "nested-place", 0)]) == []
