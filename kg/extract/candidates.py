"""The pieces every entity finder shares: the candidate span, how overlapping candidates
are settled, how a surface becomes a name, and the checks on titles and Chinese names
that the finders of people, bodies and other names all ask.

A candidate is a span with a type, the rule that found it and a priority; the finders of
``kg.extract.places``, ``bodies``, ``persons`` and ``other_names`` propose them and
``kg.extract.entities.EntityFinder`` settles them (``resolve_overlaps``) into mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from kg.extract.spans import SpanIndex
from kg.model import Token
from kg.resources import Resources

PERSON_POS = frozenset({"nr", "nrfg", "nrt"})
#: A single-character suffix after these characters is part of an ordinary word
#: (东中西部, 干部, 大局, 城镇), not a name's suffix.
NOT_BEFORE_SUFFIX = {
    # 大部: most of (华北地区大部); 脸部, 胸部, 腿部: parts of the body; 某部, 该部: "a certain
    # unit", "this ministry" (解放军某部: the army is the name)
    "部": set("东西南北中内外全干总本局支基腹头首尾底顶俱乐大脸面胸腿背颈腰肺胃肩臂某该"),
    "局": set("大全格布结当僵开胜出定变时政战终平败残赌饭骗牌棋某该"),
    # rooms of a building (宴会厅, 演播厅, 候车厅, 音乐厅, 会议厅, 报告厅, 接见厅, 候机厅): no body
    "厅": set("大客餐展门舞某该会播车乐议告见机"),
    # 粤港, 深港, 沪港: Guangdong (Shenzhen, Shanghai) and Hong Kong, a pair of places, no port;
    # 援港, 抵港, 赴港, 访港, 驻港, 全港: a verb's or a quantifier's Hong Kong (中央援港物资)
    "港": set("香粤深沪京闽琼援抵赴访驻离返全"),
    "镇": set("城乡重市坐"),
    # 开村, 闭村: the opening and closing of an athletes' village (冬奥村闭村)
    "村": set("农乡山渔开闭"),
    "乡": set("城家故老下他异返"),
    "署": set("部签"),
    # 随队, 带队, 归队, 入队, 组队, 列队, 排队: a verb's team (运动员和随队官员), no team's name
    "队": set("随带归入组列排"),
    "委": set("常编主评"),
    # ordinary nouns that end in a body's character (the dictionary files some phrases
    # ending in them as bodies: 普通家庭, 商业机会, 公共场所, 国际舞台, 四合院, 全党全军)
    "庭": set("家"),
    "会": set("机社酒宴舞约"),
    "所": set("场"),
    "台": set("舞平戏花控"),
    "院": set("合"),
    "军": set("全"),
    # 以武汉都市圈为中心, 天安门广场中心: the middle of a place, no body
    "中心": set("市城镇区为场"),
    # 军事行动: a military operation, no programme (以色列军事行动)
    "行动": set("事"),
    # 会议议程, 大会议程, 有关议程, 10项议程: a meeting's agenda, no programme
    "议程": set("议会关项"),
    # 塔斯社8日报道: a date and 报道, no paper's name
    "日报": set("0123456789０１２３４５６７８９"),
}
#: Fields of a body that end with a character of NOT_BEFORE_SUFFIX and still open its name:
#: 财政局, 民政局, 邮政局 are bureaus, while 政局 alone is "the political situation".
FIELDS_BEFORE_SUFFIX = {"局": ("财政", "民政", "邮政", "市政", "行政")}


def not_before_suffix(text: str, k: int, suffix: str) -> bool:
    """True when ``text[k]``, right before ``suffix``, makes the suffix the end of an ordinary
    word (干部, 大局, 政局: NOT_BEFORE_SUFFIX), unless it ends a body's field (财政 | 局)."""
    if k < 0 or text[k] not in NOT_BEFORE_SUFFIX.get(suffix, ()):
        return False
    return not any(text.startswith(f, k + 1 - len(f)) for f in FIELDS_BEFORE_SUFFIX.get(suffix, ()) if k + 1 >= len(f))


#: Last characters of village and site names built like a person's (吴家庄, 蔡家崖, 荣国府).
VILLAGE_ENDINGS = frozenset("庄崖村湾沟坪堡岭峪洼寨屯营府店集坡梁塬垣")
#: Characters that end ordinary words or bodies but hardly ever a given name (安全性, 常见病,
#: 宣传部, 马会杯; places and halls: 陈列馆, 敬老院, 宣讲团, 白宫, 段村; schools and factions:
#: 京剧梅派, 鹰派; a line's section, a shrine, a breed: 南玉段, 古祠, 白羽鸡).
NEVER_NAME_LAST = frozenset("性感者室病率衫鹿塔巾般式型量度界品物类员族体论器械板证费税价额法办部局委厅处署队杯区县市省籍网舞节鹭带诗词球车边麦枝译馆院团宫村站派段祠鸡")
#: One-character predicates of a side in talks (巴方称, 巴方愿同中方…), which the tagger
#: glues into a three-character "name".
SIDE_PREDICATES = frozenset("称愿将已也还对同说认用是")
#: Below this dictionary frequency a word is too rare to stop the name the dictionary files
#: as a person's: the dictionary lists given names as words too (白居易 = 白 + 居易,
#: 李政道 = 李 + 政道, each filed a noun a few times), while 雷阵雨's 阵雨 is a real one.
RARE_WORD_FREQ = 8
#: How often the dictionary must know the first two characters of a three-character name
#: (not as a name or a place) for them to be a word of their own, not a surname and the
#: first character of a given name (安全|观, 宣传|周, 关于|党; 王家|瑞 at 979 stays a name;
#: 高峰, 文明 are filed as names, 王国, 江山 as places: 王国庆 stays).
COMMON_HEAD_FREQ = 1000
#: The dictionary files a few such phrases as names, rarely (安全观 15, 范围广 4): below
#: this frequency its name tag does not save them.
RARE_NAME_FREQ = 100
#: With no cue around it, a three-character word the dictionary files as a name is a
#: common word when its first two characters are a word of their own at least this often
#: (not filed as a name): 白皮|书, 龙卷|风, 计时|赛, 马头|琴, 高中|生, 储存|库 are things,
#: not people named in a sentence with no title or reporting verb. 家 in the middle opens
#: many given names (邹家华, 王家瑞), so X家 heads do not count, nor compound surnames (欧阳修).
UNCUED_HEAD_FREQ = 5
#: One-character words that do not finish a name cut short by the tagger (张少 + 农 yes, 杜重 + 的 no).
NOT_NAME_TAIL = frozenset("说在和与等是的了及并对向为将也都又就还从到把被给让同跟摄曾所而之其来作副以于很最陪")
TITLE_CUES_AFTER = (
    "说", "表示", "指出", "强调", "介绍", "认为", "告诉", "坦言", "感慨", "透露", "回忆", "建议", "称",
    "觉得", "逝世", "去世", "生前", "本名", "原名", "扮演", "饰演", "主演", "执导", "携",
)
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
#: Forms of address after a bare surname (吴先生, 刘某, 陆老师); titles count as well.
ADDRESS_FORMS = frozenset({"先生", "女士", "小姐", "老师", "医生", "大夫", "师傅", "某", "同志", "老先生", "夫人"})
NAME_JOINERS = "·•・－-"
#: A bracketed part inside a name: 天顺风能(苏州)股份有限公司.
BRACKET_INSIDE = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]")


# Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, which made
# a candidate five times dearer to build (the finders build tens of thousands a thousand
# stories). Nothing assigns to one; ``dataclasses.replace`` makes a new one, and equality
# and the hash are the frozen ones (all fields).
@dataclass(slots=True, unsafe_hash=True)
class Candidate:
    start: int
    end: int
    type: str
    rule: str
    priority: int
    #: gazetteer id ("cn:140000", "FR") or lexicon name: the identity used for merging
    ref: str = ""
    #: normalised name when it differs from the surface (titles stripped, quotes removed)
    name: str = ""


class WordMemo(dict):
    """``memo[word]``: ``test(word)``, computed once per word and kept.

    A dictionary with ``__missing__``, so a word met before is answered by the
    dictionary's own lookup with no Python call: the finders ask some tests of most
    tokens. Past ``limit`` words the answers are forgotten (bounded memory on a corpus
    of many distinct words)."""

    __slots__ = ("limit", "test")

    def __init__(self, test: Callable[[str], object], limit: int = 500_000):
        super().__init__()
        self.test = test
        self.limit = limit

    def __missing__(self, word: str) -> object:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.test(word)
        return value


class NameChecks:
    """Whether a word is or ends with a title, and whether a string can be a Chinese name.

    Built once per ``Resources``; every family of finders asks these, so they live apart
    from any one of them.
    """

    def __init__(self, res: Resources):
        self.res = res
        self.titles = frozenset(t for t in res.titles if len(t) >= 2)
        #: every title, for membership (``res.titles`` is a tuple, ordered for patterns)
        self.all_titles = res.title_set
        self.title_max = max((len(t) for t in self.titles), default=0)
        #: True when a word ends with a title of two or more characters (市委书记, 总统);
        #: kept per word, the finders ask it of most tokens
        self.title_before: Callable[[str], bool] = WordMemo(self._ends_with_title).__getitem__

    def plausible_chinese_name(self, name: str, strict: bool) -> bool:
        res = self.res
        if not CJK.match(name) or not 2 <= len(name) <= 4:
            return False
        if name in res.person_stop or name in res.not_entities or name[-1] == "某":
            return False  # 刘某: a person left unnamed
        if name[-1] in NEVER_NAME_LAST:
            return False  # 安全性, 常见病; 宣传部, 文明办, 马会杯: words and bodies, not given names
        if len(name) == 3 and name[1:] in ADDRESS_FORMS:
            return False  # 郭先生, 陈小姐, 王老师: a surname and a form of address, no name
        if len(name) >= 3 and (name[:2] in self.titles or name[:3] in self.titles):
            return False  # 王储兼 (沙特王储兼首相穆罕默德): a title and the word after it, no name
        if len(name) == 3 and (name[1:] in self.titles or name[0] == name[1]):
            return False  # 任组长, 王部长: a verb or a surname, then a title; 天蒙蒙亮: a doubled word
        if len(name) == 3 and name[1] == "方" and name[2] in SIDE_PREDICATES:
            return False  # 巴方称, 巴方愿: a side in talks and what it says or wants, no name
        if len(name) == 3 and name[-1] in VILLAGE_ENDINGS and (name[1] in "家庄" or name[-1] in "庄崖府"):
            return False  # 吴家庄, 蔡家崖, 荣国府: villages and sites named after families
        if abbreviation_run(res, name):
            return False  # 冀豫鲁等地, 苏浙皖三省: places by their one-character abbreviations
        if name[:2] in res.surnames and len(name) >= 3 or name[0] in res.surnames and len(name) <= 3:
            pass
        else:
            return False
        hit = res.dictionary.get(name)
        if strict and len(name) == 3 and name[1] != "家" and name[:2] not in res.surnames:
            head = res.dictionary.get(name[:2])
            if head is not None and head[0] >= UNCUED_HEAD_FREQ and not head[1].startswith("nr"):
                return False  # 白皮书, 龙卷风, 计时赛: a word, then one character, with no cue
        if len(name) == 3 and (hit is None or hit[0] < RARE_NAME_FREQ):
            head = res.dictionary.get(name[:2])
            if head is not None and head[0] > COMMON_HEAD_FREQ and not head[1].startswith(("nr", "ns")):
                return False  # 安全观, 范围广, 关于党: an ordinary word, then one character
        if hit is not None:
            freq, tag = hit
            rest = res.dictionary.get(name[1:])
            if len(name) == 3 and tag in ("nr", "nrfg") and not res.common_word(name[1:], 1000) and not (
                rest is not None and rest[1] in ("n", "vn", "an", "a", "v") and rest[0] >= RARE_WORD_FREQ
            ):
                return True  # 邓小平, 江泽民: a well-known name; 高水平, 雷阵雨 fail (水平, 阵雨 are words)
            if not strict and len(name) == 3 and tag == "nz" and freq < 100 and rest is None:
                return True  # 副主任刘彦彬: the dictionary files some names as nz
            if tag != "nrfg" and freq > (300 if strict else 2000):
                return False
            if tag not in ("nr", "nrfg", "nrt") and (freq > 50 or strict):
                # 季后赛, 花仙子: a dictionary word that is no name
                return False
        if strict and len(name) == 2 and hit is not None and hit[1] != "nrfg":
            return False
        if strict and len(name) == 3 and name[0] in res.surnames:
            rest = res.dictionary.get(name[1:])
            if res.common_word(name[1:], 1000) or (rest is not None and rest[1] in ("n", "vn", "an", "a", "v") and (rest[0] >= RARE_WORD_FREQ or hit is None or hit[1] not in ("nr", "nrfg"))):
                return False  # 段时间, 雷阵雨: a surname character before an ordinary word
        return True

    def _ends_with_title(self, word: str) -> bool:
        """``title_before`` of a word not met yet."""
        titles = self.titles
        return any(word[-n:] in titles for n in range(2, min(len(word), self.title_max) + 1))

    def is_title_word(self, word: str) -> bool:
        """A title or role standing by itself (院长, 总统, 上将)."""
        return word in self.all_titles or (len(word) >= 2 and self.title_before(word) and len(word) <= 4)


#: Countries' one-character abbreviations that run with others in a word (美英法德推动);
#: the province abbreviations (冀, 豫, 鲁 …) run so as well.
_RUN_COUNTRY_ABBR = frozenset("中美英法德俄日韩")


def abbreviation_run(res: Resources, name: str) -> bool:
    """True when ``name`` (three characters or more) is a run of one-character abbreviations
    of provinces or of the great powers (冀豫鲁, 苏浙皖, 英法德): places named together."""
    return len(name) >= 3 and all(c in res.province_abbr or c in _RUN_COUNTRY_ABBR for c in name)


def inside_latin_word(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` starts or ends with a Latin letter or digit that runs on into
    the text around it (EA inside area); a score after a club (阿森纳1平5负) does not count."""
    return (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum() and text[s].isascii()) or (
        e < len(text) and text[e].isascii() and text[e].isalnum() and text[e - 1].isascii()
    )


def all_common(res: Resources, text: str, tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when ``text[start:end]`` is made of ordinary words only (韩国 | 投资 金融 | 公司):
    each token inside, or its part inside when it runs past ``end``, is a common word."""
    pieces = [text[tk.start : min(tk.end, end)] for tk in tokens if start <= tk.start < end]
    if not pieces or not any(tk.start == start for tk in tokens):
        return False
    return all(res.common_word(p, 500) for p in pieces)


def normalise_name(surface: str) -> str:
    """Drop quotation marks and title brackets, and the white space next to a Chinese
    character (a typeset page's spacing: 2024 中国数字经济峰会 is 2024中国数字经济峰会, one
    entity); keep everything else as written.

    >>> normalise_name("“三北”工程")
    '三北工程'
    >>> normalise_name("Na’Vi战队")  # an apostrophe inside a Latin name stays
    'Na’Vi战队'
    >>> normalise_name("2024 越南西贡纺织及制衣工业展览会"), normalise_name("New York")
    ('2024越南西贡纺织及制衣工业展览会', 'New York')
    """
    if " " in surface or "\u3000" in surface:
        surface = _SPACE_BY_HAN.sub("", surface)
    if "’" in surface or "'" in surface:
        parts = _LATIN_APOSTROPHE.split(surface)
        marks = _LATIN_APOSTROPHE.findall(surface)
        kept = [p.translate(_QUOTE_TABLE) for p in parts]
        return "".join(k + m for k, m in zip(kept, [*marks, ""], strict=True)).strip()
    return surface.translate(_QUOTE_TABLE).strip()


#: White space with a Chinese character on either side.
_SPACE_BY_HAN = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+|[ \u3000]+(?=[\u3400-\u9fff])")


_LATIN_APOSTROPHE = re.compile(r"(?<=[A-Za-z])[’'](?=[A-Za-z])")


_QUOTE_TABLE = str.maketrans("", "", "“”‘’「」『』《》\"")


#: Rules besides the suffix grammar's whose names hold a nested name (菲农业部 → 菲).
NESTING_RULES = frozenset({"abbreviation-body"})


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest span wins, then the higher priority, then the earliest; nested kept.

    Candidates with priority 0 are nested names (the place inside 山西省委) and are kept
    when the span containing them was kept. Spans run forwards (``start <= end``).

    The kept spans never overlap, so a candidate overlaps one of them exactly when one
    of its characters is taken already: a byte per character answers that, where testing
    every kept span took time quadratic in the document's length.
    """
    nested = [c for c in cands if c.priority == 0]
    main = sorted([c for c in cands if c.priority > 0], key=_longest_first)
    chosen: list[Candidate] = []
    if main:
        low = min(map(_START, main))
        size = max(map(_END, main)) - low + 1
        taken = bytearray(size)  # 1 where a kept span covers the character
        opens = bytearray(size)  # 1 where a kept span starts
        empty = set()  # the empty spans kept (a non-empty one twice meets itself taken)
        for c in main:
            s, e = c.start - low, c.end - low
            if s < e:
                if taken.find(1, s, e) != -1:
                    continue
                taken[s:e] = b"\x01" * (e - s)
                opens[s] = 1
            elif (c.start, c.end) in empty or (s > 0 and taken[s - 1] and taken[s] and not opens[s]):
                continue  # an empty span (sorted after every other) strictly inside a kept one
            else:
                empty.add((c.start, c.end))
            chosen.append(c)
    if nested:
        kept = {(c.start, c.end) for c in chosen}
        holders = SpanIndex((c.start, c.end) for c in chosen if c.rule.startswith("suffix:") or c.rule in NESTING_RULES)
        nested_holders: list[Candidate] = []  # nested candidates kept with a suffix rule (none in practice)
        for n in nested:
            if (n.start, n.end) in kept:
                continue
            if holders.reaches(n.start, n.end) or any(c.start <= n.start and n.end <= c.end for c in nested_holders):
                chosen.append(n)
                kept.add((n.start, n.end))
                if n.rule.startswith("suffix:"):
                    nested_holders.append(n)
    chosen.sort(key=in_text_order)
    return chosen


def _longest_first(c: Candidate) -> tuple[int, int, int]:
    """The order overlaps are settled in: the longest first, then the higher priority,
    then the earliest."""
    return (c.start - c.end, -c.priority, c.start)


#: Characters of kinds of land and water, and numerals, of which four-character set phrases
#: are made (江河湖海, 五洲四海, 锦绣河山): the dictionary files some of them as places.
_LANDSCAPE = frozenset("江河湖海山川")
_NUMERALS = frozenset("一二三四五六七八九十百千万")


def set_phrase(word: str) -> bool:
    """A four-character set phrase the dictionary files as a place: a character repeated in
    the pattern of idioms (人山人海), self-rule by the place's people (港人治港, 澳人治澳),
    numerals in the first and third places (五洲四海), kinds of land and water only (江河湖海),
    or the land itself (锦绣河山, 半壁江山). Not 千岛群岛 or 山东泰山, whose repeats are names'."""
    if len(word) != 4:
        return False
    return (
        word[0] == word[2]
        or word[1:3] == "人治"
        or (word[0] in _NUMERALS and word[2] in _NUMERALS)
        or all(ch in _LANDSCAPE for ch in word)
        or word.endswith(("河山", "江山", "山河"))
    )


def country_ref(ref: str) -> bool:
    """Whether ``ref`` is a country's gazetteer id: two ASCII letters (CN, FR), where the
    divisions of China have ``cn:`` ids, world places longer ones and lexicon entries names.

    >>> country_ref("FR"), country_ref("cn:140000"), country_ref("c-ch-davos")
    (True, False, False)
    """
    return len(ref) == 2 and ref.isascii() and ref.isalpha()


def in_text_order(c: Candidate) -> tuple[int, int]:
    """The order of a document's candidates once settled: by start, the longer first."""
    return (c.start, c.start - c.end)


_START = attrgetter("start")
_END = attrgetter("end")


UNCUED = "pos:name-uncued"


def cued_names(text: str, people: Sequence[Candidate]) -> set[str]:
    """The names of the tagger's people found with a cue (a title, a reporting verb…)."""
    return {c.name or text[c.start : c.end] for c in people if c.rule != UNCUED}


def drop_uncued(cands: Sequence[Candidate], cued: set[str]) -> list[Candidate]:
    """Drop the uncued names (梁家, 齐家) that are not cued anywhere in the document."""
    return [c for c in cands if c.rule != UNCUED or c.name in cued]
