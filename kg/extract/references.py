"""Reference words: mentions for words that point at an entity without naming it (我省, a
bare 座谈会, 常书记). They are never aliases; each is resolved to the entity it refers to
in its document, or left out. ``surname_references`` finds the bare surnames before a title
or a form of address (吴先生, 常副局长) that span annotation reports as person mentions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Container, Sequence

from kg.extract.candidates import ADDRESS_FORMS, CJK, PERSON_POS
from kg.extract.scan import led_finditer, word_lead
from kg.extract.spans import SpanIndex
from kg.model import DocEntity, Mention, Sentence, Token
from kg.read.sentences import CLAUSE_MARKS, CLOSERS, SEMICOLONS
from kg.resources import Resources

# ---------------------------------------------------------------------- references
#: Reference words for the place a paper is about (GUIDELINES: not aliases, but a
#: relation stated through them counts): 我省 → the province the document is about.
PLACE_REFERENCES = {
    "我省": "province", "本省": "province", "全省": "province",
    "我市": "prefecture", "本市": "prefecture", "全市": "prefecture",
    "我县": "county", "本县": "county", "全县": "county", "我区": "county",
    # the country a Chinese paper writes from, when the document names it (gazetteer id)
    "我国": "CN",
}
#: Bare event nouns resolved to the last named event of the same kind before them.
EVENT_HEADS = ("座谈会", "峰会", "论坛", "博览会", "推介会", "年会", "大会", "会议", "展会", "交易会", "洽谈会", "对话会", "推进会")
#: The heads of the names a bare 会议 stands for: any kind of meeting, not an exhibition,
#: a fair or games (news calls a 峰会 or a 推介会 "会议" once it has named it).
MEETING_HEADS = (
    "会议", "全会", "大会", "峰会", "论坛", "年会", "座谈会", "推介会", "对接会", "洽谈会", "说明会", "常务会",
    "推进会", "对话会", "研讨会", "交流会", "恳谈会", "招商会", "发布会", "联席会", "部署会", "动员会", "调度会",
)
#: Endings of the names of happenings (新冠肺炎疫情, 乌克兰危机, 叙利亚冲突): events that take
#: place, not ones held, attended or opened; no bare event word (开幕式, 会议, 活动) stands
#: for them.
HAPPENINGS = ("疫情", "危机", "冲突", "战争", "事件", "事变")
#: Ceremonies and activities: a bare 仪式 or 签约仪式 stands for a named ceremony or activity.
CEREMONY_HEADS = ("仪式", "活动", "典礼")
#: Bare event words and the heads of the names each may stand for ("" is any named event:
#: 出席活动, 在开幕式上 speak of the event the article has named, whatever its kind).
EVENT_WORDS: dict[str, tuple[str, ...]] = {
    **{h: (h,) for h in EVENT_HEADS},
    "会议": MEETING_HEADS,
    "全会": ("全会", "全体会议", "全体(扩大)会议", "全体（扩大）会议", "扩大会议"),
    **{w: CEREMONY_HEADS for w in ("仪式", "典礼", "签约仪式", "开工仪式", "启动仪式", "揭牌仪式", "签约活动")},
    **{w: ("",) for w in ("活动", "开幕式", "闭幕式", "开幕大会", "闭幕大会", "开幕仪式", "开幕典礼")},
}
#: Words too common to be read as the named event everywhere (开展活动, 宗教仪式): they
#: refer only with a demonstrative (此次活动), as the object of attending or holding
#: (出席项目签约仪式, 参加了当天的活动), or as the scene of what follows (在开幕式上,
#: 开幕式由…主持, 活动现场).
CONTEXT_EVENT_WORDS = frozenset(w for w, heads in EVENT_WORDS.items() if heads in (("",), CEREMONY_HEADS))
_DEMONSTRATIVES = ("本届", "此次", "这次", "本次", "该")
#: The segmenter joins these verbs and the noun after them into one token (出席会议,
#: 主持会议): the noun is still a word of its own.
_FUSING_VERBS = frozenset({"出席", "参加", "主持", "召开", "列席", "参与"})
_ATTEND_BEFORE = re.compile(r"(?:出席|参加|主持|列席|参与|亮相|举行|举办)了?[^，。；,;！？、：:\s]{0,6}$")
_SCENE_AFTER = ("上", "现场", "由")
#: Attending (not convening) a meeting with a modifier: a session of the named event.
_ATTENDED_SESSION = re.compile(r"(?:出席|参加|列席|参与)了?[^，。；,;！？、：:\s召举]{1,6}$")
_REF_RE = re.compile(
    "(?:" + "|".join(PLACE_REFERENCES) + ")|(?P<dem>" + "|".join(_DEMONSTRATIVES) + ")?(?P<event>"
    + "|".join(sorted(EVENT_WORDS, key=lambda w: (-len(w), w))) + ")"
)
#: Where a reference word can start (its optional demonstrative makes ``_REF_RE`` one the
#: regex engine tries at every offset; see :mod:`kg.extract.scan`).
_REF_LEAD = word_lead([*PLACE_REFERENCES, *_DEMONSTRATIVES, *EVENT_WORDS])
_EVENT_HEAD_SET = tuple(sorted({h for heads in EVENT_WORDS.values() for h in heads}))


#: What follows a meeting cited as the source of a line, not held in the article (贯彻党的
#: 二十大精神, 市委全会提出的要求, 十八大以来), or an event the article's is one part of
#: (此次活动是…旅游节系列活动之一, …博览会的重要活动): no bare 会议 or 活动 of the article
#: stands for it.
_CITED_AFTER = re.compile(
    r"[”\"]?(?:的)?(?:精神|提出|部署|作出|做出|确定|确立|明确|以来|擘画|描绘|要求|决策|重要讲话"
    r"|(?:系列|配套|重要|主要)?活动之一|(?:系列|配套)活动)"
)


_LIST_JOINERS = frozenset({"和", "、", "及", "与", "以及", "，"})


#: Words that count or sort event words: 举办一系列活动 speaks of events to come, none named.
_QUANTIFIED_BEFORE = re.compile(r"(?:一系列|系列|多项|多场|多个|各项|各类|各种|一批|一些|丰富多彩的)$")


def _event_word_refers(text: str, s: int, e: int) -> bool:
    """Whether a common event word (活动, 仪式, 开幕式) at text[s:e] speaks of an event of
    the article: as the object of attending or holding, or as the scene of what follows;
    not when counted or sorted (举办一系列活动, 开展各类活动)."""
    if _QUANTIFIED_BEFORE.search(text, max(0, s - 5), s):
        return False
    if _ATTEND_BEFORE.search(text, max(0, s - 10), s):
        return True
    return text.startswith(_SCENE_AFTER, e)


#: Parts of speech of a word that makes a meeting word a new meeting (调度会议, 融资会议,
#: 重要会议, 第一次会议, 动员大会): nouns, verbal nouns, adjectives, numbers and measures.
_MODIFIER_POS = ("n", "vn", "a", "m", "q", "b", "j", "l", "i")


def _modified(text: str, s: int, starts: Container[int], res: Resources) -> bool:
    """Whether the word ending at ``s`` modifies the meeting word that starts there, so that
    the word names another meeting. A verb, a preposition, a conjunction, a particle or a
    mark before it leaves it bare (出席会议, 在大会上, 会议指出, 宣布大会开幕); a word not
    in the dictionary is taken for part of a name."""
    p = next((q for q in range(s - 1, max(s - 5, -1), -1) if q in starts), None)
    if p is None:
        return False
    word = text[p:s]
    if not CJK.match(word) or word in _FUSING_VERBS:
        return False
    entry = res.dictionary.get(word)
    if entry is None:
        return True
    return entry[1].startswith(_MODIFIER_POS)


def resolve_references(
    text: str,
    mentions: list[Mention],
    entities: list[DocEntity],
    sentences: Sequence[Sentence],
    res: Resources,
    starts: Container[int],
    window: int = 12,
) -> list[Mention]:
    """Mentions for reference words: 我省 → the document's main province; 座谈会 → the last
    named 座谈会 within ``window`` sentences before it (clauses ended by a semicolon count
    with their sentence); 会议 → the last named meeting of any
    kind (峰会, 推介会, 全体会议); 出席活动, 在开幕式上 → the last named event of any kind
    (EVENT_WORDS). They carry the entity's name as ``key`` and ``rule="reference"``; they
    are never aliases.

    The nearest named event is taken, so 会议 after a second meeting is that meeting; an
    article that names no event resolves nothing.
    """
    by_kind: dict[str, tuple[int, str]] = {}
    place_of = {e.name: dict(e.attrs).get("ref", "") for e in entities if e.type == "Place" and e.attrs}
    for e in entities:
        if e.type != "Place" or not e.attrs:
            continue
        ref = dict(e.attrs).get("ref", "")
        if ref == "CN":
            by_kind[ref] = (e.mentions, e.name)
        place = res.places.get(ref)
        if place is not None and place.kind in ("province", "prefecture", "county"):
            best = by_kind.get(place.kind)
            if best is None or e.mentions > best[0]:
                by_kind[place.kind] = (e.mentions, e.name)
    events = sorted(
        (m for m in mentions if m.type == "Event" and not m.rule.startswith("nested-") and not m.key.endswith(HAPPENINGS)),
        key=lambda m: m.start,
    )
    # meetings cited for their line are no targets, and so is each one listed before a cited
    # one (市委全会和区委全会提出的要求); read from the last, the list is seen in one pass
    cited_from = None
    for k in range(len(events) - 1, -1, -1):
        m = events[k]
        if _CITED_AFTER.match(text, m.end) or (cited_from is not None and text[m.end : cited_from] in _LIST_JOINERS):
            cited_from = m.start
            events[k] = None
        else:
            cited_from = None
    events = [m for m in events if m is not None]
    # the mentions' spans, sorted when first asked (a text without reference words never asks)
    covered: SpanIndex | None = None
    sent_starts = [s.start for s in sentences]
    # the window counts sentences as a full stop ends them: the clauses a semicolon ends,
    # sentences of their own, count as one with the sentence they are part of
    ordinal: dict[int, int] = {}
    n = 0
    for sent in sentences:
        ordinal[sent.index] = n
        n += sent.text.rstrip(CLOSERS)[-1:] not in SEMICOLONS
    # The last named event of each kind that ends before the reference word, kept up to
    # date as the words come in text order (searching the events again for each word took
    # time quadratic in the document's length). Events run in sentence order, so the last
    # one is also the nearest: when it is out of the window, so is every other.
    by_end = sorted(range(len(events)), key=lambda k: events[k].end)
    added = 0
    last_of_kind: dict[str, int] = {}
    out = []
    for mt in led_finditer(_REF_RE, _REF_LEAD, text):
        s, e = mt.span()
        if covered is None:
            covered = SpanIndex((m.start, m.end) for m in mentions)
        if covered.overlaps(s, e):
            continue
        word = mt.group()
        if s not in starts and (word in PLACE_REFERENCES or not (s - 2 in starts and text[s - 2 : s] in _FUSING_VERBS)):
            continue
        k = bisect_right(sent_starts, s) - 1
        si = sentences[k].index if k >= 0 else 0
        if word in PLACE_REFERENCES:
            target = by_kind.get(PLACE_REFERENCES[word])
            if word[0] == "全":
                # 辽宁沈阳正开展全市…, 甘肃全省14个市州: "the whole of" the place of that kind
                # its own clause names before it, in a text that reports on several
                target = _clause_place(text, s, mentions, place_of, PLACE_REFERENCES[word], res) or target
            if target is not None:
                out.append(Mention(s, e, word, "Place", si, "reference", name=target[1], key=target[1]))
            continue
        core = mt.group("event")
        if mt.group("dem"):
            pass  # 此次活动, 本次会议: the event spoken of
        elif core in CONTEXT_EVENT_WORDS:
            if not _event_word_refers(text, s, e):
                continue
        elif _modified(text, s, starts, res) and not _ATTENDED_SESSION.search(text, max(0, s - 10), s):
            # 召开调度会议, 融资会议: a meeting of its own, not the one named; but 参加大范围
            # 会议 is a session of the named meeting
            continue
        while added < len(by_end) and events[by_end[added]].end <= s:
            k = by_end[added]
            for h in _EVENT_HEAD_SET:
                if events[k].name.endswith(h) and k > last_of_kind.get(h, -1):
                    last_of_kind[h] = k
            added += 1
        k = max((last_of_kind.get(h, -1) for h in EVENT_WORDS[core]), default=-1)
        if k >= 0 and ordinal.get(si, si) - ordinal.get(events[k].sentence, events[k].sentence) <= window:
            m = events[k]
            out.append(Mention(s, e, word, "Event", si, "reference", name=m.key, key=m.key))
    # 李书记, 王市长: a surname with a title names the one person of that surname in the article
    by_surname: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type == "Person" and 2 <= len(e.name) <= 4 and CJK.match(e.name):
            sur = e.name[:2] if e.name[:2] in res.surnames and len(e.name) >= 3 else e.name[0]
            by_surname[sur].add(e.name)
    if by_surname:
        for mt in led_finditer(_SURNAME_TITLE_RE, _SURNAME_TITLE_LEAD, text, back=2):
            s, e = mt.span()
            names = by_surname.get(mt.group(1), ())
            if len(names) != 1:
                continue
            if covered is None:
                covered = SpanIndex((m.start, m.end) for m in mentions)
            if covered.overlaps(s, e):
                continue
            name = next(iter(names))
            k = bisect_right(sent_starts, s) - 1
            si = sentences[k].index if k >= 0 else 0
            out.append(Mention(s, e, mt.group(), "Person", si, "reference", name=name, key=name))
    return out


def _clause_place(text: str, s: int, mentions: list[Mention], place_of: dict[str, str], kind: str,
                  res: Resources) -> tuple[int, str] | None:
    """The last place of ``kind`` (province, prefecture, county) named before offset ``s``
    in its clause (no mark of a clause's end between), as ``(0, name)``; None if none."""
    for m in reversed(mentions):
        if m.end > s or m.type != "Place":
            continue
        if _CLAUSE_MARKS.search(text, m.end, s):
            return None
        place = res.places.get(place_of.get(m.key or m.name, ""))
        if place is not None and place.kind == kind:
            return 0, m.key or m.name
    return None


#: Marks that end a clause (kg.read.sentences): a place named before one is not the one 全市
#: speaks of.
_CLAUSE_MARKS = re.compile(f"[{CLAUSE_MARKS}]")
#: A surname followed by a title or form of address (李书记, 王总, 张老师).
_ADDRESS_TITLES = ("书记", "市长", "省长", "县长", "区长", "镇长", "主任", "局长", "厅长", "部长", "董事长", "总经理", "主席",
                   "院长", "校长", "老师", "教授", "总")
_SURNAME_TITLE_RE = re.compile(
    r"([\u4e00-\u9fff]{1,2}?)(" + "|".join(_ADDRESS_TITLES) + r")(?![\u4e00-\u9fff]{0,1}[长记])"
)
#: The title of such a match starts one or two characters after the match: the pattern
#: itself starts with any Chinese character, so the engine would try it at every offset.
_SURNAME_TITLE_LEAD = word_lead(_ADDRESS_TITLES)


def surname_references(res: Resources, text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Spans of a bare surname before a title or a form of address: 吴先生, 刘某, 江主席,
    陆老师, 常副局长 → the surname. They refer to a person without naming one, so the
    graph resolves them (``resolve_references``) rather than making entities of them;
    span annotation reports them as person mentions, as the public NER corpora do.

    >>> from kg.resources import load_resources
    >>> from kg.model import Token
    >>> surname_references(load_resources(), "吴先生到了北京", [Token("吴先生", 0, 3, "nr"), Token("到", 3, 4, "v")])
    [(0, 1)]
    """
    out = []
    titles = res.title_set
    for i, t in enumerate(tokens):
        w = t.text
        for k in (2, 1):
            sur = w[:k]
            if sur not in res.surnames or len(w) < k:
                continue
            rest = w[k:]
            if rest:
                if rest in ADDRESS_FORMS or rest in titles or (rest == "老" and w not in res.dictionary):
                    # 吴先生, 江主席; 侯老, 胡老: the honorific 老 after an elder's surname (not 古老)
                    out.append((t.start, t.start + k))
                    break
            elif (
                i + 1 < len(tokens)
                and t.pos not in ("p", "v", "r", "c", "u", "uj", "ul", "m", "f")
                and not tokens[i + 1].text.startswith(sur)
                and (tokens[i + 1].text in ADDRESS_FORMS or tokens[i + 1].text in titles or tokens[i + 1].text == "老")
            ):
                prev = tokens[i - 1] if i > 0 else None
                if prev is None or not (prev.pos in PERSON_POS or CJK.match(prev.text[-1:]) and prev.pos in ("ns", "nz", "nt")):
                    out.append((t.start, t.end))
                break
    return out
