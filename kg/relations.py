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
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from .model import SYMMETRIC, Document, Evidence, Mention, Relation, Sentence, Token
from .resources import RelationRule, Resources
from .segment import TokenBounds
from .spans import SpanIndex

#: A news agency's dateline: agency, place, date, 电 (新华社重庆4月23日电).
DATELINE = re.compile(r"(?:新华社|中新社|本报|人民网|央视网消息)(?:记者[\u4e00-\u9fff、 ]{0,12})?([\u4e00-\u9fff]{2,8}?)\d{1,2}月\d{1,2}日电")
#: What may stand before an event that opens a sentence: a date, nothing else.
LEADING_TIME = re.compile(r"[\s\d年月日号，,、－\-—至到初底中旬上下]*")
#: A company's sub-unit between a place and a title: the post is in the company, not the place.
COMPANY_IN_GAP = re.compile(r"公司|集团|能源|科技|重工|股份|银行")
CLAUSE_END = re.compile(r"[。！？；!?;]")
PAIR_CONJ = ("与", "和", "同", "跟", "及")
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
                    if m.type in rule.tail and gap and self.post_re.match(gap) and not (
                        m.type == "Place" and COMPANY_IN_GAP.search(gap)
                    ):
                        bodies.append(m)
                        if m.type == "Organization" and re.search(r"(?:省长|市长|县长|区长|州长)", gap):
                            # 宁德市委副书记、市长潘国强: a mayor holds a post in the place too
                            bodies.extend(n for n in self._nested if m.start <= n.start and n.end <= m.end and n.type == "Place")
                        pos = m.start
                        k -= 1
                        continue
                    break
            held[i] = bodies
            for b in bodies:
                yield p, b

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
        while k + 1 < len(ms) and re.fullmatch(r"[、和及与]", text[ms[k].end : ms[k + 1].start]):
            k += 1
            out.append(ms[k])
        return out

    def _trigger(self, rule, text, sent, ms, bounds):
        pattern = self._patterns.get(rule.id)
        if pattern is None:
            # overlapping search: a longer trigger may start where a shorter one does
            pattern = re.compile("(?=(" + "|".join(re.escape(t) for t in rule.triggers) + "))")
            self._patterns[rule.id] = pattern
        for mt in pattern.finditer(sent.text):
            ts, te = sent.start + mt.start(1), sent.start + mt.end(1)
            if ts not in bounds.starts or (te not in bounds.ends and not any(m.start == te for m in ms)):
                continue  # 访华: the tail may start inside the trigger's token
            clause_end = sent.end
            stop = CLAUSE_END.search(text, te, sent.end)
            if stop:
                clause_end = stop.start()
            after = [m for m in ms if te <= m.start and m.end <= clause_end and m.type in rule.tail]
            group = self._tail_group(after, text) if after and after[0].start - te <= rule.max_gap else []
            if group and group[0].type != "Person" and "的" in text[te : group[0].start]:
                # 会见来华进行国事访问的法国总统马克龙: the trigger is inside a clause that
                # describes a person, and the place is that person's country
                nxt = next((m for m in ms if m.start >= group[0].end), None)
                if nxt is not None and nxt.type == "Person" and self.title_re.match(text[group[0].end : nxt.start]):
                    group = []
            head_limit = ts
            if rule.before_trigger:
                # 在 TAIL TRIGGER (在山西考察调研), 对 TAIL 进行访问
                near = [m for m in ms if m.end <= ts and ts - m.end <= 3 and m.type in rule.tail]
                if near:
                    m = near[-1]
                    prep = max(text.rfind(p, max(sent.start, m.start - 12), m.start) for p in "在对到赴")
                    if prep != -1:
                        group = [m, *group]
                        head_limit = prep
            if not group:
                continue
            before = [m for m in ms if m.end <= head_limit and m.type in rule.head]
            if not before and text.startswith("的", te):
                # 正在希腊访问的习近平主席: the clause describes the person after 的
                after_de = next((m for m in ms if m.start > te and m.type in rule.head), None)
                if after_de is not None and after_de.start - te <= 3 and after_de not in group:
                    before = [after_de]
            for head in self._pick_heads(before, ms, rule, text, ts, bounds):
                for t in group:
                    yield head, t

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
            if i + 1 < len(after) and re.fullmatch(r"[、和及与]", text[m.end : after[i + 1].start]):
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
        cur = head
        while k >= 0:
            m = ms[k]
            if m.type == "Person":
                gap = text[m.end : cur.start]
                # what lies between two listed names: punctuation, titles and the bodies they hold
                inner = [x for x in ms if m.end <= x.start and x.end <= cur.start]
                for x in sorted(inner, key=lambda x: -x.start):
                    gap = gap[: x.start - m.end] + gap[x.end - m.end :]
                if re.fullmatch(r"[\s、，,和及与]*", gap) or self.title_re.match(gap):
                    out.append(m)
                    cur = m
                else:
                    break
            k -= 1
        return out

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
        while k + 1 < len(ms) and ms[k + 1].type in rule.tail and re.fullmatch(r"[、和及与]", text[ms[k].end : ms[k + 1].start]):
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
