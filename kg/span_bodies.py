"""Bodies the flat span view (``kg annotate --flat``) names where the graph names none or
a shorter one, as MSRA and People's Daily mark them:

- a ministry or an office whose title contracts its last character (内政部长 is 内政部 and
  a 部长, 基础设施部长, 澳门日报社长, 泰中友协会长): the body is an ORG span there, while
  the graph reads the title and the country it serves;
- a body led by its level alone (市审计局, 乡卫生院, 市青年志愿者协会, 自治区农机学会):
  the level opens the ORG span there; the graph reads such bodies as references to the
  body of the place the text is about (GUIDELINES), or not at all;
- a body with its term before it (第六届全国人大, 首届立法会, 香港特区首届立法会): the
  term opens the span, and the place before the term with it;
- a place that stands for its team in a list of teams or a pairing of a match
  (意大利、巴西队, 第一轮山东对江苏): an ORG span there, a place in the graph;
- a state's army named by the state and 军队 (印度军队): the state (LOC) there.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence

from kg.model import Mention, Token

__all__ = ["OFFICE_END", "armies_as_places", "bodies_of_titles", "bodies_with_terms", "level_bodies", "places_as_teams"]

#: Titles that contract the last character of their body's name (部 + 部长 -> 部长).
CONTRACTED_TITLES = ("部长", "局长", "社长", "会长", "院长", "署长", "厅长")
#: Ends of a complete body's name, after which a title contracts nothing (议员联盟 | 会长).
COMPLETE_BODY = re.compile(r"(?:联盟|组织|集团|公司|协会|学会|委员会|基金会|联合会|党|银行|大学)$")
#: Words before such a title that qualify the holder, not the body (代理内政部长, 助理国防部长).
HOLDER_WORDS = frozenset({"代理", "助理", "常务", "首任", "新任", "现任", "前任", "原任", "时任", "临时", "名誉", "正副", "创会"})
#: Word classes of the common words of a body's name before a contracted title.
_BODY_WORD_TAGS = re.compile(r"(?:n|nz|nt|j|vn|l|b)$")
#: Longest body before a contracted title, in characters.
MAX_TITLED_BODY = 10

#: Levels that open a body's name in the corpora (市审计局, 自治区农机学会).
LEVELS = ("自治区", "省", "市", "县", "区", "乡", "镇")
#: What a body led by its level ends with: an office, a committee, a party or league
#: committee, a school, a hospital, a society or a local company.
OFFICE_END = re.compile(
    r"(?:局|委|委员会|办|厅|处|站|所|院|中心|协会|学会|研究会|联合会|党委|党组|团委|议会|武装部|政协|人大"
    r"|联校|中学|小学|公司|信用社|供销社)$"
)
#: Bodies after a level that name no body of their own: the city's centre, its government
#: (a place's government is its place in these corpora), ranks and places.
NOT_LEVEL_BODY = re.compile(r"(?:.*政府|中心|.*干部|.*场所|.*[之好到住长短难去用益交界]处|.*内部|.*常委|.*委员)$")
#: Characters before a level that make it this or that unit's (该校团委, 本市公安局), not a
#: level opening a body's name.
DEMONSTRATIVES = frozenset("该本我全各此每")
#: What before a level in one word counts the levels (两省, 各市, 十几个县), no body's opening.
COUNTED = re.compile(r"[\d一二两三四五六七八九十百千几多数各每全该本个]+")
#: Word classes of the words of a body after its level.
_LEVEL_WORD_TAGS = re.compile(r"(?:n|nz|nt|j|vn|l|b|an|ng)$")
#: Longest body after its level, in characters.
MAX_LEVEL_BODY = 10

#: A term before a body (第六届, 首届, 七届), read backwards from the body's start.
TERM_BEFORE = re.compile(r"(?:第[一二三四五六七八九十百零〇\d０-９]+|首|(?<![新本上下历每该各这那])[一二三四五六七八九十]+)届$")
#: What makes the term number a meeting of the body, not the body (第四十七届国际新闻学会年会,
#: 第六十八届非洲统一组织部长理事会, 第九届15国集团首脑会议).
#: Titles after a body (县委书记), which a term before the body numbers instead.
TITLE_AFTER = re.compile(r"书记|副书记|主任|副主任|主席|副主席|常委|委员")
MEETING_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:年会|会议|大会|理事会|峰会|论坛|博览会|会晤)")


def bodies_of_titles(
    text: str, tokens: Sequence[Token] | Iterable[Token], mentions: list[Mention], dictionary: Container[str]
) -> list[Mention]:
    """``mentions`` with the body of each contracted title (内政部长 -> 内政部): an organisation
    mention that ends right before the title's word grows by the contracted character
    (澳门日报 | 社长 -> 澳门日报社); otherwise the body is read from the title's own word
    (内政部长) or, when the title stands alone, from the common nouns before it
    (基础设施 | 部长), and is added when no other mention lies on it. The words of the body are
    words of the ``dictionary`` (樱内 | 会长 is a person's title). A deputy's title (副部长)
    contracts nothing, nor does a title after its whole body (外经贸部部长, 报社社长).

    >>> toks = [Token("代理", 0, 2, "n"), Token("内政部长", 2, 6, "n")]
    >>> [m.text for m in bodies_of_titles("代理内政部长", toks, [], {"代理", "内政"})]
    ['内政部']
    """
    words = list(tokens)
    by_end = {m.end: m for m in mentions if m.type in ("Organization", "Enterprise")}
    taken = [(m.start, m.end) for m in mentions if m.rule != "reference"]
    grown: dict[Mention, Mention] = {}
    added = []
    for k, t in enumerate(words):
        title = next((x for x in CONTRACTED_TITLES if t.text.endswith(x)), None)
        if title is None:
            continue
        head = t.text[: -len(title)]
        if (head and head[-1] in "副正总代") or head in HOLDER_WORDS:
            continue  # 副部长, 总会长: a rank of the holder
        at = t.end - len(title)  # where the title starts
        if COMPLETE_BODY.search(text, max(0, at - 4), at):
            continue  # 韩中议员联盟 | 会长: the whole body before the title, which contracts nothing
        if (at > 0 and text[at - 1] == title[0]) or MEETING_AFTER.match(text, t.end):
            continue  # 协会会长, 学院院长: a title after its whole body; 石油部长会议: the ministers meet
        if text[t.end : t.end + 1] in ("”", "’", "\""):
            continue  # 生活上的“后勤部长”: a figure of speech in quotes
        if not head:
            owner = by_end.get(t.start)
            if owner is not None:
                if not owner.text.endswith(title[0]):
                    grown[owner] = owner._replace(end=t.start + 1, text=text[owner.start : t.start + 1], rule="title-body")
                continue
            start = _nouns_before(words, k, dictionary)
            if start is None:
                continue
        elif head in dictionary:
            start = t.start
        else:
            continue
        end = t.end - len(title) + 1
        if end - start < 3 or any(a < end and start < b for a, b in taken):
            continue
        added.append(Mention(start, end, text[start:end], "Organization", 0, "title-body"))
    return [grown.get(m, m) for m in mentions] + added


def _nouns_before(words: list[Token], k: int, dictionary: Container[str]) -> int | None:
    """Start of the common nouns right before ``words[k]`` (基础设施 | 部长; 农业和土地开发 |
    部长 with 和 between two nouns; 泰中 | 友协 | 会长 with a place before a noun), or None when
    none, a word the dictionary does not know, or a word of the holder comes first."""
    start = None
    j = k - 1
    while j >= 0 and words[k].start - words[j].start <= MAX_TITLED_BODY:
        w = words[j]
        if w.text in ("和", "与") and start is not None and j > 0 and _BODY_WORD_TAGS.match(words[j - 1].pos):
            j -= 1
            continue
        noun = _BODY_WORD_TAGS.match(w.pos) or (w.pos == "ns" and start is not None)
        if not noun or w.text in HOLDER_WORDS or not _cjk(w.text) or (w.text not in dictionary and w.pos not in ("nt", "j")):
            break
        start = w.start
        j -= 1
    return start


def level_bodies(
    text: str, tokens: Sequence[Token] | Iterable[Token], mentions: list[Mention], dictionary: Container[str]
) -> list[Mention]:
    """``mentions`` with each body led by its level alone (市审计局, 乡卫生院) as one span:
    an organisation mention right after the level grows to take it in; otherwise the
    common words after the level, up to the last that ends like an office (``OFFICE_END``),
    make a new one. The level must open a word of the segmentation, or end a word the
    dictionary does not know (从市 | 审计局, 先干乡 | 武装部), follow no noun or name (then
    it ends a longer name: 湘潭市教委 is the graph's), and lie in no mention (a place's).

    >>> toks = [Token("从市", 0, 2, "n"), Token("审计局", 2, 5, "n"), Token("对", 5, 6, "p")]
    >>> [m.text for m in level_bodies("从市审计局对", toks, [], {"对"})]
    ['市审计局']
    """
    words = list(tokens)
    at_start = {t.start: k for k, t in enumerate(words)}
    at_end = {t.end: k for k, t in enumerate(words)}
    covered = [(m.start, m.end) for m in mentions if m.rule != "reference"]
    orgs = {m.start: m for m in mentions if m.type in ("Organization", "Enterprise")}
    grown: dict[Mention, Mention] = {}
    added = []
    for p, k in at_start.items():
        level = next((x for x in LEVELS if text.endswith(x, 0, p)), None)
        if level is None:
            continue
        s = p - len(level)
        if not _level_opens(words, at_start, at_end, s, p, dictionary) or any(a <= s < b for a, b in covered):
            continue
        owner = orgs.get(p)
        if owner is not None:
            grown[owner] = owner._replace(start=s, text=text[s : owner.end], rule="level-body")
            continue
        end = None
        j = k
        while j < len(words) and words[j].end - p <= MAX_LEVEL_BODY and _LEVEL_WORD_TAGS.match(words[j].pos) and _cjk(words[j].text):
            body = text[p : words[j].end]
            if OFFICE_END.search(body) and len(body) >= 2 and not NOT_LEVEL_BODY.fullmatch(body):
                end = words[j].end
            j += 1
        if end is not None and not any(a < end and s < b for a, b in covered):
            added.append(Mention(s, end, text[s:end], "Organization", 0, "level-body"))
    return [grown.get(m, m) for m in mentions] + added


def _level_opens(words: list[Token], at_start: dict[int, int], at_end: dict[int, int], s: int, p: int, dictionary: Container[str]) -> bool:
    """Whether the level at ``s`` (its body starting at ``p``) opens a body's name: it opens
    a word and follows no noun, name or closing mark, or it ends an unknown word."""
    if s > 0 and words and words[0].start < s and _char_before(words, at_end, s) in DEMONSTRATIVES:
        return False
    k = at_start.get(s)
    if k is not None:
        before = words[k - 1] if k > 0 else None
        return before is None or not (re.match(r"n|j|eng|m", before.pos) or before.text in ("”", "》", "’"))
    k = at_end.get(p)
    if k is None or len(words[k].text) < 2 or words[k].text in dictionary or not _cjk(words[k].text):
        return False
    return not COUNTED.fullmatch(words[k].text[: s - words[k].start])  # 两省 | 交界处: levels counted


def _char_before(words: list[Token], at_end: dict[int, int], s: int) -> str:
    """The last character of the word ending at ``s``, or '' when no word ends there."""
    k = at_end.get(s)
    return words[k].text[-1] if k is not None else ""


def bodies_with_terms(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each organisation numbered by its term right before it (第六届全国人大,
    首届立法会) widened to take the term in, and the place right before the term with it
    (香港特区首届立法会); not where the body's meeting follows (第四十七届国际新闻学会年会:
    the term numbers the meeting).

    >>> ms = [Mention(3, 7, "全国人大", "Organization", 0, "lexicon")]
    >>> [m.text for m in bodies_with_terms("第六届全国人大第一次会议", ms)]
    ['第六届全国人大']
    """
    places = {m.end: m for m in mentions if m.type == "Place"}
    out = []
    for m in mentions:
        hit = TERM_BEFORE.search(text, max(0, m.start - 6), m.start) if m.type == "Organization" else None
        if hit is not None and m.rule == "bare-body" and TITLE_AFTER.match(text, m.end):
            hit = None  # 换了六届县委书记: the term numbers the secretaries
        if hit is not None and (text.startswith("第", m.end) or not MEETING_AFTER.match(text, m.end)):
            start = hit.start()
            place = places.get(start)
            if place is not None:
                start = place.start
            m = m._replace(start=start, text=text[start : m.end], rule="term-body")
        out.append(m)
    return out


def _cjk(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


#: What after a list of places makes them teams (意大利、巴西队; 中国、丹麦、韩国、马来西亚等强队;
#: 德国、法国、俄罗斯和希腊四支国家队).
TEAMS_AFTER = re.compile(r"(?:等)?(?:[一二三四五六七八九十两几\d]+支)?(?:强队|国家队|代表队|队)(?![员伍长友形])")
#: What before a list of places makes it where a match is played (在成都与四川全兴队苦战).
VENUE_BEFORE = re.compile(r"在(?:[^，。、；：]{1,4}的)?$")
#: What before a list of places makes them teams: a group of a tournament (Ｅ组的美国、俄罗斯).
TEAMS_BEFORE = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]组的$")
#: Words of a list of places (、, 和, 与, 及) and of a pairing of two sides (山东对江苏).
LIST_JOINERS = frozenset({"、", "和", "与", "及"})
#: A team of a place the graph finds (瑞典队), but not an army's unit (英国部队, 黑海舰队).
PLACE_TEAM = re.compile(r".+(?<![部军舰])队")
#: A match in a sentence: a round, a game, a win (第一轮山东对江苏).
MATCH_CUES = re.compile(r"第[一二三四五六七八九十\d]+轮|比赛|决赛|复赛|小组赛|联赛|出线|战胜|击败|\d[∶:]\d")


def places_as_teams(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the places that stand for their teams as organisations, as MSRA and
    People's Daily mark them: places listed with a team (意大利、巴西队, 法国与南非队), listed
    before a word for teams (…马来西亚等强队, …和希腊四支国家队) or after a tournament's
    group (Ｅ组的美国、俄罗斯、立陶宛), and two places paired by 对 in a sentence about a
    match (第一轮山东对江苏、广东对辽宁). A place named alone stays a place: the corpora tag
    a country as a team a fifth of the time, and only these contexts tell which.

    >>> ms = [Mention(0, 3, "意大利", "Place", 0, "gazetteer"), Mention(4, 7, "巴西队", "Organization", 0, "suffix:队")]
    >>> [(m.text, m.type) for m in places_as_teams("意大利、巴西队揭开了杯赛序幕", ms)]
    [('意大利', 'Organization'), ('巴西队', 'Organization')]
    """
    ordered = sorted((m for m in mentions if m.rule != "reference" and not m.rule.startswith("nested-")), key=lambda m: (m.start, -m.end))
    teams: set[Mention] = set()
    k = 0
    while k < len(ordered):
        run = [ordered[k]]
        while k + 1 < len(ordered) and text[run[-1].end : ordered[k + 1].start] in LIST_JOINERS:
            k += 1
            run.append(ordered[k])
        k += 1
        places = [m for m in run if m.type == "Place"]
        if not places:
            continue
        with_team = any(m.type == "Organization" and PLACE_TEAM.fullmatch(m.text) for m in run)
        last = run[-1]
        if VENUE_BEFORE.search(text, max(0, run[0].start - 6), run[0].start):
            continue  # 在成都与四川全兴队苦战: where the teams play
        if run[-1].type == "Place" and text.startswith(("球队", "球员", "选手"), run[-1].end):
            continue  # 与欧洲和南美球队相比: the teams of a region
        if (
            (with_team and len(run) >= 2)
            or (last.type == "Place" and TEAMS_AFTER.match(text, last.end))
            or TEAMS_BEFORE.search(text, max(0, run[0].start - 3), run[0].start)
        ):
            teams.update(places)
    sentence_has_match = MATCH_CUES.search(text) is not None
    for a, b in zip(ordered, ordered[1:]):
        if (
            sentence_has_match
            and a.type == b.type == "Place"
            and text[a.end : b.start] == "对"
            and text[b.end : b.end + 1] in ("、", "，", "。", "；", "")
        ):
            teams.update((a, b))
    return [m._replace(type="Organization", rule="place-team") if m in teams else m for m in mentions]


def armies_as_places(mentions: list[Mention], place_forms: Container[str]) -> list[Mention]:
    """``mentions`` with a state's army named by the state and 军队 (印度军队, 南斯拉夫联盟军队)
    read as the state, a place (LOC), as MSRA and People's Daily annotate it: they never tag
    军队 (about twenty times in their dev sets); the graph keeps the army as an organisation of
    its state. The short form (日军, 美军) stays: CLUENER tags it an organisation twenty times.

    >>> ms = [Mention(2, 6, "印度军队", "Organization", 0, "lexicon"), Mention(7, 9, "日军", "Organization", 0, "lexicon")]
    >>> [(m.text, m.type) for m in armies_as_places(ms, {"印度"})]
    [('印度', 'Place'), ('日军', 'Organization')]
    """
    places = {m.start: m for m in mentions if m.type == "Place"}
    out = []
    for m in mentions:
        if m.type == "Organization" and m.text.endswith("军队") and len(m.text) > 2:
            head = m.text[:-2]
            inner = places.get(m.start)
            if head in place_forms:
                m = Mention(m.start, m.end - 2, head, "Place", m.sentence, "army-place")
            elif inner is not None and inner.end <= m.end - 2:
                m = inner._replace(rule="army-place")
        out.append(m)
    return out
