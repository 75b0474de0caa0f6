"""The flat span view's readings (``kg annotate --flat``, :mod:`kg.annotate`): where the
public NER corpora (MSRA, People's Daily 1998, CLUENER2020) mark a name otherwise than the
graph does, the flat spans follow the corpora and the graph is left as it is:

- a company or body written right after a foreign country takes the
  country into its span (美国休斯公司, 英国雷丁大学), as the public corpora annotate it;
- a name read by a suffix rule whose ``span_type`` column names another
  type takes that type (a hotel, a Place in the graph, is an organisation there);
- a place's government (中国政府, 湛江市政府, not a formal 人民政府)
  is its place, a state acting through its government as the public corpora annotate it;
- the person a cup or a prize is named after (尤伯杯, 诺贝尔奖) is a
  person, as the corpora tag it, and so are the one-character founders of the short
  forms 汤杯, 尤杯, 汤尤杯 and 马列主义;
- the person a doctrine is named after (马克思主义, 达尔文主义) is a
  person span, as MSRA and People's Daily annotate it (the graph does not count the
  doctrine as a mention of the person);
- the party's national congress (十五大, 中共十五大; 党的十五大 without
  党的) is an organisation, the congress as the body it is in MSRA and People's Daily;
- a country named as new or former (新中国, 前苏联) is the country's
  name alone, as MSRA and People's Daily annotate it;
- a paper or magazine in title marks after its place (美国《洛杉矶时报》,
  日本《每日新闻》, 美国《科学》杂志) is one ORG span with the place, as MSRA and People's
  Daily annotate it (the graph keeps the outlet located in its place);
- a one-character abbreviation of a place opening a common word
  (京剧, 中医, 中外, 华侨, 港人; 青藏高原 as 青 and 藏) is a place span, as MSRA and
  People's Daily annotate it (TYPES.md: one-character abbreviations are LOC entities there);
- a region written with 地区 (华北地区, 亚太地区) is the region's
  name alone, as MSRA and People's Daily annotate it (the graph keeps 东北地区 whole);
- a region named by its province's abbreviation and a compass point (陕北, 苏南) is the
  province's character, as MSRA and People's Daily annotate it (the graph keeps the region);
- a body of a level named without its place (市委, 县委书记's 县委,
  人大, 国会, 内阁, 筹委会) is an ORG span, as MSRA and People's Daily annotate it (about
  50 times to 6 in their dev sets); the graph reads these as references (GUIDELINES).

A body and the unit named right after it (教育部高校学生司) are read by
:mod:`kg.span_units`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping
from typing import TYPE_CHECKING

from kg.model import Mention, Token

if TYPE_CHECKING:
    from kg.resources import LexEntry, Resources

#: Types a flat span list keeps only where no person, place or body lies inside them.
OUTER_TYPES = frozenset({"Event", "Initiative"})

__all__ = [
    "OUTER_TYPES",
    "abbreviations_in_words",
    "as_span_type",
    "bare_bodies",
    "congresses_as_bodies",
    "country_opens_company",
    "doctrine_founders",
    "governments_as_places",
    "media_with_their_place",
    "prize_founders",
    "provinces_of_regions",
    "regions_without_diqu",
    "split_region_of_two",
    "surnames_of_address",
    "without_new_or_former",
]


def as_span_type(m: Mention, types: dict[str, str]) -> Mention:
    """``m`` with the type flat span output gives it: ``types`` maps a suffix to the type
    of the names its rule reads there (``Resources.span_types``: a hotel, a Place in the
    graph, is an ORG span in the public corpora).

    >>> as_span_type(Mention(0, 6, "北京王府饭店", "Place", 0, "suffix:饭店"), {"饭店": "Enterprise"}).type
    'Enterprise'
    """
    span_type = types.get(m.rule[7:]) if m.rule.startswith("suffix:") else None
    return m._replace(type=span_type) if span_type else m


#: How a government is named after its place (湛江市政府, 安大略省省政府), the whole place
#: name tried first. A 人民政府 keeps its formal name as a body (长治市人民政府 is an ORG
#: span in the public sets too).
GOVERNMENT_ENDINGS = ("政府", "省政府", "市政府", "县政府")


def governments_as_places(mentions: list[Mention], place_forms: Container[str]) -> list[Mention]:
    """The public corpora's span for a place's government: 中国政府 and 湛江市政府 are the
    place (LOC) there, a state acting through its government (see TYPES.md of the public
    sets); the graph keeps the government as an Organization holding its place.

    >>> ms = [Mention(0, 5, "湛江市政府", "Organization", 0, "suffix:政府")]
    >>> [(m.text, m.type) for m in governments_as_places(ms, {"湛江市"})]
    [('湛江市', 'Place')]
    """
    out = []
    for m in mentions:
        if m.type == "Organization" and m.text.endswith("政府") and not m.text.endswith("人民政府"):
            for ending in GOVERNMENT_ENDINGS:
                head = m.text[: -len(ending)]
                # 俄政府: the country's one-character abbreviation (rule abbreviation-body);
                # 高升镇政府: a town the suffix grammar found (no gazetteer holds towns)
                if m.text.endswith(ending) and (
                    head in place_forms or (m.rule == "abbreviation-body" and len(head) == 1) or (m.rule == "suffix:政府" and head[-1:] in ("镇", "乡"))
                ):
                    m = Mention(m.start, m.start + len(head), head, "Place", m.sentence, "government-place", head, "")
                    break
        out.append(m)
    return out


def doctrine_founders(tokens: Iterable[Token], res: Resources) -> list[tuple[int, int]]:
    """Spans of the person a doctrine is named after, where the segmenter keeps the doctrine
    as one word (马克思主义 → 马克思): the head is a person of the lexicon or a name of three
    characters or more the dictionary files as a person's (not 修正主义, 蒙昧主义: two
    characters the dictionary happens to tag as a name), and no place (斯拉夫主义)."""
    return _named_after(tokens, res, ("主义",), lambda head, hit: len(head) >= 3 and hit is not None and hit[1] in _NAME_TAGS)


#: Words that name their founders by one character each, which MSRA and People's Daily tag as
#: persons of one character: the badminton cups by 汤姆斯 and 尤伯 (汤杯, 尤杯, 汤尤杯赛: the
#: usual short forms of sports news) and the doctrine of 马克思 and 列宁 (马列主义). The value
#: holds the offsets of the founders' characters in the word.
FOUNDERS_IN_WORDS = {"汤尤杯": (0, 1), "汤杯": (0,), "尤杯": (0,), "马列主义": (0, 1)}


def prize_founders(tokens: Iterable[Token], res: Resources) -> list[tuple[int, int]]:
    """Spans of the person a cup or a prize is named after, kept as one word by the segmenter
    (尤伯杯 → 尤伯, 诺贝尔奖, 茅盾文学奖), which MSRA and People's Daily tag as a person: the head
    is a person of the lexicon, a name the dictionary files as a person's below frequency 300
    (not 梅花奖) or transliteration characters alone; no place (中国杯) or common word (世界杯)."""
    return _named_after(
        tokens,
        res,
        ("文学奖", "杯", "奖"),
        lambda head, hit: (hit is not None and hit[1] in _NAME_TAGS and hit[0] < 300) or (hit is None and res.translit_chars.issuperset(head)),
    )


_NAME_TAGS = ("nr", "nrt", "nrfg")


def _named_after(
    tokens: Iterable[Token], res: Resources, endings: tuple[str, ...], name_word: Callable[[str, tuple[int, str] | None], bool]
) -> list[tuple[int, int]]:
    """Spans of the heads of the words ending with one of ``endings`` that name a person: a
    lexicon person, or a word ``name_word(head, dictionary entry)`` accepts; never a place."""
    out = []
    for t in tokens:
        short = next((w for w in FOUNDERS_IN_WORDS if t.text.startswith(w) and w.endswith(endings)), None)
        if short is not None:
            out += [(t.start + k, t.start + k + 1) for k in FOUNDERS_IN_WORDS[short]]
            continue  # (汤尤杯 names no 汤尤)
        suffix = next((x for x in endings if t.text.endswith(x)), None)
        head = t.text[: -len(suffix)] if suffix else ""
        if len(head) < 2 or head in res.place_forms or head in res.person_stop:
            continue
        entry = res.lexicon_forms.get(head)
        if (entry is not None and entry.type == "Person") or name_word(head, res.dictionary.get(head)):
            out.append((t.start, t.start + len(head)))
    return out


#: The party's national congress by its number (十五大, 中共十五大, 党的二十大).
PARTY_CONGRESS = re.compile(r"(党的|黨的)?((?:中共)?[一二三四五六七八九十]+大)")


#: Common words that hold a place's one-character abbreviation, which MSRA and People's
#: Daily mark as a place of its own (京剧 → 京, 华侨 → 华, 黄淮 → 黄 and 淮, 抗日 → 日),
#: and where in the word the abbreviations are. The word must start a word of the segmentation
#: (not 中华人民共和国's 华人) and lie inside no other mention (华侨大学, 李中文).
ABBREVIATED_IN_WORDS = {
    "京剧": (0,), "京韵": (0,), "中医": (0,), "中药": (0,), "中草药": (0,), "中外": (0,),
    "华侨": (0,), "华人": (0,), "华工": (0,), "华裔": (0,), "藏胞": (0,), "藏医": (0,), "藏区": (0,),
    "港人": (0,), "港胞": (0,), "台胞": (0,),
    # the rivers of a region's name (黄河 and 淮河, 长江 and 淮河) and the games named
    # after a place (奥林匹克, 亚洲)
    "黄淮": (0, 1), "江淮": (0, 1), "奥运": (0,), "亚运": (0,),
    # a place after the verb of the word (抗日战争, 援藏干部)
    "抗日": (1,), "援藏": (1,),
    # a place of two characters: the nation named by China's old name
    "中华民族": ((0, 2),),
}  # fmt: skip
_ABBREVIATED_WORD = re.compile("|".join(sorted(ABBREVIATED_IN_WORDS, key=len, reverse=True)))


#: A region named by two places' one-character abbreviations and a word for a feature
#: (青藏高原: 青海 and 西藏), which MSRA and People's Daily annotate as the two places.
REGION_OF_TWO = re.compile(r"(青藏|黄淮|江淮)(?:高原|地区|流域|平原|一带)")


#: A body named by its level alone (市委, 市人大常委会, 县纪委) or by what it is (国会, 内阁,
#: 筹委会; 共产党, which the graph leaves out as a kind; the party's congress by its number,
#: 十五大), the session that may number it (六届人大常委会), the department of it the span
#: takes in (省委宣传部, 县人大内司委, as the corpora tag it), and the titles the segmenter
#: glues to it in one word (县委书记, 管委会主任). Bodies MSRA and People's Daily tag one
#: time and not the next (议会, 村委会, 工会) are not here, nor 政府 (a place's government
#: is its place in these sets).
BARE_BODY = re.compile(
    r"(?:(?:第?[一二三四五六七八九十]+届)?[省市县区州地]?(?:人大常委会|人大|政协)"
    r"|(?:自治区|[省市县区州地])(?:第?[一二三四五六七八九十]+届)?政协"
    r"|[省市县区州地]?纪委|[省市县区州地]委|(?:自治区|[省市县区乡镇厂站厅校])(?:党委|团委|党组)|团[省市县]委"
    r"|国会|内阁|立法会|众议院|参议院|国家杜马|议会[上下]院|国家大呼拉尔|大呼拉尔"
    r"|共产党|(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大"
    r"|筹委会|组委会|管委会|村委会|居委会|村党支部|党支部)"
    r"(?:宣传部|组织部|统战部|政法委|老干部局|办公厅|内司委|法工委|财经委)?"
    r"(书记|副书记|常委|主任|副主任|主席|副主席|委员|干部)?"
)

#: Word classes of a word that makes the body after it part of a longer name
#: (幸福工程组委会, 桥本内阁, 开发区管委会, 九冬会筹委会: nouns, names, abbreviations;
#: a closing quote or title mark too: “幸福工程”组委会).
_NAME_WORD = re.compile(r"n|j|eng")
#: Words before a level that make it this or that unit's (该 | 校团委), and the levels that
#: are units (a school, a works, a station) rather than places.
_THIS_UNIT = frozenset({"该", "本", "我", "各", "此", "每", "全"})
_UNIT_LEVELS = frozenset("校厂站厅")
#: Ends of a word after 人大 or 国会 that make it something else: a university's department
#: (人大社会学系, 人大性社会学研究所: 中国人民大学) or a building (国会大厦).
_NOT_THE_BODY_AFTER = re.compile(r".*(?:系|所|学院|大厦|大楼)")


def bare_bodies(text: str, tokens: Iterable[Token], mentions: list[Mention]) -> list[Mention]:
    """ORG spans of the bodies ``BARE_BODY`` names without a place (市委, 地委书记 → 地委),
    for the public corpora's flat spans; the graph reads them as references to the body of
    the place in question (GUIDELINES: 省委 and 市政府 are references). The body must open a
    word of the segmentation and end one (or be followed by a title in it), follow no noun
    or name (then it ends a longer name), lie in no other mention (晋中市委 is a name of its
    own), and the word after it must not make it a department or a building (人大社会学系).

    >>> from kg.model import Token
    >>> [m.text for m in bare_bodies("地委书记说", [Token("地委书记", 0, 4, "n"), Token("说", 4, 5, "v")], [])]
    ['地委']
    """
    words = list(tokens)
    at_start = {t.start: k for k, t in enumerate(words)}
    at_end = {t.end: k for k, t in enumerate(words)}
    taken = [(m.start, m.end) for m in mentions if m.rule != "reference"]
    out = []
    for hit in BARE_BODY.finditer(text):
        s, e = hit.span()
        first, last = at_start.get(s), at_end.get(e)
        if first is None or last is None or any(a < e and s < b for a, b in taken):
            continue
        if first > 0 and (_NAME_WORD.match(words[first - 1].pos) or words[first - 1].text in ("”", "》")):
            continue
        if first > 0 and words[first - 1].text in _THIS_UNIT and len(hit.group()) > 2 and hit.group()[0] in _UNIT_LEVELS:
            continue  # 该 | 校团委: this school's league committee, no level opening a name
        if last + 1 < len(words) and _NOT_THE_BODY_AFTER.fullmatch(words[last + 1].text):
            continue
        if hit.group().startswith(("村委会", "居委会")) and text.startswith("选举", e):
            continue  # 村委会选举: the villages' elections, untagged 4 times of 4
        b = e - len(hit.group(1) or "")
        out.append(Mention(s, b, text[s:b], "Organization", 0, "bare-body"))
    return out


def split_region_of_two(m: Mention) -> list[Mention]:
    """``m``, or the two places a region of two is named by (青藏高原 → 青, 藏), for the public
    corpora's flat spans; the graph keeps the region.

    >>> [x.text for x in split_region_of_two(Mention(3, 7, "青藏高原", "Place", 0, "lexicon"))]
    ['青', '藏']
    """
    if m.type != "Place" or not REGION_OF_TWO.fullmatch(m.text):
        return [m]
    return [Mention(m.start + k, m.start + k + 1, m.text[k], "Place", m.sentence, "abbreviation-in-word") for k in (0, 1)]


def abbreviations_in_words(text: str, tokens: Iterable[Token], mentions: list[Mention]) -> list[Mention]:
    """The one-character places inside the words of ``ABBREVIATED_IN_WORDS`` (京剧, 华侨,
    中医), for the public corpora's flat spans; the graph names no place by them.

    >>> from kg.model import Token
    >>> [m.text for m in abbreviations_in_words("他爱看京剧", [Token("他", 0, 1, "r"), Token("爱看", 1, 3, "v"), Token("京剧", 3, 5, "n")], [])]
    ['京']
    """
    starts = {t.start for t in tokens}
    # an event's name gives way in flat spans to a place inside it (奥运会 holds 奥)
    taken = [(m.start, m.end) for m in mentions if m.rule != "reference" and m.type not in OUTER_TYPES]
    out = []
    for hit in _ABBREVIATED_WORD.finditer(text):
        s, e = hit.span()
        if s not in starts or any(a < e and s < b for a, b in taken):
            continue
        for k in ABBREVIATED_IN_WORDS[hit.group()]:
            a, b = (s + k, s + k + 1) if isinstance(k, int) else (s + k[0], s + k[1])
            out.append(Mention(a, b, text[a:b], "Place", 0, "abbreviation-in-word"))
    return out


#: A title in title marks and the word for a magazine that may follow it (《科学》杂志).
TITLED_MEDIA = re.compile(r"《([^《》]{1,14})》(杂志社|杂志|周刊|月刊|画报)?")


def media_with_their_place(text: str, mentions: list[Mention]) -> list[Mention]:
    """The public corpora's span for a paper or magazine named after its place: 美国《洛杉矶
    时报》 and 美国《科学》杂志 are one ORG span each. A place ending right before 《 and an
    outlet in the marks (or 杂志, 周刊 … after them) make a new mention over both; the
    place's and the outlet's own fall inside it.

    >>> ms = [Mention(1, 3, "美国", "Place", 0, "gazetteer"), Mention(4, 9, "洛杉矶时报", "Organization", 0, "newspaper")]
    >>> [m.text for m in media_with_their_place("据美国《洛杉矶时报》报道", ms)]
    ['美国《洛杉矶时报》']
    """
    places = {m.end: m for m in mentions if m.type == "Place"}
    outlets = {(m.start, m.end) for m in mentions if m.type == "Organization"}
    out = []
    for hit in TITLED_MEDIA.finditer(text):
        place = places.get(hit.start())
        if place is not None and (hit.group(2) or hit.span(1) in outlets):
            out.append(Mention(place.start, hit.end(), text[place.start : hit.end()], "Organization", place.sentence, "media-place"))
    return out


def congresses_as_bodies(mentions: list[Mention]) -> list[Mention]:
    """The public corpora's span for the party's national congress: 十五大 and 中共十五大 are
    an ORG there (the congress as a body), 党的十五大 is 十五大; the graph keeps an Event.

    >>> ms = [Mention(2, 7, "党的十五大", "Event", 0, "session")]
    >>> [(m.start, m.text, m.type) for m in congresses_as_bodies(ms)]
    [(4, '十五大', 'Organization')]
    """
    out = []
    for m in mentions:
        hit = PARTY_CONGRESS.fullmatch(m.text) if m.type == "Event" else None
        if hit:
            m = m._replace(start=m.start + hit.start(2), text=hit.group(2), type="Organization")
        out.append(m)
    return out


def without_new_or_former(mentions: list[Mention], res: Resources) -> list[Mention]:
    """The public corpora's span for a country named as new or former: 新中国 and 前苏联 are
    中国 and 苏联 there (LOC); the graph reads them as aliases of the country.

    >>> from kg.resources import load_resources
    >>> ms = [Mention(2, 5, "新中国", "Place", 0, "gazetteer")]
    >>> [(m.start, m.text) for m in without_new_or_former(ms, load_resources())]
    [(3, '中国')]
    """
    out = []
    for m in mentions:
        rest = m.text[1:]
        if m.type == "Place" and m.text[:1] in "新前" and len(rest) >= 2:
            entry = res.lexicon_forms.get(rest)
            if rest in res.place_forms or (entry is not None and entry.type == "Place"):
                m = m._replace(start=m.start + 1, text=rest)
        out.append(m)
    return out


def regions_without_diqu(mentions: list[Mention], place_forms: Container[str], lexicon_forms: Mapping[str, LexEntry]) -> list[Mention]:
    """The public corpora's span for a region written with 地区: 华北地区, 亚太地区 and
    科索沃地区 are the region's name (LOC) and a common word there; the graph keeps the
    fuller form (东北地区, as the development gold names it). The head must be a place of
    the gazetteer (``place_forms``) or of the lexicon (东北, 西南).

    >>> ms = [Mention(0, 4, "华北地区", "Place", 0, "gazetteer")]
    >>> [(m.text, m.type) for m in regions_without_diqu(ms, {"华北"}, {})]
    [('华北', 'Place')]
    """
    out = []
    for m in mentions:
        head = m.text[:-2]
        entry = lexicon_forms.get(head) if m.text.endswith("地区") else None
        if m.type == "Place" and m.text.endswith("地区") and (head in place_forms or (entry is not None and entry.type == "Place")):
            m = m._replace(end=m.start + len(head), text=head)
        out.append(m)
    return out


def provinces_of_regions(mentions: list[Mention]) -> list[Mention]:
    """The public corpora's span for a region named by its province's abbreviation and a
    compass point (rule province-region: 陕北, 苏南, 晋西北): the province's character alone
    (陕, 苏, 晋), as MSRA and People's Daily annotate it (12 times to 2 in their dev sets);
    the graph keeps the region.

    >>> ms = [Mention(0, 2, "陕北", "Place", 0, "province-region")]
    >>> [(m.text, m.end) for m in provinces_of_regions(ms)]
    [('陕', 1)]
    """
    return [m._replace(end=m.start + 1, text=m.text[0]) if m.rule == "province-region" else m for m in mentions]


def country_opens_company(
    mentions: list[Mention], is_country: Callable[[str], bool], is_home: Callable[[str], bool] = lambda form: False
) -> list[Mention]:
    """The public corpora's span for a company or body written right after a foreign
    country: 美国休斯公司 and 英国雷丁大学 are one ORG span each (the graph keeps 休斯公司
    located_in 美国). The company's or body's mention is widened to take the country in; the country's mention stays and falls inside it.
    The home country (``is_home``: 中国) opens a body's span only (中国全国人大, 中国中央军委),
    not a company's, whose name holds it when it is part of it (中国石油天然气集团公司).

    >>> ms = [Mention(0, 2, "美国", "Place", 0, "gazetteer"), Mention(2, 6, "休斯公司", "Enterprise", 0, "suffix:公司")]
    >>> [m.text for m in country_opens_company(ms, lambda f: f == "美国")]
    ['美国', '美国休斯公司']
    """
    countries = {m.end: m for m in mentions if m.type == "Place" and len(m.text) >= 2 and (is_country(m.text) or is_home(m.text))}
    out = []
    for m in mentions:
        c = countries.get(m.start)
        if c is not None and is_home(c.text) and m.type != "Organization":
            c = None
        if m.type in ("Enterprise", "Organization") and c is not None:
            m = m._replace(start=c.start, text=c.text + m.text)
        out.append(m)
    return out


#: Forms of address by age or kin after a surname (王大娘, 李大爷).
KIN_AFTER_SURNAME = frozenset({"大娘", "大爷", "大妈", "大婶", "大叔", "大伯", "大嫂", "阿姨", "奶奶", "爷爷", "老汉", "老太", "师傅"})
#: What follows a family's 家 in a place's name (刘家庄, 王家坝): no family.
_PLACE_AFTER_JIA = re.compile(r"[庄村坝湾沟屯营岭峪河桥寨堡坪集店铺巷楼]")


def surnames_of_address(text: str, tokens: Iterable[Token], surnames: Container[str], words_known: Container[str]) -> list[tuple[int, int]]:
    """Spans of a surname standing for a person in the forms MSRA and People's Daily tag as
    the surname alone: an elder (老于, 老史; 吕老去, the segmenter's word), a family (刘家的情况,
    到吕家门庭, not 刘家庄) and an address by age or kin (李大娘, 王大爷). ``kg.extract.references``
    reads 吴先生, 江主席 and 胡老; the graph makes no entity of any of them.

    >>> from kg.model import Token
    >>> surnames_of_address("老于把重负卸下", [Token("老于", 0, 2, "p"), Token("把", 2, 3, "p")], {"于"}, {"老师"})
    [(1, 2)]
    >>> surnames_of_address("听老师讲课", [Token("听", 0, 1, "v"), Token("老师", 1, 3, "n"), Token("讲课", 3, 5, "v")], {"师"}, {"老师"})
    []
    """
    words = list(tokens)
    out = []
    for k, t in enumerate(words):
        w = t.text
        nxt = words[k + 1].text if k + 1 < len(words) else ""
        if len(w) == 2 and w[0] == "老" and w[1] in surnames and w not in words_known and not _CJK_AFTER_ELDER.match(nxt):
            out.append((t.start + 1, t.start + 2))  # 老于 | 把
        elif w == "老" and nxt in surnames and "老" + nxt not in words_known and k + 2 < len(words) and not _CJK_AFTER_ELDER.match(words[k + 2].text):
            out.append((t.end, t.end + 1))  # 老 | 史 | 通读
        elif len(w) == 3 and w[0] in surnames and w[1] == "老" and t.pos.startswith("nr"):
            out.append((t.start, t.start + 1))  # 吕老去: the verb after the elder glued on
        elif len(w) == 2 and w[0] in surnames and w[1] == "家" and t.pos.startswith("nr") and not _PLACE_AFTER_JIA.match(nxt):
            out.append((t.start, t.start + 1))  # 刘家 | 的
        elif len(w) == 1 and w in surnames and nxt in KIN_AFTER_SURNAME and t.pos.startswith("nr"):
            out.append((t.start, t.end))  # 李 | 大娘
    return out


#: A word right after 老X that makes 老X a word of its own (老马识途, 老黄牛): no elder.
_CJK_AFTER_ELDER = re.compile(r"识途|牛|历|样子|年|家")
