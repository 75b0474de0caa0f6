"""Typed relations from rules, and sentence co-occurrence, each with its evidence.

The rules are data (``data/rules/relations.toml``): a relation, an engine, trigger words
and the entity types allowed at each end. The engines here read one sentence at a time,
with its mentions in order:

- ``title``: BODY TITLE PERSON (晋中市委书记常书铭), chains of titles
  (全国人大代表、晋中市委书记常书铭) and lists of names sharing one title
  (新华社记者谢希瑶、郑钧天);
- ``adjacent``: a place right before a name (寿阳县山西新元煤炭有限责任公司 → located_in;
  晋中市祁县 → part_of when the gazetteer confirms the nesting);
- ``trigger``: HEAD … TRIGGER … TAIL, the tail being the first allowed mention after the
  trigger and the head the nearest person before it, else the sentence's first allowed
  mention; ``before_trigger`` also reads 在 TAIL TRIGGER (在山西考察);
- ``pair``: A 与/和/同 B … TRIGGER (山西国际能源集团与榆社县人民政府签约);
- ``venue``: EVENT 在 PLACE 举行 (located_in) and EVENT上，PERSON (attended).

Every relation carries Evidence: document, sentence index, the offsets of the span from
head to tail in the document text, the sentence and the id of the rule that fired.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from kg.model import SYMMETRIC, Document, Evidence, Mention, Relation, Sentence, Token
from kg.resources import RelationRule, Resources
from kg.extract.segment import TokenBounds
from kg.extract.spans import SpanIndex

#: A news agency's dateline: agency, place, date, 电 (新华社重庆4月23日电).
DATELINE = re.compile(r"(?:新华社|中新社|本报|人民网|央视网消息)(?:记者[\u4e00-\u9fff、 ]{0,12})?([\u4e00-\u9fff]{2,8}?)\d{1,2}月\d{1,2}日电")
#: What may stand before an event that opens a sentence: a date, nothing else.
LEADING_TIME = re.compile(r"[\s\d年月日号，,、－\-—至到初底中旬上下]*")
#: A company's sub-unit between a place and a title: the post is in the company, not the place.
COMPANY_IN_GAP = re.compile(r"公司|集团|能源|科技|重工|股份|银行")
CLAUSE_END = re.compile(r"[。！？；!?;]")
CLAUSE_MARKS = re.compile(r"[，,]")
#: Words that make an organising verb a noun (主办方, 承办单位).
ORGANISER_NOUN_AFTER = ("方", "单位", "者", "权", "城市", "地")
#: Between the organisers and the verb: 联合主办, 共同承办.
ORGANISER_JOINT = re.compile(r"(?:联合|共同)$")
PAIR_CONJ = ("与", "和", "同", "跟", "及")
#: What stands between two listed names of the same kind: 山西、陕西, 张三和李四.
LIST_MARKS = frozenset("、和及与")
#: Places found by these suffix rules are administrative units below a county.
LOCAL_UNITS = frozenset({"suffix:村", "suffix:镇", "suffix:乡", "suffix:街道"})
ADMIN_KINDS = frozenset({"country", "province", "prefecture", "county", "state"})


#: Words that may stand before a title (副书记, 国家主席, 常务副省长); 驻 before one takes a
#: place of one to six characters (驻华大使).
TITLE_PREFIXES = ("国家", "党组", "党委", "常务", "执行", "首席", "第一", "总", "副", "代", "原", "前")
#: What may open a run of titles, and what may follow each title (副省长、代省长, 书记兼主任).
_OPENING_MARKS = frozenset("、，,")
_TITLE_MARKS = frozenset("、，,和兼及暨")
#: A sub-unit between a body and a title (山西省发改委项目推进中心主任): the post is held in
#: the named parent body (GUIDELINES: sub-units are not entities). Its name is one to 14
#: characters of these before one of the unit words.
_SUB_UNIT_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+＋ ]")
SUB_UNIT_WORDS = ("中心", "办公室", "处", "科", "室", "所", "站", "队", "分公司", "研究院", "事业部", "工作部")


class TitleRun:
    """Tells whether a gap between two mentions holds titles only (``书记``, ``副省长、代省长``,
    ``驻华大使``; not ``书记说``); with ``sub_unit``, a sub-unit may open the gap
    (``项目推进中心主任``).

    The gap is: marks (``、，,`` or spaces), then one or more titles, each after any number
    of prefixes (``副``, ``国家``, ``驻`` + a place) and before any number of marks
    (``、，,和兼及暨`` or spaces). A regular expression with nested repetitions said this
    before and tried every way of cutting a gap into words, which took exponential time on
    ``副总经理副总经理…`` ending in anything else. This reads the gap once, left to right,
    keeping the offsets it can have reached: time linear in the gap's length.

    Example:
        >>> run = TitleRun(["书记", "省长", "大使"])
        >>> run.match("副书记、代省长"), run.match("驻华大使"), run.match("书记说")
        (True, True, False)
    """

    def __init__(self, titles: Sequence[str], sub_unit: bool = False):
        self._titles = frozenset(t for t in titles if t)
        self._lengths = sorted({len(t) for t in self._titles})
        self._sub_unit = sub_unit

    def match(self, gap: str) -> bool:
        n = len(gap)
        # can_open[i]: a prefix or a title may start at i; closed[i]: a title ended at i
        # (marks may follow, then another title)
        can_open = bytearray(n + 1)
        closed = bytearray(n + 1)
        lead = 0
        while lead < n and (gap[lead] in _OPENING_MARKS or gap[lead].isspace()):
            lead += 1
        furthest = lead  # no state is set beyond this offset yet
        for k in range(lead + 1):
            can_open[k] = 1
            if self._sub_unit:
                furthest = max(furthest, self._after_sub_unit(gap, k, can_open))
        titles, lengths = self._titles, self._lengths
        for pos in range(n + 1):
            if pos > furthest:
                return False
            if closed[pos]:
                can_open[pos] = 1
                if pos < n and (gap[pos] in _TITLE_MARKS or gap[pos].isspace()):
                    closed[pos + 1] = 1
                    furthest = max(furthest, pos + 1)
            if not can_open[pos] or pos == n:
                continue
            for w in TITLE_PREFIXES:
                if gap.startswith(w, pos):
                    can_open[pos + len(w)] = 1
                    furthest = max(furthest, pos + len(w))
            if gap[pos] == "驻":
                for k in range(pos + 1, min(pos + 7, n)):
                    if gap[k].isspace():
                        break
                    can_open[k + 1] = 1
                    furthest = max(furthest, k + 1)
            for size in lengths:
                if pos + size <= n and gap[pos : pos + size] in titles:
                    closed[pos + size] = 1
                    furthest = max(furthest, pos + size)
        return bool(closed[n])

    @staticmethod
    def _after_sub_unit(gap: str, start: int, can_open: bytearray) -> int:
        """Mark where a sub-unit's name opening at ``start`` may end; return the furthest."""
        furthest = start
        for k in range(start, min(start + 14, len(gap))):
            if not _SUB_UNIT_CHAR.match(gap[k]):
                break
            for word in SUB_UNIT_WORDS:
                if gap.startswith(word, k + 1):
                    can_open[k + 1 + len(word)] = 1
                    furthest = max(furthest, k + 1 + len(word))
        return furthest


_CLAUSE_MARKS = "，,。；;！？"

#: Between a visited place and the trigger after it: nothing, or 进行 and the kind of
#: visit (对俄罗斯进行工作访问).
VISIT_GAP = re.compile(r"(?:(?:成功|顺利|再次|首次)?进行(?:了)?(?:工作|正式|国事|友好|专题|实地)?|实地|专题)?")
#: What stands right before the place of a visit: 在山西考察, 对俄罗斯进行访问, 来驻马店考察,
#: 前往浙江省考察, 深入企业调研.
VISIT_PREP = re.compile(r"(?:前往|来到|深入|在|对|到|赴|来)")
#: A visit's place after the trigger stands in its clause.
VISIT_CLAUSE_END = re.compile(r"[，,；;：:]")
#: Words of a host between the subject and a visit trigger: the visit is the guests'.
HOST_WORDS = re.compile(r"欢迎|宴请|接待|会见")
#: What may open the gap between two listed names besides marks: 习近平同…总统普京,
#: …外长扎里夫以及联合国秘书长古特雷斯.
_LIST_CONJ = re.compile(r"^[\s、，,]*(?:以及|和|及|与|同)")
#: Bare bodies before a title in a list of names (市政协主席, 市人大常委会主任): no entity,
#: but no break in the list either.
_BARE_BODY = re.compile(r"[省市县区州](?:人大常委会|人大|政协|政府|纪委监委|纪委|委)")
#: Words of one who receives the attendees of an event: 会见出席峰会的…
GUEST_HOSTS = ("会见", "接见", "看望", "慰问", "欢迎", "宴请", "会晤", "接待")

#: Titles of the head of a place's government: the post is in the place as well.
LEADER_OF_PLACE = re.compile(r"省长|市长|县长|区长|州长|自治区主席")
#: The level words that open a bare title (市委副书记, 省人大常委会主任, 县长), and the
#: bodies that may follow the level with no name (GUIDELINES: 省委, 市政府 are references).
BARE_LEVELS = ("自治区", "省", "市", "县", "区")
BARE_BODIES = ("人大常委会", "人民政府", "政府", "政协", "纪委", "监委", "委")
#: A title naming the level by itself: 市长 is the mayor of a city.
LEVEL_TITLES = (("省长", "省"), ("市长", "市"), ("县长", "县"), ("区长", "区"), ("自治区主席", "自治区"))
#: What may stand before the first bare title of a clause (受省委书记王某委托).
BARE_OPENERS = frozenset("受由经据与和同及向对请")
#: A run of bare titles opens after a mark, not right after a name.
BARE_RUN_OPENS = re.compile(r"[，,；;：:、。]")
#: A place right after these is where a person goes or stays, not the place of the post.
DESTINATION_MARKS = frozenset("在赴到往抵至来")


def _bare_run_level(gap: str, titles: TitleRun) -> str | None:
    """The level a run of bare titles names: ``"市"`` for ``，市委副书记、市长``, ``""``
    for a run with a bare body and no level (``政协副主席``), None when the gap is not a
    run of bare titles (``书记说``, ``党委书记``: a title alone names no body).

    The gap is cut at the last clause mark; what remains is titles separated by 、 or 兼,
    each after an optional level and bare body, the first after an optional opener.
    """
    cut = max(gap.rfind(c) for c in "，,；;：:。")
    run = gap[cut + 1 :].strip()
    if run and run[0] in BARE_OPENERS:
        run = run[1:]
    items = re.split(r"[、兼和及\s]+", run)
    if not run or not all(items):
        return None
    level: str | None = None
    bare_body = False
    for item in items:
        parsed = _bare_item(item, titles)
        if parsed is None:
            return None
        item_level, body = parsed
        if level is None and item_level:
            level = item_level
        bare_body = bare_body or body
    if level is None:
        return "" if bare_body else None
    return level


def _bare_item(item: str, titles: TitleRun) -> tuple[str, bool] | None:
    """(level, has a bare body) of one bare title (市委副书记 → ("市", True)), or None."""
    for lv in ("", *BARE_LEVELS):
        if not item.startswith(lv):
            continue
        rest = item[len(lv) :]
        for body in ("", *BARE_BODIES):
            if not rest.startswith(body) or (body and not lv and body == "委"):
                continue
            title = rest[len(body) :]
            if title and titles.match(title):
                if not lv:
                    lv = next((level for word, level in LEVEL_TITLES if word in title), "")
                return lv, bool(body)
    return None


def _place_levels(place) -> tuple[str, ...]:
    """The bare levels a Chinese administrative place answers to (重庆市: 市; 大冶市: 市;
    祁县: 县); empty for foreign places and places not in the gazetteer."""
    if place is None or not place.id.startswith("cn:"):
        return ()
    name, kind = place.name, place.kind
    if kind == "province":
        if name.endswith("自治区"):
            return ("自治区", "省")
        return ("市",) if name.endswith("市") else ("省",)
    if kind == "prefecture":
        return ("市",) if name.endswith("市") else ()
    if kind == "county":
        return tuple(lv for lv in ("市", "县", "区") if name.endswith(lv))
    return ()


def _last_clause_mark(text: str, start: int, end: int) -> int:
    """Offset of the last clause mark in ``text[start:end]``, -1 when there is none."""
    return max(text.rfind(p, start, end) for p in _CLAUSE_MARKS)


class RelationFinder:
    """Applies the relation rules of a ``Resources`` to one document at a time."""

    def __init__(self, res: Resources):
        self.res = res
        self.title_re = TitleRun(res.titles)
        self.post_re = TitleRun(res.titles, sub_unit=True)
        self.rules = res.relation_rules
        self._patterns: dict[str, re.Pattern] = {}

    def find(
        self,
        doc: Document,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        tokens: Sequence[Token] | TokenBounds,
        skip: Sequence[tuple[int, int]] = (),
        refs: dict[str, str] | None = None,
    ) -> list[Relation]:
        """Relations stated in ``doc``; heads and tails are the mentions' ``key`` names.

        ``tokens`` are the document's tokens, or their bounds (``TokenBounds``) when the
        document was segmented in sections. ``refs`` maps an entity name to its gazetteer
        id, for part_of checks.
        """
        self._refs = refs or {}
        self._nested: list[Mention] = []
        self._top: list[Mention] = []
        self._places_of: tuple[int, list[Mention]] = (-1, [])
        text = doc.text
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_sentence[m.sentence].append(m)
        bounds = tokens if isinstance(tokens, TokenBounds) else TokenBounds.of(tokens, len(text))
        skipped = SpanIndex(skip)
        # evidence in the order found, each once (a dict: a long document states one
        # relation thousands of times, and a list would be searched each time)
        found: dict[tuple[str, str, str], dict[Evidence, None]] = defaultdict(dict)

        def add(rule: RelationRule, head: Mention, tail: Mention, sent: Sentence):
            if head.key == tail.key:
                return
            h, t = head.key, tail.key
            if rule.relation in SYMMETRIC and t < h:
                h, t = t, h
            s = min(head.start, tail.start)
            e = max(head.end, tail.end)
            ev = Evidence(doc.id, sent.index, s, e, sent.text, rule.id)
            found[(h, rule.relation, t)].setdefault(ev, None)

        # the last clause mark (，。；…) before the sentence being read, carried from one
        # sentence to the next so that no search runs back over the whole document
        self._mark_before = -1
        marks_from = 0
        for sent in sentences:
            self._mark_before = max(self._mark_before, _last_clause_mark(text, marks_from, sent.start))
            marks_from = sent.start
            ms = sorted(by_sentence.get(sent.index, ()), key=lambda m: (m.start, -m.end))
            if len(ms) < 2:
                continue  # every rule needs two mentions
            if skipped.reaches(sent.start, sent.end):
                continue
            self._sentence_start = sent.start
            top = [m for m in ms if not m.rule.startswith("nested-")]
            self._nested = [m for m in ms if m.rule.startswith("nested-")]
            self._top = top
            for rule in self.rules:
                engine = getattr(self, "_" + rule.engine)
                for head, tail in engine(rule, text, sent, top, bounds):
                    if head.type in rule.head and tail.type in rule.tail:
                        if rule.reverse:
                            head, tail = tail, head
                        add(rule, head, tail, sent)
        # who proposed a programme is not also said to take part in it
        for h, r, t in [k for k in found if k[1] == "proposed"]:
            found.pop((h, "participates_in", t), None)
        out = [Relation(h, r, t, tuple(ev)) for (h, r, t), ev in sorted(found.items())]
        return out

    def _clause_start(self, text: str, pos: int) -> int:
        """Offset of the last clause mark (，,。；;！？) before ``pos`` in the current
        sentence or before it, -1 when there is none."""
        inside = _last_clause_mark(text, self._sentence_start, pos)
        return inside if inside != -1 else self._mark_before

    # ----------------------------------------------------------------- engines
    def _title(self, rule, text, sent, ms, bounds):
        held: dict[int, list[Mention]] = {}
        for i, p in enumerate(ms):
            if p.type != "Person":
                continue
            bodies: list[Mention] = []
            pos = p.start
            k = i - 1
            # a list of names shares the title: 新华社记者谢希瑶、郑钧天
            if k >= 0 and ms[k].type == "Person" and re.fullmatch(r"[\s、，和及]*", text[ms[k].end : p.start]):
                bodies.extend(held.get(k, []))
            else:
                while k >= 0:
                    m = ms[k]
                    gap = text[m.end : pos]
                    if m.type in rule.tail and gap and self._post_gap(text, m, gap) and not (
                        m.type == "Place" and COMPANY_IN_GAP.search(gap)
                    ):
                        bodies.append(m)
                        if m.type == "Organization" and LEADER_OF_PLACE.search(gap) and not m.key.endswith("政府"):
                            # 宁德市委副书记、市长潘国强: a mayor holds a post in the place too
                            # (中山市人民政府副市长: the post is in the government named)
                            bodies.extend(n for n in self._nested if m.start <= n.start and n.end <= m.end and n.type == "Place")
                        pos = m.start
                        k -= 1
                        continue
                    break
                if not bodies:
                    place = self._bare_title_place(text, sent, ms, i, held)
                    if place is not None:
                        bodies.append(place)
            held[i] = bodies
            for b in bodies:
                yield p, b

    def _post_gap(self, text: str, body: Mention, gap: str) -> bool:
        """The gap between a body and a name holds its titles; a title may share the
        body's last character (外交部长王毅: 外交部 + 部长)."""
        if self.post_re.match(gap):
            return True
        return gap[0] == "长" and body.end - body.start >= 3 and self.title_re.match(text[body.end - 1 : body.end + len(gap)])

    def _bare_title_place(self, text: str, sent: Sentence, ms: list[Mention], i: int, held: dict[int, list[Mention]]) -> Mention | None:
        """The place a bare title points to (GUIDELINES: a bare title whose place is named in
        the same sentence points to that place).

        成都市委书记范锐平，市委副书记、市长罗强 → 成都市: the titles before 罗强 name no body
        but a level (市委, 市长); the place is the nearest place of that level before the
        name in the sentence, else the first one after it that is not where the person
        goes (在杭州, 赴京). A run with a bare body and no level (政协副主席林雄 after
        广东省副省长…) takes the place of the names listed before it.
        """
        p = ms[i]
        left = ms[i - 1].end if i > 0 else sent.start
        if i > 0 and ms[i - 1].type != "Person" and not BARE_RUN_OPENS.search(text, left, p.start):
            return None  # 湛江市政府副秘书长: the titles follow a name, not a mark
        level = _bare_run_level(text[left : p.start], self.title_re)
        if level is None:
            return None
        places = self._sentence_places(sent)
        if level == "":
            # no level of its own: the place held by the name listed before, if any
            for k in range(i - 1, -1, -1):
                prev = [b for b in held.get(k, ()) if b.type == "Place" and _place_levels(self._place(b))]
                if prev:
                    return prev[-1]
                if ms[k].type == "Person":
                    break
            before = [m for m in places if m.end <= p.start]
            return before[-1] if before else None
        fits = [m for m in places if level in _place_levels(self._place(m))]
        before = [m for m in fits if m.end <= p.start]
        if before:
            return before[-1]
        for m in fits:
            if m.start >= p.end and text[m.start - 1] not in DESTINATION_MARKS:
                return m
        return None

    def _place(self, m: Mention):
        return self.res.places.get(self._refs.get(m.key, ""))

    def _sentence_places(self, sent: Sentence) -> list[Mention]:
        """Chinese administrative places named in the sentence, nested ones included, in
        order (computed once per sentence)."""
        if self._places_of[0] != sent.index:
            found = [m for m in (*self._top, *self._nested) if m.type == "Place" and _place_levels(self._place(m))]
            self._places_of = (sent.index, sorted(found, key=lambda m: m.start))
        return self._places_of[1]

    def _adjacent(self, rule, text, sent, ms, bounds):
        res = self.res
        for k, (a, b) in enumerate(zip(ms, ms[1:])):
            if a.type != "Place" or "abbreviation" in (a.rule, b.rule):
                continue  # 中非合作: a run of abbreviations is a list, not a location
            gap = text[a.end : b.start]
            pa = self._refs.get(a.key, "")
            if gap == "的":
                # 山西的吕梁革命老区和太行革命老区: a zone or site of the division before 的
                if rule.relation != "located_in" or b.type != "Place" or self._refs.get(b.key, "") or pa not in res.places:
                    continue
                for x in self._listed(ms, k + 1, text):
                    if x.type == "Place" and not self._refs.get(x.key, ""):
                        yield x, a
                continue
            if gap:
                continue
            if b.type == "Organization" and rule.relation == "part_of":
                # 福建宁德市委: the place inside the body is part of the place before it
                for n in self._nested:
                    if n.start == b.start and n.end <= b.end and n.type == "Place":
                        pn = self._refs.get(n.key, "")
                        if pa in res.places and pn in res.places and pa in res.parent_chain(pn):
                            yield n, a
            nested = False
            if b.type == "Place":
                pb = self._refs.get(b.key, "")
                if pa in res.places and pb in res.places:
                    nested = pa in res.parent_chain(pb)
                    if not nested and res.places[pb].kind in ADMIN_KINDS:
                        continue  # two divisions side by side: a list, not a location
                elif pa in res.places and b.rule in LOCAL_UNITS and res.places[pa].kind in ("county", "prefecture"):
                    nested = True  # 武乡县下庄村: a village or town of the county before it
                elif pa in res.places and b.rule == "pos:foreign-place" and res.places[pa].kind in ("state", "country"):
                    nested = True  # 艾奥瓦州马斯卡廷: a town of the state before it
            if rule.relation == "part_of" and nested or rule.relation == "located_in" and not nested:
                yield b, a

    @staticmethod
    def _listed(ms: list[Mention], k: int, text: str) -> list[Mention]:
        """ms[k] and the mentions listed right after it (A、B和C)."""
        out = [ms[k]]
        while k + 1 < len(ms) and text[ms[k].end : ms[k + 1].start] in LIST_MARKS:
            k += 1
            out.append(ms[k])
        return out

    def _trigger(self, rule, text, sent, ms, bounds):
        for mt in self._trigger_re(rule).finditer(sent.text):
            ts, te = sent.start + mt.start(1), sent.start + mt.end(1)
            if ts not in bounds.starts or (te not in bounds.ends and not any(m.start == te for m in ms)):
                continue  # 访华: the tail may start inside the trigger's token
            clause_end = sent.end
            stop = CLAUSE_END.search(text, te, sent.end)
            if stop:
                clause_end = stop.start()
            after = [m for m in ms if te <= m.start and m.end <= clause_end and m.type in rule.tail]
            if rule.before_trigger:
                # a place visited stands in the trigger's clause: 视察，主持召开…，经党中央 is not
                # a visit to 党中央
                after = [m for m in after if not VISIT_CLAUSE_END.search(text, te, m.start)]
            group = self._tail_group(after, text) if after and after[0].start - te <= rule.max_gap else []
            if group and group[0].type != "Person" and "的" in text[te : group[0].start]:
                # 会见来华进行国事访问的法国总统马克龙: the trigger is inside a clause that
                # describes a person, and the place is that person's country
                nxt = next((m for m in ms if m.start >= group[0].end), None)
                if nxt is not None and nxt.type == "Person" and self.title_re.match(text[group[0].end : nxt.start]):
                    group = []
            head_limit = ts
            if rule.before_trigger:
                # 在 TAIL TRIGGER (在山西考察调研), 对 TAIL 进行访问, 来 TAIL 考察; the
                # preposition stands right before the tail (or a list of tails), so that in
                # 陈星对张玉良一行来驻马店考察 the 对 of the host is not taken for it
                near = [k for k, m in enumerate(ms) if m.end <= ts and m.type in rule.tail and VISIT_GAP.fullmatch(text, m.end, ts)]
                if near:
                    listed = self._listed_before(ms, near[-1], text)
                    first = listed[0]
                    prep = VISIT_PREP.search(text, max(sent.start, first.start - 2), first.start)
                    if prep is not None and prep.end() == first.start:
                        group = [*listed, *group]
                        head_limit = prep.start()
            if not group:
                continue
            if rule.relation == "attended" and text.startswith("的", group[-1].end):
                # 会见出席中非合作论坛北京峰会的塞拉利昂总统比奥: the clause describes the
                # guests after 的, who attend; the one who meets them does not
                guests = self._described_after(group[-1].end + 1, ms, text)
                for head in guests:
                    for t in group:
                        yield head, t
                if guests or text.startswith(GUEST_HOSTS, max(0, ts - 2)) or text[ts - 1 : ts] in "与同和":
                    continue
            before = [m for m in ms if m.end <= head_limit and m.type in rule.head]
            party = text.find("一行", before[-1].end if before else ts, head_limit + 2)
            if party != -1:
                # X一行来…: the visitor is the name right before 一行, never the host before it
                before = [m for m in before if m.end == party]
            if rule.before_trigger and before and HOST_WORDS.search(text, before[-1].end, head_limit):
                # 林佳龙午宴欢迎…访台团, 宴请来昆访问的使节: the subject hosts the visitors
                continue
            if not before and text.startswith("的", te):
                # 正在希腊访问的习近平主席: the clause describes the person after 的
                after_de = next((m for m in ms if m.start > te and m.type in rule.head), None)
                if after_de is not None and after_de.start - te <= 3 and after_de not in group:
                    before = [after_de]
            for head in self._pick_heads(before, ms, rule, text, ts, bounds):
                for t in group:
                    yield head, t

    def _described_after(self, pos: int, ms: list[Mention], text: str) -> list[Mention]:
        """The persons a 的-clause ending at ``pos`` describes: the first person after it
        with only bodies and titles between (的塞拉利昂总统比奥), and those listed with it."""
        k = next((i for i, m in enumerate(ms) if m.start >= pos), len(ms))
        gap_from, gap_k, out = pos, k, []
        while k < len(ms):
            m = ms[k]
            if m.type != "Person":
                if m.start - gap_from > 12:
                    break
                k += 1
                continue
            gap = text[gap_from : m.start]
            for x in reversed(ms[gap_k:k]):  # the bodies and places before the title
                gap = gap[: x.start - gap_from] + gap[x.end - gap_from :]
            listed = self._list_gap(gap) if out else gap == "" or bool(self.title_re.match(gap))
            if not listed:
                break
            out.append(m)
            gap_from, gap_k = m.end, k + 1
            k += 1
        return out

    @staticmethod
    def _listed_before(ms: list[Mention], k: int, text: str) -> list[Mention]:
        """ms[k] and the mentions listed right before it (A、B和C → [A, B, C])."""
        j = k
        while j > 0 and ms[j - 1].type == ms[k].type and text[ms[j - 1].end : ms[j].start] in LIST_MARKS:
            j -= 1
        return ms[j : k + 1]

    def _tail_group(self, after: list[Mention], text: str) -> list[Mention]:
        """The first tail, made specific (福建省宁德市 → 宁德市), and a list that follows it."""
        group: list[Mention] = []
        i = 0
        while i < len(after):
            m = after[i]
            # a chain of adjacent places names one place: take the innermost
            while i + 1 < len(after) and m.type == "Place" and after[i + 1].type == "Place" and after[i + 1].start == m.end:
                i += 1
                m = after[i]
            # X的…Y: X modifies the tail (接待马斯卡廷的房东德沃切克 → 德沃切克)
            while (
                i + 1 < len(after)
                and after[i + 1].type == m.type
                and text.startswith("的", m.end)
                and after[i + 1].start - m.end <= 5
                and not re.search(r"[，。；、]", text[m.end : after[i + 1].start])
            ):
                i += 1
                m = after[i]
            group.append(m)
            if i + 1 < len(after) and text[m.end : after[i + 1].start] in LIST_MARKS:
                i += 1
                continue
            break
        return group

    def _pick_heads(self, heads: list[Mention], ms: list[Mention], rule, text, ts, bounds) -> list[Mention]:
        """The subject of a trigger, and the names listed with it (李强、丁薛祥出席…)."""
        if not heads:
            return []
        persons = [h for h in heads if h.type == "Person"]
        if rule.subject == "first":
            head = heads[0]
        else:
            head = persons[-1] if persons and "Person" in rule.head else heads[0]
        # calls and wishes (希望山西…, 要推进…) anywhere in the clause before the trigger
        clause_start = self._clause_start(text, head.start)  # -1 when none
        between = text[clause_start + 1 : ts]
        for b in rule.blockers:
            for mb in re.finditer(re.escape(b), between):
                pos = clause_start + 1 + mb.start()
                if bounds.is_token(pos, pos + len(b)):
                    return []
        out = [head]
        if head.type != "Person" or rule.subject == "first":
            return out
        k = ms.index(head) - 1
        cur, cur_k = head, k + 1
        while k >= 0:
            m = ms[k]
            if m.type == "Person":
                gap = text[m.end : cur.start]
                # what lies between two listed names: punctuation, titles and the bodies they
                # hold (the mentions between them in the sentence's order)
                inner = [x for x in ms[k + 1 : cur_k] if m.end <= x.start and x.end <= cur.start]
                for x in sorted(inner, key=lambda x: -x.start):
                    gap = gap[: x.start - m.end] + gap[x.end - m.end :]
                if self._list_gap(gap):
                    out.append(m)
                    cur, cur_k = m, k
                else:
                    break
            k -= 1
        return out

    def _list_gap(self, gap: str) -> bool:
        """Whether ``gap`` (named bodies taken out) only separates two listed names: marks,
        a conjunction (以及, 同), titles, and bare bodies before them (市政协主席)."""
        if re.fullmatch(r"[\s、，,和及与]*", gap) or self.title_re.match(gap):
            return True
        rest = _LIST_CONJ.sub("", gap, count=1)
        return bool(rest) and self.title_re.match(_BARE_BODY.sub("", rest))

    def _pair(self, rule, text, sent, ms, bounds):
        """A 与 B … TRIGGER, A … 同 [body title] B … TRIGGER, A、B、C三方 TRIGGER."""
        seen = set()
        for i, b in enumerate(ms):
            if b.type not in rule.tail:
                continue
            conj = self._conjunction_before(b, ms, text, sent)
            if conj is None:
                continue
            heads = [m for m in ms[:i] if m.end <= conj and m.type in rule.head]
            if not heads:
                continue
            # the partner before the conjunction: adjacent (A与B), after a bracketed
            # alias (A(别名)与B), else the nearest allowed mention in the clause (A…同B)
            a = heads[-1]
            between = text[a.end : conj]
            if between and not re.fullmatch(r"[（(][^）)]{1,15}[）)]", between):
                if rule.relation != "met" or CLAUSE_END.search(between):
                    continue
            # 与天津市南开区签署: a chain of places names the innermost one
            while b.type == "Place" and i + 1 < len(ms) and ms[i + 1].type == "Place" and ms[i + 1].start == b.end:
                i += 1
                b = ms[i]
            partners = self._listed_after(b, ms, rule, text)
            if self._trigger_after(partners[-1], rule, text, sent):
                for p in partners:
                    if (a, p) not in seen:
                        seen.add((a, p))
                        yield a, p
        # 中国、沙特、伊朗三方签署: every pair of a list followed by 双方/三方/两国 and a trigger
        for i, a in enumerate(ms):
            if a.type not in rule.head or (i > 0 and re.fullmatch(r"[、和与及]", text[ms[i - 1].end : a.start])):
                continue
            group = self._listed_after(a, ms, rule, text, include_self=True)
            if len(group) < 2:
                continue
            after = text[group[-1].end : group[-1].end + 4]
            if re.match(r"(?:双方|[两三四五六七八九十多]方|两国|三国|各方|两地|两市|两省)", after) and self._trigger_after(group[-1], rule, text, sent):
                for x, y in combinations(group, 2):
                    if (x, y) not in seen:
                        seen.add((x, y))
                        yield x, y

    def _conjunction_before(self, b: Mention, ms: list[Mention], text: str, sent: Sentence) -> int | None:
        """Offset of the 与/和/同 that introduces ``b``, skipping a body and title before it."""
        pos = b.start
        inner = [x for x in ms if x.end <= b.start and x.start >= sent.start]
        # skip 俄罗斯总统 between the conjunction and the name
        while inner:
            x = inner[-1]
            gap = text[x.end : pos]
            if x.type in ("Place", "Organization", "Enterprise") and gap and self.title_re.match(gap):
                pos = x.start
                inner.pop()
                continue
            break
        if pos > sent.start and text[pos - 1] in PAIR_CONJ:
            return pos - 1
        return None

    @staticmethod
    def _listed_after(b: Mention, ms: list[Mention], rule, text: str, include_self: bool = True) -> list[Mention]:
        """``b`` and the allowed mentions listed right after it (B、C和D)."""
        out = [b]
        k = ms.index(b)
        while k + 1 < len(ms) and ms[k + 1].type in rule.tail and text[ms[k].end : ms[k + 1].start] in LIST_MARKS:
            k += 1
            out.append(ms[k])
        return out

    @staticmethod
    def _trigger_after(m: Mention, rule, text: str, sent: Sentence, window: int = 30) -> bool:
        end = sent.end
        stop = CLAUSE_END.search(text, m.end, sent.end)
        if stop:
            end = stop.start()
        tail = text[m.end : min(end, m.end + window)]
        return any(t in tail for t in rule.triggers)

    def _venue(self, rule, text, sent, ms, bounds):
        if rule.relation == "visited":
            yield from self._visit_frames(rule, text, sent, ms)
            return
        if rule.relation == "attended" and "上" not in rule.triggers:
            yield from self._organisers(rule, text, sent, ms)
            return
        if rule.relation == "attended":
            for ev in (m for m in ms if m.type == "Event"):
                if text.startswith("上", ev.end):
                    # 在…峰会上，习近平… / …峰会上，习近平…
                    for p in ms:
                        if p.type == "Person":
                            yield p, ev
                elif text.startswith("，", ev.end) and LEADING_TIME.fullmatch(text, sent.start, ev.start):
                    # 2020年第七十五届联合国大会一般性辩论，习近平主席…: the occasion opens the sentence
                    p = next((m for m in ms if m.start > ev.end and m.type == "Person"), None)
                    if p is not None and not CLAUSE_END.search(text, ev.end, p.start):
                        yield p, ev
            return
        for trig in rule.triggers:
            for mt in re.finditer(re.escape(trig), sent.text):
                ts = sent.start + mt.start()
                places = [m for m in ms if m.type == "Place" and m.end <= ts and ts - m.end <= 2]
                if not places:
                    continue
                place = places[-1]
                zai = text.rfind("在", sent.start, place.start)
                if zai == -1 or place.start - zai > 2:
                    continue
                events = [m for m in ms if m.type == "Event" and (m.end <= zai or m.start >= ts)]
                if events:
                    ev = min(events, key=lambda m: abs(m.start - ts))
                    yield ev, place
        # a dateline gives the place of the events its first sentence reports:
        # 新华社重庆4月23日电 …主持召开新时代推动西部大开发座谈会
        dl = DATELINE.match(text, sent.start)
        if dl:
            place = next((m for m in ms if m.type == "Place" and dl.start(1) <= m.start and m.end <= dl.end(1)), None)
            if place is not None:
                for ev in (m for m in ms if m.type == "Event" and m.start >= dl.end()):
                    yield ev, place


    def _organisers(self, rule, text, sent, ms):
        """The bodies that host or organise an event attend it (GUIDELINES: the gold counts
        organisers as attending): 由A、B联合主办的EVENT; EVENT由A主办，B承办，C协办;
        A举办EVENT. The bodies are a list ending right at the trigger (联合, 共同 between);
        the event is the one the trigger's 的 describes, else the one the 由 clause is about
        (the last event before 由 in the sentence), else one right after the trigger."""
        ends = [m.end for m in ms]
        events = [k for k, m in enumerate(ms) if m.type == "Event"]
        for mt in self._trigger_re(rule).finditer(sent.text):
            ts, te = sent.start + mt.start(1), sent.start + mt.end(1)
            if text.startswith(ORGANISER_NOUN_AFTER, te):
                continue  # 主办方, 承办单位: the organiser as a noun, not the act
            lim = ts
            joint = ORGANISER_JOINT.search(text, max(sent.start, ts - 4), ts)
            if joint:
                lim = joint.start()
            k = bisect_left(ends, lim + 1) - 1
            if k < 0 or ms[k].end != lim or ms[k].type not in rule.head:
                continue
            heads = self._listed_before(ms, k, text)
            first = heads[0]
            ev = None
            if text.startswith("的", te):
                ev = next((m for m in ms[k + 1 :] if m.type == "Event" and m.start >= te and m.start - te <= 3), None)
            else:
                by = text.rfind("由", sent.start, first.start)
                if text.startswith(("由于", "由此"), by):
                    by = -1  # a cause, not the organiser
                if by != -1 and (first.start - by <= 1 or CLAUSE_MARKS.search(text, by, first.start)):
                    before = [ms[j] for j in events if ms[j].end <= by]
                    ev = before[-1] if before else None
                if ev is None:
                    ev = next((m for m in ms[k + 1 :] if m.type == "Event" and m.start >= te and m.start - te <= 2), None)
            if ev is None:
                continue
            for h in heads:
                yield h, ev

    def _visit_frames(self, rule, text, sent, ms):
        """在 TAIL，(PERSON) TRIGGER: a clause opened by the site of a visit, as tours are
        written (林武来到A，…；在B，听取…；在C，察看…; 在某公司，胡衡华察看…). The visitor is
        the person between the comma and the trigger, else the last person before 在."""
        starts = [m.start for m in ms]
        last_person: list[Mention | None] = [None]  # last_person[j]: the last person of ms[:j]
        for m in ms:
            last_person.append(m if m.type == "Person" else last_person[-1])
        for mt in self._trigger_re(rule).finditer(sent.text):
            ts = sent.start + mt.start(1)
            k = bisect_left(starts, ts) - 1
            if k < 0 or ms[k].end > ts:
                continue
            head = None
            if ms[k].type == "Person" and ms[k].end == ts:
                head, k = ms[k], k - 1  # 在某公司，胡衡华察看
            if k < 0:
                continue
            site = ms[k]
            comma = site.end
            if site.type not in rule.tail or text[comma : comma + 1] not in ("，", ",") or comma + 1 != (head.start if head else ts):
                continue
            if site.start == 0 or text[site.start - 1] != "在":
                continue
            if head is None:
                head = last_person[k]
            if head is not None and head.type in rule.head:
                yield head, site

    def _trigger_re(self, rule) -> re.Pattern:
        pattern = self._patterns.get(rule.id)
        if pattern is None:
            # overlapping search: a longer trigger may start where a shorter one does
            pattern = re.compile("(?=(" + "|".join(re.escape(t) for t in rule.triggers) + "))")
            self._patterns[rule.id] = pattern
        return pattern


def cooccurrences(
    doc: Document,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    max_entities: int,
    skip: Sequence[tuple[int, int]] = (),
) -> tuple[list[tuple[tuple[str, str], Evidence]], dict[str, int]]:
    """Pairs of entities named in the same sentence, and sentence counts per entity.

    Nested names (the place inside 山西省委) do not count; sentences inside page
    furniture do not count; a sentence naming more than ``max_entities`` entities (an
    attendee list) adds no pairs but still counts for its entities.
    """
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.rule.startswith("nested-"):
            continue
        by_sentence[m.sentence].add(m.key)
    skipped = SpanIndex(skip)
    counts: dict[str, int] = defaultdict(int)
    pairs = []
    for s in sentences:
        names = by_sentence.get(s.index)
        if not names:
            continue
        if skipped.reaches(s.start, s.end):
            continue
        for n in names:
            counts[n] += 1
        if len(names) > max_entities:
            continue
        ev = Evidence(doc.id, s.index, s.start, s.end, s.text, "co-occurrence.sentence")
        for a, b in combinations(sorted(names), 2):
            pairs.append(((a, b), ev))
    return pairs, dict(sorted(counts.items()))
