"""The ``title`` engine: BODY TITLE PERSON (晋中市委书记常书铭), chains of titles
(全国人大代表、晋中市委书记常书铭), lists of names sharing one title (新华社记者谢希瑶、郑钧天)
and bare titles that point to a place of their level named in the sentence
(成都市委书记范锐平，市委副书记、市长罗强 → 成都市). The ``appointed`` engine: PERSON
VERB BODY TITLE (任命王晓东为商务部部长, 王晓东当选为山西省省长)."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.relation_base import BARE_LEVELS, CLAUSE_MARKS, EngineBase, last_clause_mark
from kg.extract.title_run import TitleRun
from kg.model import Mention, Sentence

#: A company's sub-unit between a place and a title: the post is in the company, not the place.
COMPANY_IN_GAP = re.compile(r"公司|集团|能源|科技|重工|股份|银行")
#: Titles of the head of a place's government: the post is in the place as well.
LEADER_OF_PLACE = re.compile(r"省长|市长|县长|区长|州长|自治区主席")
#: A title naming the level by itself: 市长 is the mayor of a city.
LEVEL_TITLES = (("省长", "省"), ("市长", "市"), ("县长", "县"), ("区长", "区"), ("自治区主席", "自治区"))
#: What may stand before the first bare title of a clause (受省委书记王某委托).
BARE_OPENERS = frozenset("受由经据与和同及向对请")
#: A run of bare titles opens after a mark, not right after a name.
BARE_RUN_OPENS = re.compile(f"[{CLAUSE_MARKS}、]")
#: A place right after these is where a person goes or stays, not the place of the post
#: (省长马兴瑞率团访港: the governor of 广东, not of 香港).
DESTINATION_MARKS = frozenset("在赴到往抵至来访")
#: The bodies of a zone, which stand for the zone named before them (高新区党工委书记、管委会主任).
ZONE_BODIES = ("管委会", "党工委")
#: Verbs of holding a post, before the body of a title followed by 的 and the name
#: (担任河北正定县委书记的习近平, 时任山西省委书记的某某); a place may stand between.
TOOK_OFFICE = re.compile(r"(?:担任|时任|曾任|出任)[^，。；、,;]{0,8}$")
#: An envoy's title after the place that is its topic (也门问题特使, 中国事务特使).
TOPIC_ENVOY = re.compile(r"(?:问题|事务)(?:特使|特别代表|特别顾问|特别协调员|高级代表)")
#: What ends the titles of a post named after its body (任命王晓东为商务部部长，…): a mark of
#: a clause, 职务 or 一职 (the post as a thing: 担任外交部长一职), or the sentence's end.
_POST_AFTER_ENDS = re.compile(r"[，。；,;：:！？!?（(]|职务|一职")
#: A bare body after a mark of a chain of titles, by the bare bodies of the resources.
_CHAINED_BARE: dict[tuple[str, ...], re.Pattern[str]] = {}
#: Between two names listed under one title (谢希瑶、郑钧天).
_NAMES_GAP = re.compile(r"[\s、和及]*")
#: Characters of the levels a bare title may name (省长, 市委书记): such a title points to a place.
_LEVEL_CHARS = frozenset("".join(BARE_LEVELS))


def _bare_run_level(gap: str, titles: TitleRun, bodies: tuple[str, ...]) -> str | None:
    """The level a run of bare titles names: ``"市"`` for ``，市委副书记、市长``, ``""``
    for a run with a bare body and no level (``政协副主席``), None when the gap is not a
    run of bare titles (``书记说``, ``党委书记``: a title alone names no body).

    The gap is cut at the last clause mark; what remains is titles separated by 、 or 兼,
    each after an optional level and bare body, the first after an optional opener.
    """
    if not titles.ends_with_title(gap):
        return None  # the last item of a run is a title (most gaps end otherwise)
    cut = last_clause_mark(gap, 0, len(gap))
    run = gap[cut + 1 :].strip().lstrip("、")  # 省委书记尹弘、省长叶建春: a 、 after the name before
    if run and run[0] in BARE_OPENERS:
        run = run[1:]
    items = re.split(r"[、兼和及\s]+", run)
    if not run or not all(items):
        return None
    level: str | None = None
    bare_body = False
    for item in items:
        parsed = _bare_item(item, titles, bodies)
        if parsed is None:
            return None
        item_level, body = parsed
        if level is None and item_level:
            level = item_level
        bare_body = bare_body or body
    if level is None:
        return "" if bare_body else None
    return level


def _bare_item(item: str, titles: TitleRun, bodies: tuple[str, ...]) -> tuple[str, bool] | None:
    """(level, has a bare body) of one bare title (市委副书记 → ("市", True)), or None."""
    for lv in ("", *BARE_LEVELS):
        if not item.startswith(lv):
            continue
        rest = item[len(lv) :]
        for body in ("", *bodies):
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


class TitleEngine(EngineBase):
    """holds_position from titles between bodies and names."""

    # ----------------------------------------------------------------- engines
    def _title(self, rule, text, sent, ms, bounds):
        held: dict[int, list[Mention]] = {}
        appointed = self._appointed_rule
        for i, p in enumerate(ms):
            if p.type != "Person":
                continue
            if appointed is not None and self._post_after(appointed, text, sent, ms, i) is not None:
                # 副主任、庹震为教科卫体委员会副主任: the post comes after the name, and the
                # titles before it are the last name's (nor do names after it share them)
                held[i] = []
                continue
            if rule.blockers and self._role_only(rule, text, sent, ms, i):
                held[i] = []  # 中国选手谷爱凌: a role, not a post (and none for the names listed after)
                continue
            bodies: list[Mention] = []
            pos = p.start
            k = i - 1
            # a list of names shares the title: 新华社记者谢希瑶、郑钧天
            if k >= 0 and ms[k].type == "Person" and _NAMES_GAP.fullmatch(text[ms[k].end : p.start]):
                bodies.extend(held.get(k, []))
            else:
                topic = False  # a place named as an envoy's topic was read over (see below)
                while k >= 0:
                    m = ms[k]
                    gap = text[m.end : pos]
                    if pos == p.start and gap.endswith("的") and TOOK_OFFICE.search(text, max(sent.start, m.start - 12), m.start):
                        gap = gap[:-1]  # 担任河北正定县委书记的习近平: the post held, then the name
                    if pos == p.start and m.type == "Place" and TOPIC_ENVOY.fullmatch(gap):
                        # 联合国也门问题特使格伦德贝里, 中国政府中东问题特使翟隽: the place is the
                        # envoy's topic; the post is in the body named before it
                        topic = True
                        pos = m.start
                        k -= 1
                        continue
                    if topic and gap == "" and m.type in rule.tail and not bodies:
                        bodies.append(m)
                        break
                    if m.type in rule.tail and gap and self._post_gap(text, m, gap) and not (
                        m.type == "Place" and COMPANY_IN_GAP.search(gap)
                    ):
                        if text[m.start - 1 : m.start] == "驻":
                            # 中国驻越南大使何炜, 俄罗斯常驻维也纳国际组织代表X: an envoy holds a
                            # post of the state that sends him, named before 驻, not of the host
                            sender = ms[k - 1] if k > 0 else None
                            if sender is not None and sender.type in rule.tail and text[sender.end : m.start] in ("驻", "常驻"):
                                bodies.append(sender)
                            break
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
                if not bodies and i > 0 and ms[i - 1].type == "Person":
                    # 中联办主任王志民、副主任陈冬, 商务部部长王文涛、副部长盛秋平: a title with no
                    # body and no level after a titled name is held in that name's body
                    gap = text[ms[i - 1].end : p.start]
                    if gap.startswith("、") and self.title_re.match(gap[1:]) and not _LEVEL_CHARS.intersection(gap):
                        bodies.extend(b for b in held.get(i - 1, ()) if b.type != "Place")
            held[i] = bodies
            for b in bodies:
                yield p, b

    def _appointed(self, rule, text, sent, ms, bounds):
        """PERSON VERB BODY TITLE: 任命王晓东为商务部部长，赵志刚为水利部部长; 王晓东当选为山西省
        省长 (a place's head holds his post in the place, as in the title engine)."""
        for i, p in enumerate(ms):
            if p.type == "Person":
                body = self._post_after(rule, text, sent, ms, i)
                if body is not None:
                    yield p, body

    @cached_property
    def _appointed_rule(self):
        """The rule of the ``appointed`` engine, if the rules have one: its names take no
        post from the titles before them."""
        return next((r for r in self.rules if r.engine == "appointed"), None)

    def _post_after(self, rule, text: str, sent: Sentence, ms: list[Mention], i: int) -> Mention | None:
        """The body of the post ``ms[i]`` takes after one of the rule's verbs: the mention
        right after the verb, followed by titles only up to a mark, 职务, the sentence's end
        or the next name of a list (、赵志刚为…)."""
        p = ms[i]
        if i + 1 >= len(ms):
            return None
        body = ms[i + 1]
        if body.type not in rule.tail or text[p.end : body.start] not in rule.triggers:
            return None
        end = sent.end
        if i + 2 < len(ms):
            after = ms[i + 2]
            end = after.start - 1 if after.type == "Person" and text[after.start - 1 : after.start] == "、" else after.start
        stop = _POST_AFTER_ENDS.search(text, body.end, end)
        gap = text[body.end : stop.start() if stop else end]
        return body if gap and self._post_gap(text, body, gap) else None

    @staticmethod
    def _role_only(rule, text: str, sent: Sentence, ms: list[Mention], i: int) -> bool:
        """Whether the title right before ms[i] is one of the rule's blockers: a role that
        is no post (选手, 运动员: 中国选手谷爱凌 competes for China and holds nothing there;
        GUIDELINES count posts: 书记, 总经理, 总统). The title right before the name decides:
        the roles stay titles of the lexicon, which tell a name after them is a person."""
        left = ms[i - 1].end if i > 0 else sent.start
        gap = text[left : ms[i].start].rstrip()
        return any(gap.endswith(b) for b in rule.blockers if b)

    def _post_gap(self, text: str, body: Mention, gap: str) -> bool:
        """The gap between a body and a name holds its titles; a title may share the
        body's last character (外交部长王毅: 外交部 + 部长). A later title of the chain may
        be held in a bare body, which stands for a body named before (高新区党工委书记、
        管委会主任潘小进; 省委常委、省委秘书长): the gap is read without it."""
        if self.post_re.match(gap):
            return True
        if gap[0] == "长" and body.end - body.start >= 3 and self.title_re.match(text[body.end - 1 : body.end + len(gap)]):
            return True
        if "、" not in gap and "兼" not in gap:
            return False
        bare = _CHAINED_BARE.get(self.bare_bodies)
        if bare is None:
            bodies = "|".join(map(re.escape, (*self.bare_bodies, *ZONE_BODIES)))
            bare = _CHAINED_BARE[self.bare_bodies] = re.compile(f"(?<=[、兼])(?:{'|'.join(BARE_LEVELS)})?(?:{bodies})")
        stripped = bare.sub("", gap)
        return stripped != gap and bool(stripped) and self.post_re.match(stripped)

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
        level = _bare_run_level(text[left : p.start], self.title_re, self.bare_bodies)
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
