"""The word-level rules of the suffix grammar (``kg.extract.bodies``): which words may be
part of a body before a name suffix, where a body must stop, and what a place before it
means. Plain functions of the tokens (a ``kg.extract.segment.Tokens``: the hot tests read
its lists, making no ``Token``), the place candidates and ``Resources``."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.body_words import (
    ADVERB_VERB_LEADS,
    APPOSITIVE_KINDS,
    BRACKET_WORDS,
    COUNT_WORD,
    DASH_JOINERS,
    DATE_TOKEN,
    FOUNDING_VERBS,
    FULL_DATE,
    GLUED_VERB_ENDINGS,
    GLUED_VERB_OPENINGS,
    KIND_ENDS,
    LEAD_VERBS,
    LEADING_DATE,
    LEADING_FIRST,
    LEADING_PREPOSITIONS,
    LEADING_TRIM,
    NOMINAL_POS,
    NUMERAL_CLASSIFIER,
    OBJECT_VERBS,
    PHRASE_STOP_POS,
    PHRASE_STOP_WORDS,
    PROPER_POS,
    PROPER_PREFIXES,
    QUANTIFIERS,
    RANKED_COUNT,
    SIZES_AND_LEVELS,
    VERB_SUFFIX_WORDS,
)
from kg.extract.candidates import CJK, PERSON_POS, Candidate, country_ref
from kg.model import Token
from kg.resources import Resources


class PlacesByEnd(dict):
    """The place candidates by their end offset, as the suffix grammar reads them, and the
    offsets where one starts (``starts``): most words open no place, which one lookup tells
    (``starts_place``, ``first_proper``) instead of a lookup at each end it might have."""

    __slots__ = ("starts",)

    def __init__(self, places: dict[int, list[Candidate]]):
        super().__init__(places)
        self.starts = frozenset(c.start for cands in self.values() for c in cands)


def bracket_open(text, tokens, j, places) -> int | None:
    """Index of the opening bracket of the short part that the closing bracket
    ``tokens[j]`` ends, when that part belongs to the name around it: it holds a place
    (苏州 in 天顺风能(苏州)股份有限公司) or a word of BRACKET_WORDS, and a Chinese word
    of the name stands right before it. None otherwise (a gloss, a note, an aside)."""
    close = tokens[j]
    for k in range(j - 1, max(j - 5, 0), -1):
        tk = tokens[k]
        if tk.text not in ("(", "（"):
            continue
        if k == 0 or tokens[k - 1].end != tk.start or not CJK.match(tokens[k - 1].text[-1:]):
            return None
        inner = text[tk.end : close.start]
        if not 1 <= len(inner) <= 6 or not CJK.match(inner):
            return None
        if tokens[k - 1].text in PHRASE_STOP_WORDS or tokens[k - 1].pos in PHRASE_STOP_POS:
            return None
        if inner in BRACKET_WORDS or any(c.start == tk.end for c in places.get(close.start, ())):
            return k
        return None
    return None


def joined_by_dash(res: Resources, tokens, j, places) -> bool:
    """Whether the single dash ``tokens[j]`` joins the name before it to the one after:
    a place or a name-tagged word right before it, a Chinese word right after it, and
    no second dash on either side (——)."""
    before, after = tokens[j - 1], tokens[j + 1] if j + 1 < len(tokens) else None
    if after is None or before.end != tokens[j].start or after.start != tokens[j].end:
        return False
    if before.text[-1:] in DASH_JOINERS or after.text[:1] in DASH_JOINERS or not CJK.match(after.text[:1]):
        return False
    if before.text in PHRASE_STOP_WORDS or before.text in OBJECT_VERBS:
        return False
    return any(c.start == before.start for c in places.get(before.end, ())) or (
        before.pos in ("ns", "nt", "j") and len(before.text) >= 2 and not res.common_word(before.text, 300)
    )  # a person's name before a dash (叶利钦—桥本计划) is no party of a name


def complete_after_host(res: Resources, text, tokens, j, e, sfx_start, places) -> bool:
    """True when the name from ``tokens[j + 1]`` to ``e`` is complete by itself, so that
    the Chinese division ``tokens[j]`` before it is a separate modifier (GUIDELINES):

    - it opens with 中国 (北京 | 中国非物质文化遗产馆);
    - it opens with a place inside the host, which is then the first link of an address
      (河南省 | 郑州市公安局, 辽宁省 | 开原公安交警三中队);
    - it opens with a place of its own written in full (a province, or a division with
      its suffix) followed by a proper word (寿阳县 | 山西新元煤炭有限责任公司).

    A host place stays in the name otherwise: 上海市浙江商会 (the members' home province,
    not a seat: 浙江商会 names no body without its host), 宜宾三江新区, 成都兴城投资集团,
    山东民丰铸造材料有限公司 (三江, 兴城, 民丰: counties elsewhere, brands here), and
    before a curated name too (上海浦发银行, 南昌市兴业银行: the bank's branch there).
    A name also written without its host elsewhere in the text is one entity with it
    (``merge_aliases``).
    """
    first = tokens[j + 1]
    if first.start >= sfx_start:
        return False
    host = tokens[j]
    hosts = {c.ref for c in places.get(host.end, ()) if c.start == host.start and c.ref.startswith("cn:")}
    for end in range(first.end, min(sfx_start, first.start + 10) + 1):
        for c in places.get(end, ()):
            if c.start != first.start:
                continue
            if c.ref == "CN":
                return True  # 北京 | 中国非物质文化遗产馆: a national name opens with 中国
            if not c.ref.startswith("cn:"):
                continue
            if hosts.intersection(res.parent_chain(c.ref)):
                return True  # 河南省 | 郑州市公安局: an address, the host first
            place = res.places.get(c.ref)
            if place is None or (place.kind != "province" and text[c.start : c.end] != place.name):
                continue
            nxt = next((x for x in tokens[j + 1 : j + 5] if x.start == c.end), None)
            if nxt is None or nxt.end > sfx_start or len(nxt.text) < 2:
                continue
            if (nxt.pos in PROPER_POS and not res.common_word(nxt.text, 300)) or (
                CJK.match(nxt.text) and nxt.text not in res.dictionary
            ):
                return True
    return False


def is_country(t: Token, places) -> bool:
    for c in places.get(t.end, ()):
        if c.start == t.start and c.ref != "CN" and country_ref(c.ref):
            return True
    return False


def starts_place(t: Token, places) -> bool:
    """True when a place candidate starts at ``t`` (``places`` keyed by end or by start)."""
    opening = getattr(places, "starts", None)
    if opening is not None and t.start not in opening:
        return False
    if t.start in places and any(c.start == t.start for c in places[t.start]):
        return True
    return any(c.start == t.start for k in range(t.end, t.start + 10) for c in places.get(k, ()))


def is_division(t: Token, places) -> bool:
    return any(c.start == t.start and c.ref.startswith("cn:") for c in places.get(t.end, ()))


def joins_two_words(res: Resources, text, tokens, j, start, e, rule, places) -> bool:
    """True when ``tokens[j]`` is a 和 or 与 inside a body's name, joining two words of it
    (工业和信息化厅, 纺织机械和技术进出口有限公司) rather than two names or a list."""
    if tokens.words[j] not in ("和", "与"):
        return False  # most words: no Token is made
    t = tokens[j]
    return (
        rule.type in ("Organization", "Enterprise")
        and j > 0
        and tokens[j - 1].pos in NOMINAL_POS
        and tokens[j - 1].pos != "nt"  # 中央广播电视总台与中国书法家协会: two bodies' names
        # 政府首脑和亚洲开发银行, 个人和中国航天科技集团有限公司: a company's whole name after 和
        # (a body's name keeps such a word: 国家安全与国防委员会, 交通和通信部)
        and (rule.type != "Enterprise" or tokens[j + 1].pos != "nt")
        and getattr(res.lexicon_forms.get(tokens[j - 1].text), "type", "") not in ("Organization", "Enterprise")  # 总台与东风汽车集团
        and not (j > 1 and tokens.tags[j - 2] == "q")  # 73名个人和…: a count of what comes before 和
        and not _person_before(res, tokens[j - 1])  # 卡洛斯和海狮队, 郎平和女排: a person and a body
        and "eng" not in (tokens[j - 1].pos, tokens[j + 1].pos)  # MYM和EG战队: two teams
        # 5G网络和大型数据中心, 中央和省级组织: a size or a level after 和 opens a thing of that kind
        and tokens.words[j + 1] not in SIZES_AND_LEVELS
        and start - t.end == 0
        and not any(map(tokens[j - 1].text.endswith, res.suffix_map))
        and not NUMERAL_CLASSIFIER.match(text, t.end)
        and text[t.end : e] not in res.not_entities
        and not text.startswith(("多", "各", "几", "等"), t.end)
        and not starts_place(tokens[j + 1], places)
        # 美国和外国军队, 新疆和中央组织部, 国家和军事联盟, “一带一路”和欧亚经济联盟: a country, a
        # division, the nation or a quoted name before 和 is no field of a body (月球与行星科学
        # 国家重点实验室 keeps its field)
        and tokens[j - 1].text != "国家"
        and (tokens[j - 1].pos != "x" or tokens[j - 1].text.isalnum())
        and not is_country(tokens[j - 1], places)
        and not is_division(tokens[j - 1], places)
    )


def _person_before(res: Resources, t) -> bool:
    """True when ``t``, before a 和 in a body, is a person's name: tagged as one, and a
    surname opening two or three characters the dictionary does not know well (郎平) or
    transliteration characters only (卡洛斯); not a word the tagger misreads (滑雪/nr)."""
    w = t.text
    if t.pos not in PERSON_POS or len(w) < 2:
        return False
    return all(c in res.translit_chars for c in w) or (w[0] in res.surnames and len(w) <= 3 and not res.common_word(w, 100))


def counts_or_dates(tokens, j) -> bool:
    """True when ``tokens[j]`` is a count (交通银行五家大型商业银行, 一处), a quantifier (所有)
    or part of a date or a dateline (新华社北京6月29日电国家计委), which ends a body."""
    words = tokens.words  # read off the list: no Token is made
    w = words[j]
    if tokens.tags[j] == "m" and (NUMERAL_CLASSIFIER.fullmatch(w + (words[j + 1] if j + 1 < len(words) else "")[:1]) or COUNT_WORD.fullmatch(w)):
        return True
    if w in QUANTIFIERS or RANKED_COUNT.fullmatch(w):
        return True  # 澳门所有医院, 部分企业, 十大 | 交响乐团
    return bool(
        DATE_TOKEN.search(w)
        or (w[0] in "年月日" and j > 0 and words[j - 1][-1:].isdigit())
        or (w == "电" and j > 0 and DATE_TOKEN.search(words[j - 1]))
    )


#: A serial number alone (第一, 第六), which names one of a place's schools or hospitals.
SERIAL_NUMBER = re.compile(r"第[一二三四五六七八九十百零〇\d]+")

#: "Says" glued by the segmenter to a country's one-character name before it (俄称, 乌称, 美称).
SAYS = frozenset("称说")


def governs_name(tokens, j) -> bool:
    """True when ``tokens[j]`` is a verb of LEAD_VERBS that governs the name after it: no
    verbal noun before it that it pairs with (文物保护 | 利用 | 片区 keeps it)."""
    return tokens.words[j] in LEAD_VERBS and (j == 0 or not (tokens.tags[j - 1] == "vn" or tokens.words[j - 1].endswith(("保护", "开发"))))


#: Suffixes of societies and clubs, whose body after a place names the sport, game, trade or
#: field they gather (深圳市拳击协会, 桂林象棋协会, 法国雇主协会).
FIELD_SUFFIXES = frozenset({"协会", "学会", "研究会", "联合会", "俱乐部"})
#: How often the dictionary may know a verb for it to name a society's field: a word of a
#: sport or a trade the tagger files as a verb (拳击 212, 象棋 182, 雇主 530), not a verb
#: that takes the society as its object (成立, 加入, 召开: thousands).
FIELD_VERB_FREQ = 1000


def _field_verb(res: Resources, tokens, j, places) -> bool:
    """True when ``tokens[j]`` is a rare verb of two characters that a place opens, up to two
    such words or nouns apart (深圳市 | 散打 | 拳击): the field of the place's society."""
    words, tags = tokens.words, tokens.tags
    for k in range(j, max(j - 3, 0), -1):
        w, tag = words[k], tags[k]
        if tag == "v":
            if len(w) != 2 or w in OBJECT_VERBS or w in PHRASE_STOP_WORDS or res.dictionary.get(w, (0, ""))[0] >= FIELD_VERB_FREQ:
                return False
        elif tag not in ("n", "vn", "nz") or k == j:
            return False
        t = tokens[k - 1]
        if any(c.start == t.start for c in places.get(t.end, ())):
            return True
    return False


def _after_place_and_noun(tokens, j, places) -> bool:
    """True when ``tokens[j]`` follows one or two nouns that follow a place or a national
    prefix (山西省 | 投资 | 促进, 国家 | 知识 | 保护, 日本 | 国际贸易 | 促进协会, 桂林 | 象棋 | 协会's
    象棋/v is no verb there): the verb names the office's function."""
    if j + 1 < len(tokens) and (tokens.tags[j + 1] in PROPER_POS or starts_place(tokens[j + 1], places)):
        return False  # 启程赴京 | 北京大学: the verb takes the name after it
    k = j - 1
    while k >= max(j - 2, 1) and tokens.tags[k] in ("n", "vn", "nz"):
        t = tokens[k - 1]
        if tokens.words[k - 1] in PROPER_PREFIXES or any(c.start == t.start for c in places.get(t.end, ())):
            return True
        k -= 1
    return False


def nominal_word(res: Resources, tokens, j, start, rule, places) -> bool:
    """True when ``tokens[j]`` may be a word of a body's name: a noun or name, or a word the
    tagger misreads (an unknown word, a rare verb, a company's trade), and no stop word.
    The tests are asked in turn, the cheapest first: most words are nouns."""
    words, tags = tokens.words, tokens.tags  # read off the lists
    w, pos = words[j], tags[j]
    # 拍卖 (上海天衡拍卖公司): the business a company does is part of its name
    industry = rule.type == "Enterprise" and w in res.industry_words
    nominal = (
        pos in NOMINAL_POS
        # 裕容 (山西裕容能源): an unknown word the tagger calls a verb; 出战 is a real one
        or (
            pos.startswith("v")
            and len(w) >= 2
            # 这是 | 波音公司, 习近平曾到 | 中国航天科技集团公司: a verb the segmenter made of a
            # demonstrative or an adverb and what follows it
            and w[0] not in GLUED_VERB_OPENINGS
            and (
                not res.dictionary.get(w, (0, "n"))[1].startswith("v")
                or (rule.body == "nominal" and not res.common_word(w, 300))  # 带钢 in a legal name
            )
        )
        # 必发 (英国必发公司): a word the dictionary does not know, whatever its tag but a
        # number's or a preposition's (另据 | 苏丹卫生部)
        or (
            len(w) >= 2
            and CJK.match(w) is not None
            and w not in res.dictionary
            and pos not in ("m", "q", "p")
            and not (pos.startswith("v") and w[0] in GLUED_VERB_OPENINGS)
        )
        or industry
        # 谭/zg 木匠 工艺品 | 公司: a character the tagger files as a bare morpheme opens a
        # company's trade name it could not read
        or (pos == "zg" and rule.type == "Enterprise" and len(w) == 1 and CJK.match(w) is not None)
        # 中 (浙江中图实业集团): an unknown trade name the segmenter cut into single
        # characters, the first read as a direction word
        or (
            pos == "f"
            and len(w) == 1
            and j + 1 < len(words)
            and tokens.starts[j + 1] == start
            and len(words[j + 1]) == 1
            and tags[j + 1] in NOMINAL_POS
        )
        or starts_place(tokens[j], places)
    )
    if not nominal and pos == "m" and rule.type == "Organization" and SERIAL_NUMBER.fullmatch(w) and j > 0 and any(c.start <= tokens.starts[j - 1] for c in places.get(tokens.starts[j], ())):
        return True  # 湖南 | 第一 | 师范学院, 上海市 | 第六 | 人民医院: a place's numbered school or hospital
    if nominal and len(w) >= 2 and w[-1] in GLUED_VERB_ENDINGS and w not in res.dictionary:
        nominal = False  # 延庆冬奥村到 | 国家高山滑雪中心: a place and "to", unknown as one word
    if nominal and len(w) == 2 and w[1] in SAYS and w not in res.dictionary:
        nominal = False  # 俄称 | 亚速钢铁厂, 乌称: a country's one-character name and "says"
    if pos == "eng" and j + 1 < len(words) and starts_place(tokens[j + 1], places):
        nominal = False  # RURALCRED陇川县农村信用合作联社: the place opens the name
    if not nominal and pos in ("v", "vn") and rule.type == "Organization" and j > 0 and words[j - 1] in PROPER_PREFIXES and w not in FOUNDING_VERBS:
        nominal = True  # 国家留学基金管理委员会: a verb inside a national body's name (国家设立 | …中心: no)
    if not nominal and pos == "v" and len(w) == 2 and rule.type == "Organization" and rule.suffix not in VERB_SUFFIX_WORDS and _after_place_and_noun(tokens, j, places):
        return w not in OBJECT_VERBS  # 山西省投资促进局: the verb of a local office's function, after its place and a noun
    if not nominal and rule.suffix in FIELD_SUFFIXES and _field_verb(res, tokens, j, places):
        return True  # 深圳市 | 散打 拳击 | 协会, 法国 | 雇主 | 协会: the field of a place's society
    if nominal and len(w) >= 4 and w[:2] in ADVERB_VERB_LEADS:
        nominal = False  # 严格遵守/nr | 福建省质量技术监督局: an adverb and its verb, misread as a name
    if nominal and pos in ("i", "l") and len(w) >= 4 and w[-2:] in PHRASE_STOP_WORDS:
        nominal = False  # 积极参与, 重新启动: an idiom the tagger keeps whole ends with a verb that governs the name
    return not (not nominal or (w in PHRASE_STOP_WORDS and not industry) or w in OBJECT_VERBS or (pos == "x" and not w.isalnum()) or governs_name(tokens, j))


def after_preposition(res: Resources, tokens, start: int, sfx_start: int) -> int:
    """Where a body starts once what runs up to a preposition inside it is cut off: a
    preposition alone (从 | 亚速钢铁厂), or one glued to the name's first characters into a
    word the dictionary does not know (从凯, 对亚速; 对口, 在于 are words and stay)."""
    k = bisect_left(tokens.starts, start)
    cut = start
    while k < len(tokens) and tokens.starts[k] < sfx_start:
        w = tokens.words[k]
        if w[0] in LEADING_PREPOSITIONS and (
            (len(w) == 1 and tokens.tags[k] == "p") or (len(w) >= 2 and w not in res.dictionary)
        ) and sfx_start - (tokens.starts[k] + 1) >= 2:
            cut = tokens.starts[k] + 1
        k += 1
    return cut


def trim_leading(text, start, sfx_start, rule) -> int:
    """Where a body starts once the generic words, punctuation, a leading date and a count
    before it (今年, 2023年, 三家) are trimmed off."""
    # most bodies open with no leading word: their first character opens none
    changed = start < len(text) and text[start] in LEADING_FIRST
    while changed:
        changed = False
        for lead in LEADING_TRIM:
            if text.startswith(lead, start) and start + len(lead) < sfx_start:
                start += len(lead)
                changed = True
    while start < sfx_start and text[start] in "，。、；：！？,.;:!? \u3000（）()":
        start += 1
    m = LEADING_DATE.match(text, start, sfx_start) if rule.type != "Event" else None
    if m is None and rule.type == "Event":
        m = FULL_DATE.match(text, start, sfx_start)
    if m:
        start = m.end()
    m = NUMERAL_CLASSIFIER.match(text, start, sfx_start)
    if m and not text.startswith("第", start):
        start = m.end()
    return start


def verb_before_name(res: Resources, tokens, j, start, sfx_start, places) -> bool:
    """``tokens[j]`` is a verb of two characters or more the dictionary knows (not the
    tagger's guess at a foreign name's syllables: 佩列 | 沙茨大桥), right before a place or
    a proper word of the body that opens the name read so far (建设 | 长江国家文化公园):
    a place's name may open with a verb (解放公园, 胜利大街) but holds none before a name."""
    k = j + 1
    words = tokens.words
    if k >= len(words) or tokens.starts[k] != start or tokens.ends[k] > sfx_start or len(words[j]) < 2:
        return False
    if not res.dictionary.get(words[j], (0, ""))[1].startswith("v"):
        return False
    return tokens.tags[k] in PROPER_POS or starts_place(tokens[k], places)


def kind_before_name(tokens, j, start, sfx_start, rule, places) -> bool:
    """``tokens[j]`` says what kind of firm or body the name after it is, and is no word of
    that name: the suffix's own word before a company's name (第三大银行 | 国民银行), or, right
    before the proper word or place that opens the name read so far, a noun of a kind of
    firm or body (APPOSITIVE_KINDS: 军工企业 | 洛克希德-马丁公司, 监管机构 | 联邦贸易委员会) or a
    company's kind (KIND_ENDS: 龙头企业 | 宝山钢铁集团公司)."""
    w = tokens.words[j]
    company = rule.type == "Enterprise" and start < sfx_start
    if company and w == rule.suffix:
        return True
    k = j + 1
    if k >= len(tokens.words):
        return False
    appositive = w in APPOSITIVE_KINDS and rule.type in ("Enterprise", "Organization") and start == tokens.starts[k] < sfx_start
    kind = appositive or (company and w.endswith(KIND_ENDS) and len(w) > 2 and tokens.tags[j] == "n")
    return kind and (tokens.tags[k] in PROPER_POS or starts_place(tokens[k], places))


#: The settlements the suffix grammar finds (no gazetteer holds towns), whose party committee
#: and government are named after them (公明镇党委, 薛埠镇党委, 古陶镇人民政府).
TOWN_RULES = frozenset({"suffix:镇", "suffix:乡", "suffix:街道"})
#: The bodies of a town or township, longest first (人民政府 before 政府); each is a row of
#: rules/suffixes.tsv whose body is a place.
TOWN_BODY_SUFFIXES = ("人民政府", "纪委监委", "供销社", "党委", "政府", "纪委", "人大")


def town_bodies(text: str, bodies: list[Candidate]) -> list[Candidate]:
    """The bodies of the towns among ``bodies`` named right after them (公明镇党委 holds
    公明镇), which the place rules of the suffix grammar, read after the gazetteer's places,
    do not see: each a name of its own with the town nested in it."""
    out = []
    for c in bodies:
        if c.type == "Place" and c.rule in TOWN_RULES:
            sfx = next((x for x in TOWN_BODY_SUFFIXES if text.startswith(x, c.end)), None)
            if sfx is not None:
                out.append(Candidate(c.start, c.end + len(sfx), "Organization", f"suffix:{sfx}", 2))
                out.append(Candidate(c.start, c.end, "Place", "nested-place", 0, c.ref))
    return out
